import { expect } from 'vitest';
import { send, type Reply } from '../../../../test-support/http.js';
import type { TestServer } from '../../../../test-support/server.js';

/** Accept-Language header for Chinese messages. */
export const ZH = { 'accept-language': 'zh-CN' };

/** Send a request and fail with the reply's body when the status is not `status`. */
export async function expectStatus(server: TestServer, status: number, method: string, path: string, options: Parameters<typeof send>[3] = {}): Promise<Reply> {
  const reply = await send(server.url, method, path, options);
  expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.body)}`).toBe(status);
  return reply;
}

/** Tick every open item of the store's current checklist as admin, with evidence where needed. */
export async function tickAll(server: TestServer, token: string, code: string): Promise<void> {
  const checklist = await expectStatus(server, 200, 'GET', `/stores/${code}/checklist`, { token });
  for (const item of checklist.body.items as { key: string; done: boolean }[]) {
    if (item.done) continue;
    await expectStatus(server, 200, 'PATCH', `/stores/${code}/checklist/${item.key}`, { token, body: { done: true, evidence_ref: `DOC-${item.key}` } });
  }
}

/** Move a store through `stages` in order as admin, ticking each checklist first. */
export async function walk(server: TestServer, token: string, code: string, stages: string[]): Promise<void> {
  for (const stage of stages) {
    await tickAll(server, token, code);
    await expectStatus(server, 201, 'POST', `/stores/${code}/transitions`, { token, body: { to_stage: stage } });
  }
}
