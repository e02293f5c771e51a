import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { expectStatus, ZH } from './support.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  for (const code of ['B001', 'B002', 'B003']) {
    await expectStatus(server, 201, 'POST', '/stores', { token: admin, body: { code, name: `门店${code}`, opened_on: '2021-06-01' } });
  }
});
afterAll(() => server.close());

const stagesOf = async (code: string) =>
  (await expectStatus(server, 200, 'GET', `/stores/${code}/stages`, { token: admin })).body.data.map((row: { stage: string }) => row.stage);

describe('a batch of moves', () => {
  const rows = [
    { row: 2, store_code: 'B001', to_stage: 'renovating', override_reason: '季度调优' },
    { row: 3, store_code: 'B001', to_stage: 'operating', override_reason: '调优完成' },
    { row: 4, store_code: 'B002', to_stage: 'closed', override_reason: '直接闭店' },
    { row: 5, store_code: 'NOPE', to_stage: 'renovating' },
    { row: 6, store_code: 'B003', to_stage: 'renovating' },
  ];

  it('reports every row of a dry run and writes nothing', async () => {
    const reply = await expectStatus(server, 200, 'POST', '/store-transitions', { token: admin, body: { dry_run: true, rows } });
    expect(reply.body).toMatchObject({ dry_run: true, atomic: true, applied: false, counts: { total: 5, valid: 2, rejected: 3, applied: 0 } });
    expect(reply.body.rows.map((row: { row: number; status: string; error: { code: string } | null }) => [row.row, row.status, row.error?.code ?? null])).toEqual([
      [2, 'valid', null],
      [3, 'valid', null],
      [4, 'rejected', 'transition_not_allowed'],
      [5, 'rejected', 'not_found'],
      [6, 'rejected', 'checklist_incomplete'],
    ]);
    expect(reply.body.rows[0]).toMatchObject({ from_stage: 'operating', transition_id: null, overridden: true });
    expect(reply.body.rows[1].from_stage).toBe('renovating');
    expect(await stagesOf('B001')).toEqual(['operating']);
    const history = await expectStatus(server, 200, 'GET', '/history/store/B001', { token: admin });
    expect(history.body.data.map((event: { action: string }) => event.action)).toEqual(['create']);
  });

  it('applies nothing in an atomic batch with a rejected row', async () => {
    const reply = await expectStatus(server, 200, 'POST', '/store-transitions', { token: admin, body: { rows } });
    expect(reply.body).toMatchObject({ dry_run: false, applied: false, counts: { valid: 2, rejected: 3, applied: 0 } });
    expect(await stagesOf('B001')).toEqual(['operating']);
  });

  it('applies the valid rows in order when not atomic, and says why the others failed in Chinese', async () => {
    const reply = await expectStatus(server, 200, 'POST', '/store-transitions', { token: admin, body: { atomic: false, rows }, headers: ZH });
    expect(reply.body).toMatchObject({ applied: true, counts: { total: 5, valid: 2, rejected: 3, applied: 2 } });
    expect(reply.body.rows[0].status).toBe('applied');
    expect(reply.body.rows[0].transition_id).toEqual(expect.any(String));
    expect(reply.body.rows[3].error.message).toMatch(/^找不到门店“NOPE”/);
    expect(reply.body.rows[4].error.message).toContain('还有 1 个必办事项未完成：renovation_plan。');
    expect(await stagesOf('B001')).toEqual(['operating', 'renovating', 'operating']);
    expect(await stagesOf('B003')).toEqual(['operating']);
  });

  it('reports invalid dates per row with the field message', async () => {
    const reply = await expectStatus(server, 200, 'POST', '/store-transitions', {
      token: admin,
      body: { dry_run: true, rows: [{ store_code: 'B003', to_stage: 'renovating', override_reason: 'x', effective_on: '2999-01-01' }] },
    });
    expect(reply.body.rows[0]).toMatchObject({ row: 1, status: 'rejected', error: { code: 'validation_failed' } });
    expect(reply.body.rows[0].error.message).toContain('body.effective_on: must not be after today');
  });

  it('applies everything when every row passes', async () => {
    const reply = await expectStatus(server, 200, 'POST', '/store-transitions', {
      token: admin,
      body: { rows: [{ store_code: 'B002', to_stage: 'closing', override_reason: '租约到期' }, { store_code: 'B002', to_stage: 'closed', override_reason: '租约到期' }] },
    });
    expect(reply.body).toMatchObject({ applied: true, counts: { valid: 2, rejected: 0, applied: 2 } });
    const store = await expectStatus(server, 200, 'GET', '/stores/B002', { token: admin });
    expect(store.body.lifecycle_stage).toBe('closed');
  });

  it('rejects a batch that is empty or too long before looking at rows', async () => {
    const empty = await expectStatus(server, 422, 'POST', '/store-transitions', { token: admin, body: { rows: [] } });
    expect(empty.body.errors[0]).toMatchObject({ field: 'body.rows', code: 'minItems' });
    const long = Array.from({ length: 2001 }, () => ({ store_code: 'B003', to_stage: 'renovating' }));
    const tooLong = await expectStatus(server, 422, 'POST', '/store-transitions', { token: admin, body: { rows: long } });
    expect(tooLong.body.errors[0]).toMatchObject({ field: 'body.rows', code: 'maxItems' });
  });

  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
