// `boh history` and GET /history cover the audited records of tickets and the ledger, not only
// master data; store managers see a ticket's history only for their own stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { send } from '../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let admin: string;
let env: Record<string, string>;
let ticket: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: admin };
  const call = (method: string, path: string, body: unknown) => send(server.url, method, path, { token: admin, body });
  await call('POST', '/stores', { code: '0001', name: '静安寺店' });
  await call('POST', '/stores', { code: '0002', name: '陆家嘴店' });
  ticket = (await call('POST', '/tickets', { store_code: '0001', category: 'fryer', title: '炸炉不加热' })).body.code;
  await call('PATCH', `/tickets/${ticket}`, { priority: 'urgent' });
  await call('PUT', '/ledger/posting-rules/revenue/takeaway', { account_code: '5051' });
});
afterAll(() => server.close());

describe('history of tickets and ledger records', () => {
  it('shows a ticket’s changes, newest first', async () => {
    const result = await runBoh(['history', 'ticket', ticket, '--json'], { env });
    expect(result.code).toBe(0);
    const events = JSON.parse(result.stdout);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(events[0].changes).toContainEqual({ field: 'priority', before: 'normal', after: 'urgent' });
    const text = await runBoh(['history', 'ticket', ticket, '--lang', 'zh-CN'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/priority\s+normal\s+urgent/);
  });

  it('shows a posting rule keyed rule/qualifier', async () => {
    const result = await runBoh(['history', 'posting-rule', 'revenue/takeaway', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ resource: 'posting_rule', key: 'revenue/takeaway', action: 'create' })]);
  });

  it('lets a store manager read the tickets of its own stores only', async () => {
    const own = await server.token('store_manager', ['0001']);
    const other = await server.token('store_manager', ['0002']);
    expect((await send(server.url, 'GET', `/history/ticket/${ticket}`, { token: own })).status).toBe(200);
    const refused = await send(server.url, 'GET', `/history/ticket/${ticket}`, { token: other });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('store_out_of_scope');
  });

  it('names the resources it knows when given another', async () => {
    const result = await runBoh(['history', 'journal-entry', '1'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ticket');
    expect(result.stderr).toContain('posting-rule');
  });
});
