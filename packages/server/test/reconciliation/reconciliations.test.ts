import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohNotFoundError, BohPermissionError, BohValidationError, createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { periodReconciliationStatus } from '../../src/reconciliation/period-status.js';
import { anOrder, receiveStock, seedCafe } from '../sales/support.js';

type LineInput = components['schemas']['StatementLineInput'];

let server: TestServer;
let boh: BohClient;

const latte = (quantity = 1) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200 });

function payment(number: string, amount: number): components['schemas']['OrderInput']['payments'] {
  return [{ method: 'wechat', amount_fen: amount, transaction_id: `42${number}`, merchant_order_number: `M${number}` }];
}

function statementLine(line: number, at: string, grossFen: number, ids: Partial<LineInput> = {}, feeMilliFen = 0): LineInput {
  return {
    line,
    fingerprint: `wechat:${line}:${at}:${grossFen}`,
    occurred_at: at,
    business_date: null,
    kind: 'payment',
    flow: 'in',
    gross_fen: grossFen,
    refund_fen: 0,
    fee_milli_fen: feeMilliFen,
    net_milli_fen: grossFen * 1000 - feeMilliFen,
    ...ids,
  };
}

const LINES: LineInput[] = [
  statementLine(2, '2024-01-05T04:30:01Z', 3200, { transaction_id: '42A-1', merchant_order_number: 'MA-1' }, 19_000),
  statementLine(3, '2024-01-05T05:00:00Z', 6300, { transaction_id: '42A-2', merchant_order_number: 'MA-2' }),
  statementLine(4, '2024-01-06T02:00:00Z', 3200, { transaction_id: '42ZZZ' }),
  statementLine(5, '2024-01-31T16:00:03Z', 3200),
  { ...statementLine(6, '2024-01-07T03:00:00Z', 0, { transaction_id: '42A-1', merchant_order_number: 'MA-1', refund_id: '50R-1' }), kind: 'refund', flow: 'out', refund_fen: 1000, net_milli_fen: -1_000_000 },
];

const META = {
  channel: 'wechat' as const,
  layout: 'wechat-merchant-trade',
  file_name: 'wechat-2024-01.csv',
  file_sha256: 'a'.repeat(64),
  period: '2024-01',
  merchant_id: '1900000001',
  line_count: LINES.length,
  totals: { gross_fen: 15900, refund_fen: 1000, fee_milli_fen: 19_000, net_milli_fen: 14_881_000 },
};

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await seedCafe(boh);
  await receiveStock(boh, '0001');
  await receiveStock(boh, '0002');
  await boh.orders.post(anOrder('0001', 'A-1', '2024-01-05T04:30:00Z', [latte()], { payments: payment('A-1', 3200) }));
  await boh.orders.post(anOrder('0001', 'A-2', '2024-01-05T05:00:00Z', [latte(2)], { payments: payment('A-2', 6400) }));
  await boh.orders.post(anOrder('0001', 'A-3', '2024-01-06T06:00:00Z', [latte()], { payments: payment('A-3', 3200) }));
  // 23:59:59 on 31 January in Shanghai; its line comes at 00:00:03 on 1 February.
  await boh.orders.post(anOrder('0002', 'B-1', '2024-01-31T15:59:59Z', [latte()], { payments: [{ method: 'wechat', amount_fen: 3200 }] }));
  await boh.orders.refund('0001', 'A-1', { refund_number: 'R-1', refunded_at: '2024-01-07T03:00:00Z', amount_fen: 1000, payments: [{ sequence: 1, amount_fen: 1000, transaction_id: '50R-1' }] });
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

describe('statements', () => {
  let statementId: string;

  it('stores a statement in batches and lists it', async () => {
    // A generator, as the CLI sends lines it converts while they go out.
    function* lines() {
      yield* LINES;
    }
    const progress: number[] = [];
    const statement = await boh.statements.load({ statement: META, lines: lines() }, { batchSize: 2, onBatch: ({ done, total }) => progress.push(done, total) });
    statementId = statement.id;
    expect(statement).toMatchObject({ status: 'finished', line_count: 5, lines_received: 5, channel: 'wechat', period: '2024-01' });
    expect(progress).toEqual([2, 5, 4, 5, 5, 5]);
    const page = await boh.statements.list({ period: '2024-01', channel: 'wechat' });
    expect(page.data.map((s) => s.id)).toEqual([statement.id]);
  });

  it('refuses the same file again, naming the earlier statement', async () => {
    const error = await boh.statements.load({ statement: META, lines: LINES }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohConflictError);
    expect((error as BohConflictError).code).toBe('statement_duplicate');
    expect((error as BohConflictError).problem?.params).toMatchObject({ id: statementId, by: 'file_sha256', file: 'wechat-2024-01.csv', period: '2024-01', file_sha256: 'a'.repeat(64) });
    const loadedAt = (error as BohConflictError).problem?.params?.['loaded_at'];
    expect(loadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((error as BohConflictError).message).toContain(
      `This bill is already stored as statement ${statementId}, loaded from wechat-2024-01.csv at ${loadedAt}; the file is the same. Reconcile with ${statementId} instead of loading the bill again, and see the stored statements with \`boh statement list --period 2024-01\`.`,
    );
    expect((error as BohConflictError).message).not.toContain('a'.repeat(64));
    expect((error as BohConflictError).message).not.toContain('file_sha256');

    const zh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    const chinese = (await zh.statements.load({ statement: META, lines: LINES }).catch((e: unknown) => e)) as BohConflictError;
    await zh.close();
    expect(chinese.message).toContain(`该账单已导入为对账单 ${statementId}，导入自 wechat-2024-01.csv，导入时间 ${loadedAt}；两次导入的是同一个文件。`);
  });

  it('refuses the same lines in another file, such as the XLSX export of the same bill', async () => {
    const error = await boh.statements.load({ statement: { ...META, file_name: 'wechat-2024-01.xlsx', file_sha256: 'b'.repeat(64) }, lines: LINES }).catch((e: unknown) => e);
    expect((error as BohConflictError).code).toBe('statement_duplicate');
    expect((error as BohConflictError).problem?.params).toMatchObject({ id: statementId, by: 'fingerprint', file: 'wechat-2024-01.csv' });
    expect((error as BohConflictError).message).toContain('; this file is another one, but every line of it is in that statement.');
    expect((error as BohConflictError).message).not.toContain('fingerprint');
    expect((error as BohConflictError).message).toContain('Nothing was written.');
  });

  it('deletes a rejected duplicate with its lines', async () => {
    const page = await boh.statements.list({ period: '2024-01', channel: 'wechat' });
    expect(page.data.map((s) => s.id)).toEqual([statementId]);
    const db = server.database.db;
    const rejected = await db.selectFrom('statements').select('id').where('file_sha256', '=', 'b'.repeat(64)).execute();
    expect(rejected).toEqual([]);
    const lines = await db.selectFrom('statement_lines').select(db.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(lines.count)).toBe(LINES.length);
  });

  it('stores a statement with extra lines, naming the overlap', async () => {
    // Another period, so the reconciliation of 2024-01 below does not take it.
    const extra = statementLine(7, '2024-01-08T02:00:00Z', 4100, { transaction_id: '42EXTRA' });
    const lines = [...LINES, extra];
    const statement = await boh.statements.load({ statement: { ...META, period: '2024-02', file_name: 'wechat-full.csv', file_sha256: 'd'.repeat(64), line_count: lines.length }, lines });
    expect(statement.status).toBe('finished');
    expect(statement.line_count).toBe(6);
    expect(statement.overlaps).toEqual([{ statement_id: statementId, file_name: 'wechat-2024-01.csv', lines: 5 }]);
  });

  it('stores a statement with fewer lines, naming the overlap', async () => {
    const lines = LINES.slice(0, 3);
    const statement = await boh.statements.load({ statement: { ...META, period: '2024-02', file_name: 'wechat-half.csv', file_sha256: 'e'.repeat(64), line_count: lines.length }, lines });
    expect(statement.status).toBe('finished');
    expect(statement.overlaps?.map((overlap) => overlap.lines)).toEqual([3, 3]);
    expect(statement.overlaps?.map((overlap) => overlap.statement_id)).toContain(statementId);
  });

  it('keeps only finished statements of the period', async () => {
    const page = await boh.statements.list({ period: '2024-01', channel: 'wechat' });
    expect(page.data.map((s) => [s.id, s.status])).toEqual([[statementId, 'finished']]);
  });

  it('counts a batch sent again once', async () => {
    const open = await boh.statements.create({ ...META, file_sha256: '9'.repeat(64), line_count: 3 });
    const first = [statementLine(2, '2024-01-21T01:00:00Z', 100, { transaction_id: 'AGAIN-1' }), statementLine(3, '2024-01-21T02:00:00Z', 200, { transaction_id: 'AGAIN-2' })];
    expect((await boh.statements.addLines(open.id, first)).lines_received).toBe(2);
    expect((await boh.statements.addLines(open.id, first)).lines_received).toBe(2);

    // A batch overlapping the first replaces line 3 and adds line 4.
    const overlapping = [statementLine(3, '2024-01-21T02:00:00Z', 200, { transaction_id: 'AGAIN-2' }), statementLine(4, '2024-01-21T03:00:00Z', 300, { transaction_id: 'AGAIN-3' })];
    expect((await boh.statements.addLines(open.id, overlapping)).lines_received).toBe(3);
  });

  it('refuses to finish a statement with lines missing', async () => {
    const open = await boh.statements.create({ ...META, file_sha256: 'c'.repeat(64), line_count: 3 });
    await boh.statements.addLines(open.id, [statementLine(2, '2024-01-20T01:00:00Z', 100, { transaction_id: 'NEW' })]);
    const error = await boh.statements.finish(open.id).catch((e: unknown) => e);
    expect((error as BohConflictError).code).toBe('statement_incomplete');
  });
});

describe('reconciliation', () => {
  let reconciliationId: string;
  let statementIds: string[];

  const items = async (state?: components['schemas']['ReconciliationState']) => {
    const all: components['schemas']['ReconciliationItem'][] = [];
    for await (const item of boh.reconciliations.items(reconciliationId, state ? { state } : {})) all.push(item);
    return all;
  };

  it('puts every payment and line in one state', async () => {
    statementIds = (await boh.statements.list({ period: '2024-01', channel: 'wechat' })).data.filter((s) => s.status === 'finished').map((s) => s.id);
    const run = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: statementIds });
    reconciliationId = run.id;
    expect(run.summary.states).toEqual({
      matched: { count: 2, amount_fen: 2200 },
      timing_difference: { count: 1, amount_fen: 3200 },
      amount_mismatch: { count: 1, amount_fen: -100 },
      missing_in_statement: { count: 1, amount_fen: 3200 },
      missing_in_pos: { count: 1, amount_fen: 3200 },
      duplicate: { count: 0, amount_fen: 0 },
      written_off: { count: 0, amount_fen: 0 },
      unrelated: { count: 0, amount_fen: 0 },
    });
    expect(run.unexplained).toEqual({ count: 3, amount_fen: 6500 });
    expect(run.summary.fee_milli_fen).toBe(19_000);
  });

  it('explains each unmatched item with a reason and candidates', async () => {
    const [missing] = await items('missing_in_statement');
    expect(missing).toMatchObject({ reason: 'no_line', message: 'No statement line matches this POS payment.', pos: { refs: ['0001/A-3/1'], amount_fen: 3200 } });
    expect(missing!.candidates[0]).toMatchObject({ ref: `${statementIds[0]}:4`, difference_fen: 0 });
    const [timing] = await items('timing_difference');
    expect(timing).toMatchObject({ reason: 'crosses_day', rule: 'amount_time', business_date: '2024-01-31', store_code: '0002' });
    const [refund] = (await items('matched')).filter((item) => item.pos.refs[0]!.startsWith('r:'));
    expect(refund).toMatchObject({ rule: 'refund_id', amount_fen: -1000, statement: { refs: [`${statementIds[0]}:6`] } });
  });

  it('lists the same items as compact rows', async () => {
    const asRow = (item: components['schemas']['ReconciliationItem']): components['schemas']['ReconciliationItemRow'] => [
      item.id,
      item.state,
      item.reason,
      item.message,
      item.rule,
      item.score,
      item.store_code,
      item.business_date,
      item.pos.refs.join(' '),
      item.pos.amount_fen,
      item.pos.at,
      item.statement.refs.join(' '),
      item.statement.amount_fen,
      item.statement.at,
      item.difference_fen,
      item.fee_milli_fen,
      item.transaction_id,
      item.merchant_order_number,
      item.candidates,
      item.resolution?.note ?? null,
      item.channel,
    ];
    const rows = async (state?: components['schemas']['ReconciliationState']) => {
      const all: components['schemas']['ReconciliationItemRow'][] = [];
      for await (const row of boh.reconciliations.itemRows(reconciliationId, state ? { state } : {})) all.push(row);
      return all;
    };

    const everyRow = await rows();
    expect(everyRow).toEqual((await items()).map(asRow));
    const missing = await rows('missing_in_statement');
    expect(missing).toEqual((await items('missing_in_statement')).map(asRow));
    expect(missing[0]![18]).not.toHaveLength(0);
  });

  it('bridges POS net to the statement with every difference', async () => {
    const bridge = await boh.reconciliations.bridge(reconciliationId);
    expect(bridge.period).toMatchObject({ pos_net_fen: 15000, amount_mismatch_fen: -100, missing_in_statement_fen: -3200, missing_in_pos_fen: 3200, timing_difference_fen: 0, statement_net_fen: 14900, fee_milli_fen: 19_000, channel_net_milli_fen: 14_881_000 });
    const last = bridge.days.filter((day) => day.store_code === '0002');
    expect(last.map((day) => [day.business_date, day.pos_net_fen, day.timing_difference_fen, day.statement_net_fen])).toEqual([
      ['2024-01-31', 3200, -3200, 0],
      ['2024-02-01', 0, 3200, 3200],
    ]);
  });

  it('keeps resolutions and matches across a re-run, with the same summary', async () => {
    const [mismatch] = await items('amount_mismatch');
    const resolved = await boh.reconciliations.resolve(reconciliationId, mismatch!.id, {
      note: 'WeChat Pay charged a 1 yuan service fee on this order',
      journal: { lines: [{ account_code: '5603', store_code: '0001', debit_fen: 100 }, { account_code: '1012.01', store_code: '0001', credit_fen: 100 }] },
    });
    expect(resolved.resolution).toMatchObject({ kind: 'journal', note: 'WeChat Pay charged a 1 yuan service fee on this order' });
    const [extra] = await items('missing_in_pos');
    await boh.reconciliations.resolve(reconciliationId, extra!.id, { note: 'Paid on the old terminal; order entered by hand in February' });

    const before = await boh.reconciliations.get(reconciliationId);
    expect(before.unexplained).toEqual({ count: 1, amount_fen: 3200 });
    const matchedBefore = await items('matched');
    const openIds = async () => [...(await items('missing_in_statement')), ...(await items('timing_difference'))].map((item) => [item.id, item.state, item.pos.refs]);
    const openBefore = await openIds();
    const again = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: statementIds });
    expect(again.id).toBe(reconciliationId);
    expect(again.summary).toEqual(before.summary);
    expect(again.runs).toBe(2);
    expect(await items('matched')).toEqual(matchedBefore);
    // Items not resolved are matched again, and keep their ids because their records are the same.
    expect(await openIds()).toEqual(openBefore);
    expect((await items('amount_mismatch'))[0]!.resolution).toMatchObject({ kind: 'journal' });

    const entry = await boh.ledger.entries.get(resolved.resolution!.journal_entry_id!);
    expect(entry).toMatchObject({ source_type: 'reconciliation', entry_date: '2024-01-31' });

    const key = encodeURIComponent(`${reconciliationId}/${mismatch!.id}`);
    const response = await fetch(`${server.url}/history/reconciliation_item/${key}`, { headers: { authorization: `Bearer ${await server.token('finance')}` } });
    expect(response.status).toBe(200);
    const history = (await response.json()) as { data: { action: string; changes: { field: string; after: unknown }[] }[] };
    expect(history.data.map((event) => event.action)).toEqual(['resolve']);
    expect(history.data[0]!.changes).toContainEqual({ field: 'resolution', before: null, after: 'journal' });
  });

  it('pages compact rows by cursor', async () => {
    const headers = { authorization: `Bearer ${await server.token('readonly')}` };
    const rows: components['schemas']['ReconciliationItemRow'][] = [];
    let url = `${server.url}/reconciliations/${reconciliationId}/item-rows?limit=2`;
    for (let pages = 1; ; pages += 1) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      const page = (await response.json()) as components['schemas']['ReconciliationItemRowPage'];
      expect(page.data.length).toBeLessThanOrEqual(2);
      rows.push(...page.data);
      if (page.next_cursor === null) break;
      expect(pages).toBeLessThan(10);
      url = `${server.url}/reconciliations/${reconciliationId}/item-rows?limit=2&cursor=${encodeURIComponent(page.next_cursor)}`;
    }
    const all = await items();
    expect(rows.map((row) => row[0])).toEqual(all.map((item) => item.id));
    // The two resolutions made above: one with a journal entry, one with a note only.
    const notes = all.filter((item) => item.resolution !== null).map((item) => item.resolution!.note);
    expect(notes).toHaveLength(2);
    expect(rows.filter((row) => row[19] !== null).map((row) => row[19])).toEqual(notes);
  });

  it('gives compact row messages in Chinese', async () => {
    const headers = { authorization: `Bearer ${await server.token('readonly')}`, 'accept-language': 'zh-CN' };
    const response = await fetch(`${server.url}/reconciliations/${reconciliationId}/item-rows?state=missing_in_statement`, { headers });
    expect(response.status).toBe(200);
    const page = (await response.json()) as components['schemas']['ReconciliationItemRowPage'];
    expect(page.data[0]![3]).toBe('对账单中没有与该笔收银付款对应的行。');
  });

  it('rejects a resolution without note or journal entry', async () => {
    const [missing] = await items('missing_in_statement');
    await expect(boh.reconciliations.resolve(reconciliationId, missing!.id, {})).rejects.toBeInstanceOf(BohValidationError);
  });

  it('explains an unknown item id', async () => {
    const error = await boh.reconciliations.resolve(reconciliationId, 99_999, { note: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohNotFoundError);
    expect((error as BohNotFoundError).message).toContain('An item keeps its id across re-runs while it groups the same POS payments and statement lines');
    expect((error as BohNotFoundError).message).toContain('`boh reconcile items <reconciliation id>`');
    expect((error as BohNotFoundError).message).not.toContain('boh reconciliation-item list');

    const zh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    const zhError = await zh.reconciliations.resolve(reconciliationId, 99_999, { note: 'x' }).catch((e: unknown) => e);
    expect((zhError as BohNotFoundError).message).toContain('重新对账时，只要明细对应的收银付款和对账单行不变，明细编号就不变');
    await zh.close();
  });

  it('keeps the list hint for other resources', async () => {
    const error = await boh.stores.get('NOPE').catch((e: unknown) => e);
    expect((error as BohNotFoundError).message).toContain('No store "NOPE" was found. Check the code, or list them with `boh store list`.');
  });

  it('lets finance accept, not readonly, and reports the period to the close checklist', async () => {
    expect(await periodReconciliationStatus(server.database.db, '2024-01')).toEqual({ runs: 1, unexplained: 1, accepted: false, channels: ['wechat'] });
    const readonly = createClient({ baseUrl: server.url, token: await server.token('readonly') });
    await expect(readonly.reconciliations.accept(reconciliationId)).rejects.toBeInstanceOf(BohPermissionError);
    await readonly.close();

    const finance = createClient({ baseUrl: server.url, token: await server.token('finance') });
    const accepted = await finance.reconciliations.accept(reconciliationId, { note: 'A-3 was voided at the till' });
    await finance.close();
    expect(accepted.accepted_by).toBe('test-finance');
    expect(await periodReconciliationStatus(server.database.db, '2024-01')).toEqual({ runs: 1, unexplained: 0, accepted: true, channels: ['wechat'] });
  });
});
