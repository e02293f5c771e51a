import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohApiError, BohValidationError, createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { periodReconciliationStatus } from '../../src/reconciliation/period-status.js';
import { anOrder, receiveStock, seedCafe } from '../sales/support.js';

type LineInput = components['schemas']['StatementLineInput'];
type Item = components['schemas']['ReconciliationItem'];

let server: TestServer;
let boh: BohClient;

/** Build a WeChat Pay bill line of a payment made at noon in Shanghai, with a 0.6% fee. */
function channelLine(line: number, date: string, grossFen: number): LineInput {
  const fee = grossFen * 6;
  return {
    line,
    fingerprint: `settle-wechat:${line}`,
    occurred_at: `${date}T04:00:00Z`,
    business_date: null,
    kind: 'payment',
    flow: 'in',
    gross_fen: grossFen,
    refund_fen: 0,
    fee_milli_fen: fee,
    net_milli_fen: grossFen * 1000 - fee,
    transaction_id: `42settle${line}`,
  };
}

/** Build a bank statement line with only a booking date, as most bank exports give it. */
function bankLine(line: number, date: string, amountFen: number, counterparty: string, flow: 'in' | 'out' = 'in'): LineInput {
  return {
    line,
    fingerprint: `settle-bank:${line}`,
    occurred_at: null,
    business_date: date,
    kind: 'transfer',
    flow,
    gross_fen: amountFen,
    refund_fen: 0,
    fee_milli_fen: 0,
    net_milli_fen: flow === 'in' ? amountFen * 1000 : -amountFen * 1000,
    transaction_id: `B${line}`,
    counterparty,
    memo: null,
  };
}

// Gross amounts whose net after the 0.6% fee is a whole number of fen.
const net = (grossFen: number) => (grossFen * 1000 - grossFen * 6) / 1000;
const MONDAY = 10000; // 2024-01-08, net 9940, paid on the 9th (T+1)
const WEEKEND = [5000, 10000, 15000]; // Friday 12th to Sunday 14th, paid together on Monday 15th
const SHORT = 20000; // 16th, net 19880, the 17th brings 100 fen less
const MISSED = 25000; // 18th, never paid
const AFTER_MISSED = 30000; // 19th, paid on the 20th
const ONE_FEN = 35000; // 22nd, paid on the 23rd one fen short: within a tolerance of 2
const LAST_DAY = 40000; // 31st, due 1 February, after the bank statement ends

const CHANNEL_LINES: LineInput[] = [
  channelLine(2, '2024-01-08', MONDAY),
  channelLine(3, '2024-01-12', WEEKEND[0]!),
  channelLine(4, '2024-01-13', WEEKEND[1]!),
  channelLine(5, '2024-01-14', WEEKEND[2]!),
  channelLine(6, '2024-01-16', SHORT),
  channelLine(7, '2024-01-18', MISSED),
  channelLine(8, '2024-01-19', AFTER_MISSED),
  channelLine(9, '2024-01-22', ONE_FEN),
  channelLine(10, '2024-01-31', LAST_DAY),
];

const WEEKEND_NET = net(WEEKEND[0]!) + net(WEEKEND[1]!) + net(WEEKEND[2]!);
const BANK_LINES: LineInput[] = [
  bankLine(2, '2024-01-02', 500, '财付通支付科技有限公司'), // settles 31 December
  bankLine(3, '2024-01-09', net(MONDAY), '财付通支付科技有限公司'),
  bankLine(4, '2024-01-10', 88_800, '张三'),
  bankLine(5, '2024-01-15', WEEKEND_NET, 'Tenpay'),
  bankLine(6, '2024-01-17', net(SHORT) - 100, '财付通支付科技有限公司'),
  bankLine(7, '2024-01-20', net(AFTER_MISSED), '财付通支付科技有限公司'),
  bankLine(8, '2024-01-23', net(ONE_FEN) - 1, '财付通支付科技有限公司'),
  bankLine(9, '2024-01-25', 7777, '财付通支付科技有限公司'),
  bankLine(10, '2024-01-26', 5000, '房东', 'out'),
  bankLine(11, '2024-01-31', 12, '利息'),
];

function statement(channel: 'wechat' | 'alipay' | 'bank', lines: LineInput[], hash: string): components['schemas']['StatementCreate'] {
  let gross = 0;
  let fee = 0;
  let netMilli = 0;
  for (const line of lines) {
    gross += line.gross_fen;
    fee += line.fee_milli_fen;
    netMilli += line.net_milli_fen;
  }
  return {
    channel,
    layout: channel === 'bank' ? 'bank-icbc-debit' : `${channel}-merchant-trade`,
    file_name: `${channel}-2024-01.csv`,
    file_sha256: hash.repeat(64),
    period: '2024-01',
    line_count: lines.length,
    totals: { gross_fen: gross, refund_fen: 0, fee_milli_fen: fee, net_milli_fen: netMilli },
  };
}

async function itemsOf(id: string): Promise<Item[]> {
  const all: Item[] = [];
  for await (const item of boh.reconciliations.items(id)) all.push(item);
  return all;
}

async function writeOffEntries(): Promise<components['schemas']['JournalEntry'][]> {
  const entries: components['schemas']['JournalEntry'][] = [];
  for await (const entry of boh.ledger.entries.list({ source_type: 'reconciliation_write_off' })) entries.push(entry);
  return entries;
}

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await seedCafe(boh);
  await receiveStock(boh, '0001');
  await boh.orders.post(anOrder('0001', 'A-1', '2024-01-05T04:30:00Z', [{ menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 }], { payments: [{ method: 'alipay', amount_fen: 3200, transaction_id: '2024010522001' }] }));
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

describe('reconciliation settings', () => {
  it('lists built-in defaults per channel', async () => {
    const settings = await boh.reconciliations.settings();
    const wechat = settings.find((s) => s.channel === 'wechat')!;
    expect(settings.map((s) => s.channel)).toEqual(['wechat', 'alipay', 'unionpay', 'meituan', 'jd']);
    expect(wechat).toMatchObject({ tolerance_fen: 0, window_seconds: 300, write_off_account: '5711', settlement_lag_days: 1, stored: false });
    expect(wechat.bank_names).toContain('财付通');
  });

  it('changes a field and audits it', async () => {
    const updated = await boh.reconciliations.updateSettings('wechat', { tolerance_fen: 2 });
    expect(updated).toMatchObject({ tolerance_fen: 2, settlement_lag_days: 1, stored: true, updated_by: expect.any(String) });
    const response = await fetch(`${server.url}/history/reconciliation_settings/wechat`, { headers: { authorization: `Bearer ${await server.token('admin')}` } });
    const history = (await response.json()) as { data: { changes: unknown }[] };
    expect(history.data[0]!.changes).toEqual([{ field: 'tolerance_fen', before: 0, after: 2 }]);
  });

  it('rejects an unknown write-off account', async () => {
    const error = await boh.reconciliations.updateSettings('wechat', { write_off_account: '9999' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohValidationError);
  });
});

describe('write-off entries', () => {
  let reconciliationId: string;

  it('posts the written-off total to the clearing account', async () => {
    const line = { ...channelLine(2, '2024-01-05', 3199), fingerprint: 'alipay:2', fee_milli_fen: 0, net_milli_fen: 3_199_000, transaction_id: '2024010522001' };
    const loaded = await boh.statements.load({ statement: statement('alipay', [line], 'd'), lines: [line] });
    const run = await boh.reconciliations.run({ channel: 'alipay', period: '2024-01', statement_ids: [loaded.id], tolerance_fen: 1 });
    reconciliationId = run.id;
    expect(run.summary.states.written_off).toEqual({ count: 1, amount_fen: -1 });

    const entries = await writeOffEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.entry_date).toBe('2024-01-31');
    expect(entries[0]!.lines.map((l) => [l.account_code, l.store_code, l.debit_fen, l.credit_fen])).toEqual([
      ['5711', '0001', 1, 0],
      ['1012.02', '0001', 0, 1],
    ]);
    const [item] = (await itemsOf(run.id)).filter((i) => i.state === 'written_off');
    expect(item!.resolution).toBeNull();
  });

  it('posts nothing again on a re-run', async () => {
    const again = await boh.reconciliations.run({ channel: 'alipay', period: '2024-01', statement_ids: JSON.parse(JSON.stringify((await boh.reconciliations.get(reconciliationId)).statement_ids)), tolerance_fen: 1 });
    expect(again.runs).toBe(2);
    expect(await writeOffEntries()).toHaveLength(1);
  });

  it('reverses the write-off when a corrected statement replaces the first', async () => {
    const line = { ...channelLine(2, '2024-01-05', 3200), fingerprint: 'alipay-corrected:2', fee_milli_fen: 0, net_milli_fen: 3_200_000, transaction_id: '2024010522001' };
    const corrected = await boh.statements.load({ statement: statement('alipay', [line], 'c'), lines: [line] });
    const run = await boh.reconciliations.run({ channel: 'alipay', period: '2024-01', statement_ids: [corrected.id], tolerance_fen: 1 });
    expect(run.summary.states.written_off).toEqual({ count: 0, amount_fen: 0 });
    expect(run.summary.states.matched.count).toBe(1);

    const entries = (await writeOffEntries()).sort((a, b) => a.id - b.id);
    expect(entries).toHaveLength(2);
    expect(entries[1]!.lines.map((l) => [l.account_code, l.store_code, l.debit_fen, l.credit_fen])).toEqual([
      ['1012.02', '0001', 1, 0],
      ['5711', '0001', 0, 1],
    ]);
  });
});

describe('bank settlement', () => {
  let wechatId: string;
  let bankId: string;
  let reconciliationId: string;
  const run = () => boh.reconciliations.run({ channel: 'bank', period: '2024-01', statement_ids: [bankId], channel_statement_ids: [wechatId] });

  it('loads a bank statement with counterparties', async () => {
    wechatId = (await boh.statements.load({ statement: statement('wechat', CHANNEL_LINES, 'e'), lines: CHANNEL_LINES })).id;
    const bank = await boh.statements.load({ statement: statement('bank', BANK_LINES, 'f'), lines: BANK_LINES });
    bankId = bank.id;
    expect(bank).toMatchObject({ channel: 'bank', status: 'finished', line_count: BANK_LINES.length });
  });

  it('rejects a run without channel statements', async () => {
    // 2023-12 has no channel reconciliation to take statements from; 2024-01 names none.
    const runs = [
      { channel: 'bank' as const, period: '2023-12', statement_ids: [bankId] },
      { channel: 'bank' as const, period: '2024-01', statement_ids: [bankId], channel_statement_ids: [] },
    ];
    for (const request of runs) {
      const error = await boh.reconciliations.run(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BohValidationError);
      const field = (error as BohValidationError).fieldErrors[0];
      expect(field?.field).toBe('body.channel_statement_ids');
      expect(field?.code).toBe('settlement_channel_statements_missing');
      expect(field?.message).toContain('boh reconcile wechat');
    }
    expect((await boh.reconciliations.list({ period: '2023-12', channel: 'bank' })).data).toEqual([]);
  });

  it('puts every settlement day and credit in one state', async () => {
    const result = await run();
    reconciliationId = result.id;
    expect(result.channel).toBe('bank');
    expect(result.summary.states).toEqual({
      matched: { count: 3, amount_fen: net(MONDAY) + WEEKEND_NET + net(AFTER_MISSED) },
      timing_difference: { count: 2, amount_fen: 500 + net(LAST_DAY) },
      amount_mismatch: { count: 1, amount_fen: -100 },
      missing_in_statement: { count: 1, amount_fen: net(MISSED) },
      missing_in_pos: { count: 1, amount_fen: 7777 },
      duplicate: { count: 0, amount_fen: 0 },
      written_off: { count: 1, amount_fen: -1 },
      unrelated: { count: 2, amount_fen: 88_800 + 12 },
    });
    expect(result.unexplained).toEqual({ count: 3, amount_fen: 100 + net(MISSED) + 7777 });
  });

  it('explains each item with a reason', async () => {
    const items = await itemsOf(reconciliationId);
    const byReason = (reason: string) => items.filter((item) => item.reason === reason);
    expect(byReason('deposit_matches').map((i) => i.pos.refs)).toEqual([['wechat@2024-01-08'], ['wechat@2024-01-19']]);
    expect(byReason('deposit_covers_days').map((i) => i.pos.refs)).toEqual([['wechat@2024-01-12', 'wechat@2024-01-13', 'wechat@2024-01-14']]);
    expect(byReason('deposit_differs').map((i) => [i.pos.refs, i.difference_fen])).toEqual([[['wechat@2024-01-16'], -100]]);
    expect(byReason('no_deposit').map((i) => i.pos.refs)).toEqual([['wechat@2024-01-18']]);
    expect(byReason('deposit_after_period').map((i) => i.pos.refs)).toEqual([['wechat@2024-01-31']]);
    expect(byReason('deposit_before_period').map((i) => i.statement.refs)).toEqual([[`${bankId}:2`]]);
    expect(byReason('no_settlement_day').map((i) => i.statement.refs)).toEqual([[`${bankId}:9`]]);
    expect(byReason('not_channel_credit').map((i) => [i.statement.refs, i.channel])).toEqual([[[`${bankId}:4`], null], [[`${bankId}:11`], null]]);
    expect(byReason('within_tolerance').map((i) => i.pos.refs)).toEqual([['wechat@2024-01-22']]);
    expect(items.filter((i) => i.reason !== 'not_channel_credit').every((i) => i.channel === 'wechat')).toBe(true);
    expect(byReason('no_deposit')[0]!.candidates.map((c) => c.ref)).toContain(`${bankId}:9`);
    expect(items.flatMap((i) => i.statement.refs)).not.toContain(`${bankId}:10`);
  });

  it('posts the deposit write-off against WeChat Pay clearing', async () => {
    const entries = (await writeOffEntries()).filter((e) => e.source_ref?.startsWith(reconciliationId));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.lines.map((l) => [l.account_code, l.debit_fen, l.credit_fen])).toEqual([
      ['5711', 1, 0],
      ['1012.01', 0, 1],
    ]);
  });

  it('gives the same summary and posts nothing on a re-run', async () => {
    const first = await boh.reconciliations.get(reconciliationId);
    const again = await run();
    expect(again.id).toBe(reconciliationId);
    expect(again.runs).toBe(2);
    expect(again.summary).toEqual(first.summary);
    expect((await writeOffEntries()).filter((e) => e.source_ref?.startsWith(reconciliationId))).toHaveLength(1);
  });

  it('matches everything again with another lag, keeping resolutions', async () => {
    const first = await boh.reconciliations.get(reconciliationId);
    const missing = (await itemsOf(reconciliationId)).find((item) => item.reason === 'no_settlement_day')!;
    await boh.reconciliations.resolve(reconciliationId, missing.id, { note: 'Landlord refund, booked by hand' });

    // With T+2 the Monday of the 8th is due on the 10th, so the credit of the 9th cannot pay it.
    const later = await boh.reconciliations.run({ channel: 'bank', period: '2024-01', statement_ids: [bankId], channel_statement_ids: [wechatId], settlement_lag_days: 2 });
    expect(later.runs).toBe(3);
    const items = await itemsOf(reconciliationId);
    const monday = items.find((item) => item.pos.refs.includes('wechat@2024-01-08'))!;
    expect(monday.statement.refs).not.toEqual([`${bankId}:3`]);
    expect(items.find((item) => item.id === missing.id)?.resolution?.note).toBe('Landlord refund, booked by hand');

    const again = await run();
    expect(again.runs).toBe(4);
    expect(again.summary.states).toEqual(first.summary.states);
    expect((await itemsOf(reconciliationId)).find((item) => item.id === missing.id)?.resolution?.note).toBe('Landlord refund, booked by hand');
  });

  it('matches everything again with other channel statements', async () => {
    const before = await itemsOf(reconciliationId);
    const alipayLines = [{ ...channelLine(2, '2024-01-08', 10000), fingerprint: 'settle-alipay:2', transaction_id: '2024alipay2' }];
    const alipayId = (await boh.statements.load({ statement: { ...statement('alipay', alipayLines, '9'), file_name: 'alipay-2024-01.csv' }, lines: alipayLines })).id;
    await boh.reconciliations.run({ channel: 'bank', period: '2024-01', statement_ids: [bankId], channel_statement_ids: [alipayId] });
    const alone = await itemsOf(reconciliationId);
    expect(alone.filter((item) => item.state === 'matched')).toEqual([]);
    expect(alone.some((item) => item.pos.refs.includes('wechat@2024-01-08'))).toBe(false);

    const back = await run();
    expect(back.runs).toBe(6);
    expect((await itemsOf(reconciliationId)).filter((item) => item.state === 'matched').length).toBe(before.filter((item) => item.state === 'matched').length);
  });

  it('fills the bank deposit of the channel bridge', async () => {
    const channel = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [wechatId] });
    const bridge = await boh.reconciliations.bridge(channel.id);
    const paired = net(MONDAY) + WEEKEND_NET + net(AFTER_MISSED) + (net(SHORT) - 100) + (net(ONE_FEN) - 1);
    expect(bridge.period.bank_deposit_fen).toBe(paired);
    expect(bridge.days.find((d) => d.business_date === '2024-01-14')!.bank_deposit_fen).toBe(WEEKEND_NET);
    expect(bridge.days.find((d) => d.business_date === '2024-01-18')!.bank_deposit_fen).toBe(0);
  });

  it('balances its own bridge without unrelated credits', async () => {
    const bridge = await boh.reconciliations.bridge(reconciliationId);
    const period = bridge.period;
    const differences = period.timing_difference_fen + period.amount_mismatch_fen + period.written_off_fen + period.missing_in_statement_fen + period.missing_in_pos_fen + period.duplicate_fen;
    expect(period.pos_net_fen + differences).toBe(period.statement_net_fen);
    expect(period.statement_net_fen).toBe(net(MONDAY) + WEEKEND_NET + net(AFTER_MISSED) + (net(SHORT) - 100) + (net(ONE_FEN) - 1) + 7777 + 500);
  });

  it('counts in the close checklist', async () => {
    const status = await periodReconciliationStatus(server.database.db, '2024-01');
    expect(status.channels).toEqual(['alipay', 'bank', 'wechat']);
    const checklist = await boh.ledger.periodChecklist('2024-01');
    const check = checklist.checks.find((c) => c.key === 'reconciliations')!;
    expect(check.state).toBe('failed');
    // The detail stays true once finance accepts the check at the close, and names how to accept it.
    expect(check.detail).not.toContain('not accepted');
    expect(check.detail).toContain('boh close --period 2024-01 --accept reconciliations');
  });

  it('rejects a store scope', async () => {
    const error = await boh.reconciliations.run({ channel: 'bank', period: '2024-01', statement_ids: [bankId], store_code: '0001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohValidationError);
  });

  it('rejects bank fields on a channel run', async () => {
    const error = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [wechatId], settlement_lag_days: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohValidationError);
  });

  it('leaves a closed period as it was', async () => {
    await boh.ledger.closePeriod('2024-01', { accept: ['reconciliations'], note: 'Test of the closed period' });
    await boh.reconciliations.updateSettings('wechat', { tolerance_fen: 200 });
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohApiError);
    expect((error as BohApiError).code).toBe('period_closed');
    const after = await boh.reconciliations.get(reconciliationId);
    expect(after.summary.states.amount_mismatch.count).toBe(1);
    expect(after.runs).toBe(6);
  });

  it('keeps the trial balance balanced', async () => {
    const balance = await boh.ledger.trialBalance({ period_from: '2024-01' });
    expect(balance.totals.debit_fen).toBe(balance.totals.credit_fen);
  });
});

describe('bank refund credit', () => {
  it('is unrelated even when it names Alipay', async () => {
    const alipayLines = [{ ...channelLine(2, '2024-02-05', 10000), fingerprint: 'refund-alipay:2', transaction_id: '2024refund2' }];
    const alipay = await boh.statements.load({ statement: { ...statement('alipay', alipayLines, '7'), period: '2024-02', file_name: 'alipay-2024-02.csv' }, lines: alipayLines });
    const bankLines = [
      { ...bankLine(2, '2024-02-06', net(10000), '支付宝（中国）网络技术有限公司'), fingerprint: 'refund-bank:2' },
      { ...bankLine(3, '2024-02-07', 5000, '支付宝-李四'), fingerprint: 'refund-bank:3', description: '网上快捷退款' },
    ];
    const bank = await boh.statements.load({ statement: { ...statement('bank', bankLines, '8'), period: '2024-02', file_name: 'boc-2024-02.csv' }, lines: bankLines });

    const result = await boh.reconciliations.run({ channel: 'bank', period: '2024-02', statement_ids: [bank.id], channel_statement_ids: [alipay.id] });
    const items = await itemsOf(result.id);
    const refund = items.find((item) => item.statement.refs.includes(`${bank.id}:3`))!;
    expect(refund.state).toBe('unrelated');
    expect(refund.reason).toBe('refund_credit');
    expect(refund.channel).toBeNull();
    expect(result.summary.states.missing_in_pos.count).toBe(0);
    expect(result.summary.states.matched.count).toBe(1);
  });
});
