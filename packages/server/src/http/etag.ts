import { ApiError } from './api-error.js';

/** The strong ETag of a record version: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Read an If-Match header: the version it names, `'any'` for `*`, or undefined when absent.
 * Weak tags (`W/"3"`) and bare numbers are accepted because proxies and scripts send them.
 */
export function parseIfMatch(header: string | undefined): number | 'any' | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (value === '*') return 'any';

  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(value);
  if (!match) throw new ApiError(400, 'invalid_if_match', { value });
  return Number(match[1]);
}

/** Reject with 412 when If-Match names a version other than the stored one. */
export function assertVersion(
  expected: number | 'any' | undefined,
  current: number,
  resource: string,
  key: string,
): void {
  if (expected === undefined || expected === 'any' || expected === current) return;
  throw new ApiError(412, 'precondition_failed', { resource, key, current, expected }, [], { ETag: etagOf(current) });
}
