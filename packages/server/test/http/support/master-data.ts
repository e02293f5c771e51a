import { expect } from 'vitest';
import { send, type Reply } from '../../../../../test-support/http.js';

/** Accept-Language header for Chinese messages. */
export const ZH = { 'accept-language': 'zh-CN' };

/**
 * Walk every page of a list with `limit=2` and return the codes in the order received. Each page
 * must return 200.
 */
export async function listAllCodes(baseUrl: string, path: string, token: string, params: Record<string, string>): Promise<string[]> {
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '2', ...params, ...(cursor ? { cursor } : {}) });
    const page: Reply = await send(baseUrl, 'GET', `${path}?${query}`, { token });
    expect(page.status, `${path}?${query}`).toBe(200);
    codes.push(...page.body.data.map((record: { code: string }) => record.code));
    cursor = page.body.next_cursor;
  } while (cursor);
  return codes;
}

/** Return the field and code of each entry of a 422 reply's `errors`, in the order the server sent them. */
export function issuesOf(reply: Reply): { field: string; code: string }[] {
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  return reply.body.errors.map((e: { field: string; code: string }) => ({ field: e.field, code: e.code }));
}

/** Return the message of the error on `field` in a 422 reply. */
export function messageOf(reply: Reply, field: string): string {
  const entry = reply.body.errors.find((e: { field: string }) => e.field === field);
  expect(entry, `no error on ${field} in ${JSON.stringify(reply.body.errors)}`).toBeDefined();
  return entry.message as string;
}

/** Order issues by field path, comparing code units so the order does not depend on the locale. */
export function byField(a: { field: string }, b: { field: string }): number {
  if (a.field < b.field) return -1;
  if (a.field > b.field) return 1;
  return 0;
}
