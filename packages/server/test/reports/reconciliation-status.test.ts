import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

// The reconciliation-status report keeps a bank run's items apart from a channel run's items:
// a matched WeChat payment and the bank credit that settles it are the same money.

type Run = components['schemas']['ReportRun'];

let server: TestServer;
let boh: BohClient;
let run: Run;

const NOW = '2024-02-01T00:00:00Z';

async function insertReconciliation(id: string, channel: string, items: { state: string; amount_fen: number; store_code?: string }[]): Promise<void> {
  const db = server.database.db as any;
  await db
    .insertInto('reconciliations')
    .values({
      id,
      channel,
      period: '2024-01',
      store_code: '',
      statement_ids: JSON.stringify([]),
      tolerance_fen: 0,
      window_seconds: 0,
      write_off_account: '6711',
      time_zone: 'Asia/Shanghai',
      summary: JSON.stringify({}),
      unexplained_count: 0,
      unexplained_fen: 0,
      runs: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('reconciliation_items')
    .values(
      items.map((item, index) => ({
        reconciliation_id: id,
        item_id: index + 1,
        state: item.state,
        reason: 'test',
        score: 100,
        amount_fen: item.amount_fen,
        difference_fen: 0,
        fee_milli_fen: 0,
        business_date: '2024-01-10',
        store_code: item.store_code ?? null,
        pos_refs: '',
        line_refs: '',
      })),
    )
    .execute();
}

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'en' });
  await insertReconciliation('rec_wechat', 'wechat', [
    { state: 'matched', amount_fen: 10_000, store_code: '0001' },
    { state: 'matched', amount_fen: 5_000, store_code: '0002' },
  ]);
  await insertReconciliation('rec_bank', 'bank', [
    { state: 'matched', amount_fen: 15_000 },
    { state: 'missing_in_pos', amount_fen: 700 },
  ]);
  run = await boh.reports.run({ report: 'reconciliation-status', period: '2024-01' });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('reconciliation-status report', () => {
  it('keeps bank items apart from channel items', () => {
    const rows = run.sections.find((section) => section.key === 'by_state')!.rows;
    const matched = rows.filter((row) => row.state === 'matched');
    expect(matched).toHaveLength(2);
    expect(matched.find((row) => row.channel === 'wechat')).toMatchObject({ items: 2, amount_fen: 15_000 });
    expect(matched.find((row) => row.channel === 'bank')).toMatchObject({ items: 1, amount_fen: 15_000 });
    expect(rows.find((row) => row.state === 'missing_in_pos')).toMatchObject({ channel: 'bank', items: 1, amount_fen: 700 });
  });

  it('lists items by store', () => {
    const rows = run.sections.find((section) => section.key === 'by_store')!.rows;
    expect(rows.find((row) => row.store_code === '0001')).toMatchObject({ channel: 'wechat', state: 'matched', items: 1, amount_fen: 10_000 });
    expect(rows.find((row) => row.store_code === '0002')).toMatchObject({ channel: 'wechat', state: 'matched', items: 1, amount_fen: 5_000 });
    const storeless = rows.filter((row) => row.store_code === null);
    expect(storeless.map((row) => [row.channel, row.state, row.items])).toEqual([
      ['bank', 'matched', 1],
      ['bank', 'missing_in_pos', 1],
    ]);
  });

  it('labels the bank channel in both languages', async () => {
    const english = new TextDecoder().decode(await boh.reports.output(run.id, 'csv', { section: 'by_state' }));
    expect(english).toContain('Bank');
    expect(english).not.toMatch(/\bbank\b/);

    const chinese = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    try {
      const text = new TextDecoder().decode(await chinese.reports.output(run.id, 'csv', { section: 'by_state' }));
      expect(text).toContain('银行');
      expect(text).toContain('微信支付');
      expect(text).not.toMatch(/\b(bank|wechat)\b/);
    } finally {
      await chinese.close();
    }
  });
});
