import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohPermissionError, BohValidationError, createClient, type BohClient } from '@boh/sdk';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, receiveStock, seedCafe } from '../sales/support.js';

let server: TestServer;
let boh: BohClient;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  boh = createClient({ baseUrl: server.url, token: admin });
  await seedCafe(boh);
  await receiveStock(boh, '0001');
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

const latte = (quantity = 1) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200 });

describe('chart of accounts', () => {
  it('is the small-enterprise chart in Chinese and English', async () => {
    const accounts = await boh.ledger.accounts.list({ limit: 20 }).toArray({ max: 500 });
    expect(accounts.length).toBe(81);
    expect(accounts.find((a) => a.code === '1012.01')).toMatchObject({ name_zh: '其他货币资金-微信', name_en: 'Other monetary funds - WeChat Pay', category: 'asset', balance_direction: 'debit', parent_code: '1012', level: 2, is_leaf: true });
    expect(accounts.find((a) => a.code === '1012')).toMatchObject({ is_leaf: false });
    expect(accounts.find((a) => a.code === '5401')).toMatchObject({ name_zh: '主营业务成本', category: 'profit_and_loss', balance_direction: 'debit' });
    expect((await boh.ledger.accounts.list({ q: '应交增值税' }).toArray({ max: 10 })).map((a) => a.code)).toEqual(['2221.01', '2221.02']);
  });

  it('takes new sub-accounts under accounts without postings', async () => {
    const created = await boh.ledger.accounts.create({ code: '1122.03', name_zh: '应收账款-抖音', name_en: 'Accounts receivable - Douyin' });
    expect(created).toMatchObject({ parent_code: '1122', level: 2, category: 'asset', balance_direction: 'debit', is_leaf: true });

    await boh.orders.post(anOrder('0001', 'L-1', '2024-01-05T04:00:00Z', [latte()]));
    const posted = await boh.ledger.accounts.create({ code: '5001.01', name_zh: '主营业务收入-堂食', name_en: 'x' }).catch((e: unknown) => e);
    expect((posted as BohConflictError).code).toBe('account_has_postings');
    const first = (await boh.ledger.accounts.create({ code: '6001', name_zh: 'x', name_en: 'x' }).catch((e: unknown) => e)) as BohValidationError;
    expect(first.fieldErrors[0]!.code).toBe('account_needs_parent');
    const ruled = await boh.ledger.accounts.create({ code: '1012.03.01', name_zh: 'x', name_en: 'x' }).catch((e: unknown) => e);
    expect((ruled as BohConflictError).code).toBe('account_parent_used_by_rule');
  });

  it('keeps accounts in use active', async () => {
    const inUse = await boh.ledger.accounts.update('1012.01', { active: false }).catch((e: unknown) => e);
    expect((inUse as BohConflictError).message).toContain('Posting rule payment/wechat posts to account 1012.01');
    const renamed = await boh.ledger.accounts.update('1122.03', { name_zh: '应收账款-抖音来客' }, { ifVersion: 1 });
    expect(renamed).toMatchObject({ name_zh: '应收账款-抖音来客', version: 2 });
    expect((await boh.ledger.accounts.update('1122.03', { active: false })).active).toBe(false);
  });
});

describe('posting rules', () => {
  it('route a platform payment by channel', async () => {
    await boh.ledger.accounts.update('1122.03', { active: true });
    await boh.ledger.setPostingRule('payment', 'platform.delivery_other', '1122.03');
    const order = await boh.orders.post({ ...anOrder('0001', 'L-2', '2024-01-05T05:00:00Z', [latte()]), channel: 'delivery_other', payments: [{ method: 'platform', amount_fen: 3200 }] });
    expect(order.payments[0]!.account_code).toBe('1122.03');

    await boh.ledger.deletePostingRule('payment', 'platform.delivery_other');
    const fallback = await boh.orders.post({ ...anOrder('0001', 'L-3', '2024-01-05T05:00:00Z', [latte()]), channel: 'delivery_other', payments: [{ method: 'platform', amount_fen: 3200 }] });
    expect(fallback.payments[0]!.account_code).toBe('1122.99');
  });

  it('need a leaf account and a known qualifier, and keep the required ones', async () => {
    const parent = (await boh.ledger.setPostingRule('revenue', 'default', '1012').catch((e: unknown) => e)) as BohValidationError;
    expect(parent.fieldErrors[0]).toMatchObject({ field: 'body.account_code', code: 'account_has_children' });
    const qualifier = (await boh.ledger.setPostingRule('revenue', 'wechat', '5001').catch((e: unknown) => e)) as BohValidationError;
    expect(qualifier.fieldErrors[0]).toMatchObject({ field: 'path.qualifier', code: 'rule_qualifier_invalid' });
    const required = (await boh.ledger.deletePostingRule('payment', 'cash').catch((e: unknown) => e)) as BohConflictError;
    expect(required.code).toBe('posting_rule_required');
    const rules = await boh.ledger.postingRules();
    expect(rules.find((r) => r.rule === 'output_vat')).toMatchObject({ qualifier: 'default', account_code: '2221.01', required: true });
  });
});

describe('tax rates', () => {
  it('switch to a small-scale levy rate from a date', async () => {
    await boh.ledger.setTaxRate('catering_service', '2024-02-01', 0.03);
    const january = await boh.orders.post(anOrder('0001', 'L-4', '2024-01-31T04:00:00Z', [latte()]));
    const february = await boh.orders.post(anOrder('0001', 'L-5', '2024-02-01T04:00:00Z', [latte()]));
    // 3200 ÷ 1.06 → VAT 181; 3200 ÷ 1.03 = 3106.80 → VAT 93.
    expect([january.tax_fen, february.tax_fen]).toEqual([181, 93]);
    expect((await boh.ledger.taxRates()).filter((r) => r.tax_category === 'catering_service').map((r) => [r.effective_from, r.rate])).toEqual([
      ['2019-04-01', 0.06],
      ['2024-02-01', 0.03],
    ]);
    await boh.ledger.deleteTaxRate('catering_service', '2024-02-01');
  });

  it('have at most 4 decimal places', async () => {
    const error = (await boh.ledger.setTaxRate('goods', '2024-01-01', 0.12345).catch((e: unknown) => e)) as BohValidationError;
    expect(error.fieldErrors[0]).toMatchObject({ field: 'body.rate', code: 'decimal_places' });
  });
});

describe('manual entries', () => {
  let rentId: number;

  it('post when balanced', async () => {
    const entry = await boh.ledger.entries.create({
      entry_date: '2024-01-31',
      store_code: '0001',
      memo: '1月房租',
      lines: [
        { account_code: '5602.02', debit_fen: 2_000_000 },
        { account_code: '1002', credit_fen: 2_000_000, store_code: null },
      ],
    });
    rentId = entry.id;
    expect(entry).toMatchObject({ source_type: 'manual', summary: 'Manual entry: 1月房租', total_fen: 2_000_000 });
    expect(entry.lines.map((l) => [l.account_code, l.store_code])).toEqual([['5602.02', '0001'], ['1002', null]]);
  });

  it('are refused when unbalanced or on a parent account', async () => {
    const reply = await send(server.url, 'POST', '/ledger/journal-entries', {
      token: admin,
      headers: { 'accept-language': 'zh-CN' },
      body: { entry_date: '2024-01-31', lines: [{ account_code: '5602.02', debit_fen: 100 }, { account_code: '1002', credit_fen: 99 }] },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toBe('凭证（手工凭证 ）借方 100 分、贷方 99 分；借贷必须相等且大于零。未写入任何数据。');
    const parent = (await boh.ledger.entries.create({ entry_date: '2024-01-31', lines: [{ account_code: '1012', debit_fen: 1 }, { account_code: '1002', credit_fen: 1 }] }).catch((e: unknown) => e)) as BohValidationError;
    expect(parent.fieldErrors[0]).toMatchObject({ field: 'body.lines[0].account_code', code: 'account_has_children' });
  });

  it('are corrected by one reversal', async () => {
    const reversal = await boh.ledger.entries.reverse(rentId, { reason: '金额有误' });
    expect(reversal.lines.map((l) => [l.account_code, l.debit_fen, l.credit_fen])).toEqual([
      ['5602.02', 0, 2_000_000],
      ['1002', 2_000_000, 0],
    ]);
    expect((await boh.ledger.entries.get(rentId)).reversed_by_entry_id).toBe(reversal.id);
    expect(((await boh.ledger.entries.reverse(rentId, { reason: 'x' }).catch((e: unknown) => e)) as BohConflictError).code).toBe('entry_already_reversed');
    expect(((await boh.ledger.entries.reverse(reversal.id, { reason: 'x' }).catch((e: unknown) => e)) as BohConflictError).code).toBe('reversal_not_reversible');
  });

  it('reverse nothing that sales posted', async () => {
    const order = await boh.orders.get('0001', 'L-1');
    const error = (await boh.ledger.entries.reverse(order.journal_entry_id!, { reason: 'x' }).catch((e: unknown) => e)) as BohConflictError;
    expect(error.code).toBe('entry_from_subledger');
  });

  it('cannot be changed in the database either', async () => {
    const db = server.database.db;
    await expect(sql`update journal_lines set debit_fen = 1 where entry_id = ${rentId}`.execute(db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from journal_entries where id = ${rentId}`.execute(db)).rejects.toThrow(/immutable/);
  });
});

describe('periods', () => {
  it('close, lock and reopen with an audited reason', async () => {
    const finance = createClient({ baseUrl: server.url, token: await server.token('finance') });
    try {
      // The WeChat Pay orders of January were never reconciled; finance accepts that to close.
      expect((await finance.ledger.closePeriod('2024-01', { accept: ['reconciliations'] })).status).toBe('closed');
      expect((await finance.ledger.periods.close('2024-01')).status).toBe('closed');
      expect((await finance.ledger.periods.lock('2024-01')).status).toBe('locked');
      expect(await finance.ledger.periods.reopen('2024-01', '补录发票').catch((e: unknown) => e)).toBeInstanceOf(BohPermissionError);
    } finally {
      await finance.close();
    }

    for (const attempt of [
      () => boh.orders.post(anOrder('0001', 'L-6', '2024-01-20T04:00:00Z', [latte()])),
      () => boh.ledger.entries.create({ entry_date: '2024-01-20', lines: [{ account_code: '5602.02', debit_fen: 1 }, { account_code: '1002', credit_fen: 1 }] }),
      () => boh.stock.postDocument({ kind: 'waste', store_code: '0001', occurred_at: '2024-01-20T04:00:00Z', lines: [{ item_code: 'SUGAR', quantity: 1 }] }),
    ]) {
      const error = (await attempt().catch((e: unknown) => e)) as BohConflictError;
      expect(error.code).toBe('period_closed');
      expect(error.problem?.params).toEqual({ period: '2024-01', status: 'locked' });
    }

    const reopened = await boh.ledger.periods.reopen('2024-01', '补录发票');
    expect(reopened).toMatchObject({ status: 'open', reopen_reason: '补录发票', reopened_by: 'test-admin' });
    const history = await boh.request<{ data: { action: string; changes: { field: string; after: unknown }[] }[] }>('GET', '/history/accounting_period/2024-01');
    expect(history.data.map((e) => [e.action, e.changes.map((c) => c.after)])).toEqual([
      ['reopen', ['open', '补录发票']],
      ['lock', ['locked']],
      ['close', ['closed', { sequence: 1, content_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, ['reconciliations']]],
    ]);
  });

  it('lock only once closed', async () => {
    const error = (await boh.ledger.periods.lock('2024-05').catch((e: unknown) => e)) as BohConflictError;
    expect(error.code).toBe('period_transition_invalid');
  });

  it('reopen only once closed or locked', async () => {
    const english = (await boh.ledger.periods.reopen('2024-05', 'again').catch((e: unknown) => e)) as BohConflictError;
    expect(english.status).toBe(409);
    expect(english.code).toBe('period_transition_invalid');
    expect(english.problem?.params).toEqual({ period: '2024-05', status: 'open', action: 'reopen', allowed_from: ['closed', 'locked'] });
    expect(english.message).toContain('Period 2024-05 is open, so it cannot be reopened. Only a period in one of these states can be: closed, locked. See the state of each period with `boh ledger period list`.');

    const zh = createClient({ baseUrl: server.url, token: admin, language: 'zh-CN' });
    const chinese = (await zh.ledger.periods.reopen('2024-05', 'again').catch((e: unknown) => e)) as BohConflictError;
    await zh.close();
    expect(chinese.message).toContain('会计期间 2024-05 当前未结账，不能重新打开。只有以下状态的期间才可以：已结账、已锁定。可用 `boh ledger period list` 查看各期间的状态。');
  });

  it('are listed with the months that have postings', async () => {
    const periods = await boh.ledger.periods.list().toArray({ max: 100 });
    expect(periods.map((p) => [p.period, p.status])).toEqual([
      ['2024-02', 'open'],
      ['2024-01', 'open'],
    ]);
  });
});

describe('trial balance and detail', () => {
  it('balance, chain-wide and per store', async () => {
    for (const store of [undefined, '0001']) {
      const trial = await boh.ledger.trialBalance({ period_from: '2024-01', period_to: '2024-02', ...(store ? { store_code: store } : {}) });
      expect(trial.balanced).toBe(true);
      expect(trial.totals.closing_debit_fen).toBe(trial.totals.closing_credit_fen);
      const leaves = trial.rows.filter((r) => r.is_leaf);
      expect(leaves.reduce((s, r) => s + r.closing_debit_fen - r.closing_credit_fen, 0)).toBe(0);
    }
  });

  it('carry the balance of earlier periods', async () => {
    const february = await boh.ledger.trialBalance({ period_from: '2024-02' });
    const both = await boh.ledger.trialBalance({ period_from: '2024-01', period_to: '2024-02' });
    const revenue = (t: typeof both) => t.rows.find((r) => r.account_code === '5001')!;
    expect(revenue(february).opening_credit_fen + revenue(february).credit_fen - revenue(february).debit_fen).toBe(revenue(both).closing_credit_fen);
  });

  it('runs a balance over every page of the detail', async () => {
    const pages = [];
    for await (const page of boh.ledger.detailPages({ account_code: '1403', period_from: '2024-01', period_to: '2024-02', limit: 2 })) pages.push(page);
    expect(pages.length).toBeGreaterThan(2);
    const lines = pages.flatMap((p) => p.data);
    let running = pages[0]!.opening_balance_fen;
    for (const line of lines) {
      running += line.debit_fen - line.credit_fen;
      expect(line.balance_fen).toBe(running);
    }
    expect(running).toBe(pages[0]!.closing_balance_fen);
  });

  it('signs a credit account positive in its direction', async () => {
    const zh = createClient({ baseUrl: server.url, token: admin, language: 'zh-CN' });
    const detail = await zh.ledger.detail({ account_code: '5001', period_from: '2024-01', period_to: '2024-02' });
    await zh.close();
    expect(detail.account_name).toBe('主营业务收入');
    expect(detail.closing_balance_fen).toBe(detail.credit_fen - detail.debit_fen);
    expect(detail.closing_balance_fen).toBeGreaterThan(0);
    expect(detail.data[0]!.summary).toBe('门店 0001 2024-01-05 销售（1 单）');
  });
});
