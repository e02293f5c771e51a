// A re-run must work however many items the reconciliation contains. The ids of the items it drops
// and of the items it writes off were bound as one `in (…)` list, which fails past SQLite's
// 32,766 variables (and PostgreSQL's 65,535 parameters) per statement.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { bulkInsert } from '../../src/db/bulk-insert.js';

type LineInput = components['schemas']['StatementLineInput'];

const PAYMENTS = 33_000;
const HOUR = 3_600_000;

/** Insert `PAYMENTS` posted orders of one WeChat Pay payment each, as plain rows. */
async function insertPayments(server: TestServer): Promise<void> {
  const target = { db: server.database.db, dialect: server.database.dialect };
  const now = new Date().toISOString();
  for (let start = 0; start < PAYMENTS; start += 5_000) {
    const orders: Record<string, unknown>[] = [];
    const payments: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(PAYMENTS, start + 5_000); i += 1) {
      const atMs = Date.UTC(2024, 0, 1 + (i % 28), 2) + (i % 3600) * 1000;
      const local = new Date(atMs + 8 * HOUR).toISOString();
      const number = `O${String(i).padStart(6, '0')}`;
      orders.push({
        store_code: '0001', order_number: number, channel: 'dine_in', ordered_at: new Date(atMs).toISOString(), business_date: local.slice(0, 10), period: '2024-01',
        local_hour: Number(local.slice(11, 13)), guests: 1, gross_fen: 1000, discount_fen: 0, order_discount_fen: 0, net_fen: 1000, tax_fen: 0, cogs_fen: 0, refunded_fen: 0,
        status: 'posted', flags: '', note: null, input_hash: '', batch_id: 0, journal_entry_id: null, posted_at: now,
      });
      payments.push({ store_code: '0001', order_number: number, sequence: 1, method: 'wechat', amount_fen: 1000, transaction_id: `4200${String(i).padStart(8, '0')}`, merchant_order_number: `M${number}`, account_code: '1012.01', refunded_fen: 0 });
    }
    await server.database.db.transaction().execute(async (trx) => {
      await bulkInsert({ db: trx, dialect: target.dialect }, 'orders', orders);
      await bulkInsert({ db: trx, dialect: target.dialect }, 'order_payments', payments);
    });
  }
}

/** Load a statement with a line per payment, each `extraFen` more than the payment. */
async function loadStatement(boh: BohClient, name: string, extraFen: number): Promise<string> {
  const lines: LineInput[] = [];
  for (let i = 0; i < PAYMENTS; i += 1) {
    const at = new Date(Date.UTC(2024, 0, 1 + (i % 28), 2) + (i % 3600) * 1000 + 2000).toISOString();
    const gross = 1000 + extraFen;
    lines.push({ line: i + 2, fingerprint: `wechat:${name}:${i}`, occurred_at: at, kind: 'payment', flow: 'in', gross_fen: gross, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: gross * 1000, transaction_id: `4200${String(i).padStart(8, '0')}` });
  }
  const statement = await boh.statements.load({
    statement: {
      channel: 'wechat', layout: 'wechat-merchant-trade', file_name: `${name}.csv`, file_sha256: name.padEnd(64, '0'), period: '2024-01', merchant_id: '1900000001',
      line_count: lines.length, totals: { gross_fen: (1000 + extraFen) * PAYMENTS, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: (1000 + extraFen) * PAYMENTS * 1000 },
    },
    lines,
  });
  return statement.id;
}

async function itemsWithEntry(server: TestServer): Promise<number> {
  const row = await server.database.db.selectFrom('reconciliation_items').select((eb) => eb.fn.countAll().as('count')).where('journal_entry_id', 'is not', null).executeTakeFirstOrThrow();
  return Number(row.count);
}

async function writeOffBalances(server: TestServer): Promise<{ account_code: string; net_fen: number }[]> {
  const rows = await server.database.db
    .selectFrom('journal_lines')
    .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
    .select(['journal_lines.account_code', (eb) => eb.fn.sum<number>('journal_lines.debit_fen').as('debit'), (eb) => eb.fn.sum<number>('journal_lines.credit_fen').as('credit')])
    .where('journal_entries.source_type', '=', 'reconciliation_write_off')
    .groupBy('journal_lines.account_code')
    .execute();
  return rows.map((row) => ({ account_code: row.account_code, net_fen: Number(row.debit) - Number(row.credit) }));
}

describe('re-run with many items', () => {
  let server: TestServer;
  let boh: BohClient;

  beforeAll(async () => {
    server = await startTestServer();
    boh = createClient({ baseUrl: server.url, token: await server.token('admin'), timeoutMs: 300_000 });
    await boh.stores.create({ code: '0001', name: '静安寺店' });
    await insertPayments(server);
  }, 300_000);
  afterAll(async () => {
    await boh.close();
    expect(server.violations).toEqual([]);
    await server.close();
  });

  it('replaces every written-off item', async () => {
    const first = await loadStatement(boh, 'a', 1);
    const written = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [first], tolerance_fen: 2 });
    expect(written.summary.states.written_off.count).toBe(PAYMENTS);
    expect(await itemsWithEntry(server)).toBe(PAYMENTS);

    const second = await loadStatement(boh, 'b', 0);
    const matched = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [second], tolerance_fen: 2 });

    expect(matched.id).toBe(written.id);
    expect(matched.summary.states.matched.count).toBe(PAYMENTS);
    expect(matched.summary.states.written_off.count).toBe(0);
    expect(matched.unexplained.count).toBe(0);
    // The write-offs of the dropped items are reversed: per account, the write-off entries net to zero.
    const balances = await writeOffBalances(server);
    expect(balances.length).toBeGreaterThan(0);
    for (const balance of balances) expect(balance).toEqual({ account_code: balance.account_code, net_fen: 0 });
  }, 300_000);
});
