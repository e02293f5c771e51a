// Import jobs of footfall counts (客流): created, updated, unchanged and rejected rows, with the
// rule of POST /footfall-counts that a store day has one whole-day count or hourly counts.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  for (const [code, name] of [['0001', '静安寺店'], ['0002', '徐家汇店']]) {
    const created = await send(server.url, 'POST', '/stores', { token: admin, body: { code, name } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
});
afterAll(() => server.close());

type Count = { store_code: string; business_date: string; hour?: number | null; visitors: number };

/** Run one import job of footfall rows (lines 2, 3, …) and return the batch reply. */
async function importCounts(counts: Count[], options: { mode?: string; language?: string; token?: string } = {}) {
  const token = options.token ?? admin;
  const job = await send(server.url, 'POST', '/imports', { token, body: { resource: 'footfall', file_name: '客流.csv', ...(options.mode ? { mode: options.mode } : {}) } });
  expect(job.status, JSON.stringify(job.body)).toBe(201);
  const rows = counts.map((fields, index) => ({ line: index + 2, fields }));
  const reply = await send(server.url, 'POST', `/imports/${job.body.id as string}/batches`, {
    token,
    body: { sequence: 1, rows },
    headers: { 'accept-language': options.language ?? 'en' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Return the rejected rows of a batch reply, which lists every row that was not created. */
function rejectedRows(reply: { results: { outcome: string }[] }): any[] {
  return reply.results.filter((result) => result.outcome === 'rejected');
}

/** Read the stored counts of a store day, as `hour → visitors` with -1 for the whole day. */
async function storedDay(storeCode: string, date: string): Promise<Record<number, number>> {
  const { rows } = await sql<{ hour: number; visitors: number }>`select hour, visitors from footfall_counts where store_code = ${storeCode} and business_date = ${date} order by hour`.execute(server.database.db);
  return Object.fromEntries(rows.map((row) => [Number(row.hour), Number(row.visitors)]));
}

describe('footfall import job', () => {
  it('creates whole-day and hourly counts, rejects unknown stores', async () => {
    const reply = await importCounts([
      { store_code: '0001', business_date: '2026-11-01', visitors: 812 },
      { store_code: '0001', business_date: '2026-11-02', hour: 10, visitors: 50 },
      { store_code: '0001', business_date: '2026-11-02', hour: 11, visitors: 65 },
      { store_code: '0009', business_date: '2026-11-01', visitors: 10 },
    ]);
    expect(reply.counts).toEqual({ received: 4, created: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(reply.results).toEqual([
      {
        line: 5,
        outcome: 'rejected',
        key: '0009/2026-11-01',
        errors: [{ field: 'store_code', code: 'reference_not_found', message: expect.stringContaining('store "0009" does not exist'), value: '0009' }],
      },
    ]);
    expect(await storedDay('0001', '2026-11-01')).toEqual({ [-1]: 812 });
    expect(await storedDay('0001', '2026-11-02')).toEqual({ 10: 50, 11: 65 });
  });

  it('leaves the same rows unchanged, replaces changed ones', async () => {
    const reply = await importCounts([
      { store_code: '0001', business_date: '2026-11-01', hour: null, visitors: 812 },
      { store_code: '0001', business_date: '2026-11-02', hour: 10, visitors: 50 },
      { store_code: '0001', business_date: '2026-11-02', hour: 11, visitors: 70 },
      { store_code: '0001', business_date: '2026-11-02', hour: 12, visitors: 90 },
    ]);
    expect(reply.counts).toEqual({ received: 4, created: 1, updated: 1, unchanged: 2, rejected: 0 });
    expect(reply.results.map((result: { line: number; outcome: string; key: string }) => [result.line, result.outcome, result.key])).toEqual([
      [2, 'unchanged', '0001/2026-11-01'],
      [3, 'unchanged', '0001/2026-11-02/10:00'],
      [4, 'updated', '0001/2026-11-02/11:00'],
    ]);
    expect(await storedDay('0001', '2026-11-02')).toEqual({ 10: 50, 11: 70, 12: 90 });
  });

  it('rejects an hourly row for a whole-day day', async () => {
    const reply = await importCounts([{ store_code: '0001', business_date: '2026-11-01', hour: 9, visitors: 30 }]);
    expect(reply.counts).toMatchObject({ created: 0, rejected: 1 });
    expect(reply.results).toEqual([
      {
        line: 2,
        outcome: 'rejected',
        key: '0001/2026-11-01/09:00',
        errors: [
          {
            field: 'hour',
            code: 'import_footfall_whole_day_stored',
            message:
              'hour: store "0001" has a whole-day count of 812 visitors for 2026-11-01, and a store day holds either one whole-day count or hourly counts, never both; leave the hour empty to replace the whole-day count, or remove this row',
            value: 9,
          },
        ],
      },
    ]);
    expect(await storedDay('0001', '2026-11-01')).toEqual({ [-1]: 812 });
  });

  it('rejects a whole-day row for an hourly day, in Chinese', async () => {
    const reply = await importCounts([{ store_code: '0001', business_date: '2026-11-02', visitors: 300 }], { language: 'zh-CN' });
    expect(reply.counts).toMatchObject({ created: 0, rejected: 1 });
    const error = reply.results[0].errors[0];
    expect(error).toMatchObject({ field: 'hour', code: 'import_footfall_hourly_stored', value: null });
    expect(error.message).toBe(
      'hour: 门店“0001”2026-11-02 已有分时客流（3 个小时，共 210 人），而同一门店同一天只能有一条全天客流或若干条分时客流，不能两者并存；请按小时填写该日客流，或删除此行',
    );
    expect(await storedDay('0001', '2026-11-02')).toEqual({ 10: 50, 11: 70, 12: 90 });
  });

  it('lets the first row decide a new day', async () => {
    const reply = await importCounts([
      { store_code: '0002', business_date: '2026-11-03', hour: 8, visitors: 12 },
      { store_code: '0002', business_date: '2026-11-03', visitors: 400 },
      { store_code: '0002', business_date: '2026-11-04', visitors: 380 },
      { store_code: '0002', business_date: '2026-11-04', hour: 8, visitors: 15 },
    ]);
    expect(reply.counts).toEqual({ received: 4, created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(rejectedRows(reply).map((result) => [result.line, result.errors[0].code])).toEqual([
      [3, 'import_footfall_hourly_stored'],
      [5, 'import_footfall_whole_day_stored'],
    ]);
    expect(await storedDay('0002', '2026-11-03')).toEqual({ 8: 12 });
    expect(await storedDay('0002', '2026-11-04')).toEqual({ [-1]: 380 });
  });

  it('insert mode rejects changed counts', async () => {
    const reply = await importCounts(
      [
        { store_code: '0001', business_date: '2026-11-01', visitors: 812 },
        { store_code: '0001', business_date: '2026-11-02', hour: 10, visitors: 99 },
        { store_code: '0001', business_date: '2026-11-02', hour: 13, visitors: 40 },
      ],
      { mode: 'insert', language: 'zh-CN' },
    );
    expect(reply.counts).toEqual({ received: 3, created: 1, updated: 0, unchanged: 1, rejected: 1 });
    const [rejected] = rejectedRows(reply);
    expect(rejected).toMatchObject({ line: 3, key: '0001/2026-11-02/10:00', errors: [{ code: 'import_record_exists' }] });
    expect(rejected.errors[0].message).toContain('键为“0001/2026-11-02/10:00”的记录已存在');
    expect(await storedDay('0001', '2026-11-02')).toEqual({ 10: 50, 11: 70, 12: 90, 13: 40 });
  });

  it('update mode rejects new counts', async () => {
    const reply = await importCounts(
      [
        { store_code: '0001', business_date: '2026-11-01', visitors: 820 },
        { store_code: '0001', business_date: '2026-11-05', visitors: 700 },
      ],
      { mode: 'update' },
    );
    expect(reply.counts).toEqual({ received: 2, created: 0, updated: 1, unchanged: 0, rejected: 1 });
    expect(rejectedRows(reply)).toMatchObject([{ line: 3, key: '0001/2026-11-05', errors: [{ code: 'import_record_missing' }] }]);
    expect(await storedDay('0001', '2026-11-01')).toEqual({ [-1]: 820 });
    expect(await storedDay('0001', '2026-11-05')).toEqual({});
  });

  it('rejects hours outside 0 to 23', async () => {
    const reply = await importCounts([
      { store_code: '0001', business_date: '2026-11-06', hour: 24, visitors: 5 },
      { store_code: '0001', business_date: '2026-11-06', hour: 23, visitors: 5 },
    ]);
    expect(reply.counts).toEqual({ received: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(rejectedRows(reply).map((result) => [result.line, result.errors[0].field, result.errors[0].code])).toEqual([[2, 'hour', 'maximum']]);
  });

  it('dry run writes nothing', async () => {
    const job = await send(server.url, 'POST', '/imports', { token: admin, body: { resource: 'footfall', file_name: '客流.csv', dry_run: true } });
    const reply = await send(server.url, 'POST', `/imports/${job.body.id as string}/batches`, {
      token: admin,
      body: { sequence: 1, rows: [{ line: 2, fields: { store_code: '0002', business_date: '2026-11-07', visitors: 600 } }] },
    });
    expect(reply.body).toMatchObject({ dry_run: true, counts: { created: 1 } });
    expect(await storedDay('0002', '2026-11-07')).toEqual({});
  });
});
