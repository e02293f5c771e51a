import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohNotFoundError, BohPermissionError, BohValidationError, createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, receiveStock, seedCafe } from '../sales/support.js';

type VoucherLine = components['schemas']['VoucherLine'];

let server: TestServer;
let boh: BohClient;
let finance: BohClient;
/** The draft stock count the close test leaves behind; the reopen test cancels it. */
let countId: number | undefined;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  finance = createClient({ baseUrl: server.url, token: await server.token('finance') });
  await seedCafe(boh);
  await receiveStock(boh, '0001');
  await receiveStock(boh, '0002');
  const latte = { menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 };
  await boh.orders.post(inCash(anOrder('0001', 'C-1', '2024-01-05T04:00:00Z', [latte])));
  await boh.orders.post(inCash(anOrder('0001', 'C-2', '2024-01-06T04:00:00Z', [{ ...latte, quantity: 2 }])));
  await boh.orders.post(inCash(anOrder('0002', 'C-3', '2024-01-06T05:00:00Z', [latte])));
  await boh.ledger.entries.create({ entry_date: '2024-01-31', store_code: '0001', memo: '1月房租', lines: [{ account_code: '5602.02', debit_fen: 2_000_000 }, { account_code: '1002', credit_fen: 2_000_000, store_code: null }] });
  await boh.orders.post(inCash(anOrder('0001', 'C-4', '2024-02-02T04:00:00Z', [latte])));
});
afterAll(async () => {
  await boh.close();
  await finance.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

/** Return the order paid in cash, which no channel statement settles, so no reconciliation is due. */
function inCash(order: ReturnType<typeof anOrder>): ReturnType<typeof anOrder> {
  return { ...order, payments: (order.payments ?? []).map((payment) => ({ method: 'cash' as const, amount_fen: payment.amount_fen })) };
}

const stateOf = (checklist: components['schemas']['CloseChecklist'], key: string) => checklist.checks.find((check) => check.key === key);

describe('the month-end checklist', () => {
  it('passes for a period whose orders are posted and whose books balance', async () => {
    const checklist = await finance.ledger.periodChecklist('2024-01');
    expect(checklist).toMatchObject({ period: '2024-01', status: 'open', ready: true });
    expect(checklist.checks.map((check) => [check.key, check.state, check.ok])).toEqual([
      ['orders_posted', 'passed', true],
      ['trial_balance_balanced', 'passed', true],
      ['stock_counts_posted', 'passed', true],
      ['reconciliations', 'passed', true],
      ['previous_periods_closed', 'passed', true],
    ]);
    expect(stateOf(checklist, 'trial_balance_balanced')!.amount_fen).toBe(0);
  });

  it('requires a reconciliation of WeChat Pay payments', async () => {
    await boh.orders.post(anOrder('0002', 'C-5', '2024-03-05T04:00:00Z', [{ menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 }]));
    const checklist = await finance.ledger.periodChecklist('2024-03');
    expect(stateOf(checklist, 'reconciliations')).toMatchObject({ state: 'failed', ok: false });
    expect(checklist.ready).toBe(false);
  });

  it('finds an order without its journal entry and an unfinished sales import', async () => {
    const db = server.database.db;
    const order = await db.selectFrom('orders').select(['journal_entry_id', 'net_fen']).where('order_number', '=', 'C-3').executeTakeFirstOrThrow();
    await db.updateTable('orders').set({ journal_entry_id: 987_654 }).where('order_number', '=', 'C-3').execute();
    const now = new Date().toISOString();
    await db
      .insertInto('import_jobs')
      .values({ id: 'job-close-1', resource: 'sales_order', mode: 'create', match_on: '[]', dry_run: false, file_name: 'orders.csv', batch_size: 500, status: 'finished', received: 10, rejected: 2, created_at: now, updated_at: now } as never)
      .execute();
    try {
      const zh = createClient({ baseUrl: server.url, token: await server.token('finance'), language: 'zh-CN' });
      const checklist = await zh.ledger.periodChecklist('2024-01');
      await zh.close();
      const check = stateOf(checklist, 'orders_posted')!;
      expect(checklist.ready).toBe(false);
      expect(check).toMatchObject({ state: 'failed', ok: false, blocking: true, count: 2, amount_fen: Number(order.net_fen) });
      expect(check.items).toEqual(['order 0002/C-3', 'import job-close-1 (finished, 2 rejected)']);
      expect(check.detail).toContain('1 张订单');
    } finally {
      await db.updateTable('orders').set({ journal_entry_id: order.journal_entry_id }).where('order_number', '=', 'C-3').execute();
      await db.deleteFrom('import_jobs').where('id', '=', 'job-close-1').execute();
    }
  });

  it('finds per-period balances that drifted from their journal lines', async () => {
    const db = server.database.db;
    await db.updateTable('ledger_balances').set({ debit_fen: sql`debit_fen + 5` }).where('period', '=', '2024-01').where('account_code', '=', '5602.02').execute();
    try {
      const check = stateOf(await finance.ledger.periodChecklist('2024-01'), 'trial_balance_balanced')!;
      expect(check).toMatchObject({ state: 'failed', ok: false, count: 1, amount_fen: 5 });
      expect(check.items).toEqual(['balance 5602.02 @ 0001']);
    } finally {
      await db.updateTable('ledger_balances').set({ debit_fen: sql`debit_fen - 5` }).where('period', '=', '2024-01').where('account_code', '=', '5602.02').execute();
    }
  });

  it('warns, without blocking, when an earlier period is still open', async () => {
    const checklist = await finance.ledger.periodChecklist('2024-02');
    expect(stateOf(checklist, 'previous_periods_closed')).toMatchObject({ state: 'failed', ok: true, blocking: false, items: ['2024-01'] });
    expect(checklist.ready).toBe(true);
  });
});

describe('closing a period', () => {
  it('is refused while a stock count of the period is a draft', async () => {
    countId = (await boh.stock.counts.create({ store_code: '0001', count_date: '2024-01-31', item_codes: ['BEANS'] })).id;
    const error = (await finance.ledger.closePeriod('2024-01').catch((e: unknown) => e)) as BohConflictError;
    expect(error).toBeInstanceOf(BohConflictError);
    expect(error.code).toBe('close_checklist_failed');
    expect(error.problem?.params).toMatchObject({ period: '2024-01', failing: 'stock_counts_posted', checks: [{ key: 'stock_counts_posted', state: 'failed', count: 1 }] });
    expect((await finance.ledger.periods.get('2024-01')).status).toBe('open');
  });

  it('names an unknown check to accept', async () => {
    const error = (await finance.ledger.closePeriod('2024-01', { accept: ['stock_count'] }).catch((e: unknown) => e)) as BohValidationError;
    expect(error.fieldErrors[0]).toMatchObject({ field: 'body.accept[0]', code: 'close_check_unknown' });
    expect(error.fieldErrors[0]!.message).toContain('stock_counts_posted');
  });

  it('closes when finance accepts the failing check, and records the acceptance', async () => {
    const closed = await finance.ledger.closePeriod('2024-01', { accept: ['stock_counts_posted'], note: '盘点单下月补录' });
    expect(closed).toMatchObject({ status: 'closed', closed_by: 'test-finance' });
    const history = await boh.request<{ data: { action: string; changes: { field: string; after: unknown }[] }[] }>('GET', '/history/accounting_period/2024-01');
    const close = history.data[0]!;
    expect(close.action).toBe('close');
    expect(Object.fromEntries(close.changes.map((c) => [c.field, c.after]))).toMatchObject({ status: 'closed', accepted_checks: ['stock_counts_posted'], note: '盘点单下月补录', snapshot: { sequence: 1 } });

    const checklist = await finance.ledger.periodChecklist('2024-01');
    expect(checklist).toMatchObject({ status: 'closed', ready: true });
    expect(stateOf(checklist, 'stock_counts_posted')).toMatchObject({ state: 'accepted', ok: true });
  });
});

describe('the close snapshot', () => {
  it('holds the period totals per account and store, and verifies', async () => {
    const snapshot = await finance.ledger.periodSnapshot('2024-01');
    expect(snapshot).toMatchObject({ period: '2024-01', sequence: 1, period_status: 'closed', verified: true, accepted_checks: ['stock_counts_posted'], differences: [] });
    expect(snapshot.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.current_hash).toBe(snapshot.content_hash);

    const trial = await boh.ledger.trialBalance({ period_from: '2024-01' });
    expect(snapshot.totals.debit_fen).toBe(trial.totals.debit_fen);
    expect(snapshot.totals.credit_fen).toBe(snapshot.totals.debit_fen);
    expect(snapshot.accounts.find((a) => a.account_code === '5602.02')).toEqual({ account_code: '5602.02', debit_fen: 2_000_000, credit_fen: 0 });
    expect(snapshot.stores.find((s) => s.store_code === '' && s.account_code === '1002')).toEqual({ store_code: '', account_code: '1002', debit_fen: 0, credit_fen: 2_000_000 });
    const revenue0002 = snapshot.stores.filter((s) => s.store_code === '0002' && s.account_code.startsWith('5001')).reduce((sum, s) => sum + s.credit_fen, 0);
    const trial0002 = await boh.ledger.trialBalance({ period_from: '2024-01', store_code: '0002' });
    expect(revenue0002).toBe(trial0002.rows.find((r) => r.account_code === '5001')!.credit_fen);
  });

  it('is 404 for a period never closed', async () => {
    expect(await finance.ledger.periodSnapshot('2023-12').catch((e: unknown) => e)).toBeInstanceOf(BohNotFoundError);
  });
});

describe('reopening', () => {
  it('needs an admin and a reason, then recloses', async () => {
    expect(await finance.ledger.periods.reopen('2024-01', '补录发票').catch((e: unknown) => e)).toBeInstanceOf(BohPermissionError);
    const noReason = await boh.request('POST', '/ledger/periods/2024-01/reopen', { body: { reason: '' } }).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(BohValidationError);

    const reopened = await boh.ledger.periods.reopen('2024-01', '补录盘点');
    expect(reopened).toMatchObject({ status: 'open', reopened_by: 'test-admin', reopen_reason: '补录盘点' });
    const history = await boh.request<{ data: { action: string; actor: string; changes: { field: string; after: unknown }[] }[] }>('GET', '/history/accounting_period/2024-01');
    expect(history.data[0]).toMatchObject({ action: 'reopen', actor: 'test-admin' });
    expect(history.data[0]!.changes.map((c) => c.after)).toEqual(['open', '补录盘点']);

    await boh.stock.counts.cancel(countId!);
    await boh.ledger.entries.create({ entry_date: '2024-01-31', store_code: '0002', memo: '1月水电', lines: [{ account_code: '5602.99', debit_fen: 30_000 }, { account_code: '1002', credit_fen: 30_000, store_code: null }] });
    expect((await finance.ledger.closePeriod('2024-01')).status).toBe('closed');
    const snapshot = await finance.ledger.periodSnapshot('2024-01');
    expect(snapshot).toMatchObject({ sequence: 2, verified: true, accepted_checks: [] });
    expect(snapshot.history.map((h) => h.sequence)).toEqual([2, 1]);
    expect(snapshot.history[0]!.content_hash).not.toBe(snapshot.history[1]!.content_hash);
  });
});

describe('vouchers', () => {
  it('list every entry of the period as a balanced, numbered voucher across pages', async () => {
    const lines: VoucherLine[] = [];
    for await (const line of finance.ledger.vouchers('2024-01', { limit: 3 })) lines.push(line);
    const entries = await boh.ledger.entries.list({ period: '2024-01', limit: 500 }).toArray({ max: 1000 });
    expect(lines.length).toBe(entries.reduce((sum, entry) => sum + entry.lines.length, 0));

    const byVoucher = new Map<number, VoucherLine[]>();
    for (const line of lines) byVoucher.set(line.voucher_number, [...(byVoucher.get(line.voucher_number) ?? []), line]);
    expect([...byVoucher.keys()]).toEqual(entries.map((_, index) => index + 1));
    for (const [number, voucherLines] of byVoucher) {
      const entry = entries[number - 1]!;
      expect(voucherLines.every((line) => line.entry_id === entry.id && line.voucher_word === '记')).toBe(true);
      expect(voucherLines.map((line) => line.line_number)).toEqual(entry.lines.map((line) => line.line_number));
      const debit = voucherLines.reduce((sum, line) => sum + line.debit_fen, 0);
      const credit = voucherLines.reduce((sum, line) => sum + line.credit_fen, 0);
      expect(debit).toBe(credit);
      expect(debit).toBe(entry.total_fen);
    }
    const rent = lines.find((line) => line.account_code === '5602.02' && line.debit_fen === 2_000_000)!;
    expect(rent).toMatchObject({ summary: 'Manual entry: 1月房租', store_code: '0001', store_name: '静安寺店', account_name: 'Administrative expenses - rent' });
  });

  it('take pages of up to 5,000 lines', async () => {
    const entries = await boh.ledger.entries.list({ period: '2024-01', limit: 500 }).toArray({ max: 1000 });
    const page = await finance.ledger.vouchers('2024-01', { limit: 5000 });
    expect(page.data.length).toBe(entries.reduce((sum, entry) => sum + entry.lines.length, 0));
    expect(page.next_cursor).toBeNull();
    await expect(finance.ledger.vouchers('2024-01', { limit: 5001 })).rejects.toThrow(/limit/);
  });

  it('word summaries and names in the requested language', async () => {
    const page = await finance.ledger.vouchers('2024-01', { limit: 500, language: 'zh-CN' });
    const sale = page.data.find((line) => line.source_type === 'sales' && line.store_code === '0002')!;
    expect(sale.summary).toMatch(/^门店 0002 2024-01-06 销售/);
    expect(page.data.find((line) => line.account_code === '5602.02')!.account_name).toBe('管理费用-租赁费');
  });
});

describe('a closed period changed behind the API', () => {
  // Database triggers reject updates and deletes of journal lines, so the change is a line
  // inserted straight into the table. It stays, so this period is used by no other test.
  it('fails verification and names what changed', async () => {
    expect((await finance.ledger.closePeriod('2024-02')).status).toBe('closed');
    const before = await finance.ledger.periodSnapshot('2024-02');
    expect(before.verified).toBe(true);

    const db = server.database.db;
    const entry = await db.selectFrom('journal_entries').select(['id', 'entry_date']).where('period', '=', '2024-02').executeTakeFirstOrThrow();
    await db
      .insertInto('journal_lines')
      .values([
        { entry_id: entry.id, line_number: 90, account_code: '5602.02', store_code: '0001', debit_fen: 1000, credit_fen: 0, memo: null, entry_date: entry.entry_date, period: '2024-02' },
        { entry_id: entry.id, line_number: 91, account_code: '1002', store_code: null, debit_fen: 0, credit_fen: 1000, memo: null, entry_date: entry.entry_date, period: '2024-02' },
      ])
      .execute();

    const after = await finance.ledger.periodSnapshot('2024-02');
    expect(after).toMatchObject({ verified: false, content_hash: before.content_hash });
    expect(after.current_hash).not.toBe(before.content_hash);
    const { debit_fen: debit, credit_fen: credit } = before.totals;
    expect(after.differences).toEqual([
      { scope: 'totals', store_code: null, account_code: null, stored_debit_fen: debit, stored_credit_fen: credit, current_debit_fen: debit + 1000, current_credit_fen: credit + 1000 },
      { scope: 'account', store_code: null, account_code: '1002', stored_debit_fen: 0, stored_credit_fen: 0, current_debit_fen: 0, current_credit_fen: 1000 },
      { scope: 'account', store_code: null, account_code: '5602.02', stored_debit_fen: 0, stored_credit_fen: 0, current_debit_fen: 1000, current_credit_fen: 0 },
      { scope: 'store', store_code: '', account_code: '1002', stored_debit_fen: 0, stored_credit_fen: 0, current_debit_fen: 0, current_credit_fen: 1000 },
      { scope: 'store', store_code: '0001', account_code: '5602.02', stored_debit_fen: 0, stored_credit_fen: 0, current_debit_fen: 1000, current_credit_fen: 0 },
    ]);
    // The balances the trial balance reads no longer agree with the lines either.
    expect(stateOf(await finance.ledger.periodChecklist('2024-02'), 'trial_balance_balanced')).toMatchObject({ state: 'failed', count: 2 });
  });
});
