import { ApiError } from '../http/api-error.js';
import { SlaError } from './sla/index.js';

/**
 * Run SLA library code, turning an SlaError into a 422 problem with the library's stable code
 * and one field issue per invalid input, under the request field `prefix` (`body.calendar`).
 */
export function withSlaErrors<T>(work: () => T, prefix = 'body'): T {
  try {
    return work();
  } catch (error) {
    throw toApiError(error, prefix);
  }
}

export function toApiError(error: unknown, prefix = 'body'): unknown {
  if (!(error instanceof SlaError)) return error;
  const issues = error.issues.map((issue) => ({
    field: `${prefix}.${snakeField(issue.field)}`,
    code: issue.code,
    params: issue.params,
  }));
  return new ApiError(422, error.code, error.params, issues);
}

// The library names fields in camelCase (weeklyHours.mon[0].start); the API in snake_case.
function snakeField(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
