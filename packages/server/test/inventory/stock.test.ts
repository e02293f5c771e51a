import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohPreconditionFailedError, BohValidationError, createClient, type BohClient } from '@boh/sdk';
import { recordStockMovements, type PostingContext } from '@boh/server';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, seedCafe, stockOf } from '../sales/support.js';

let server: TestServer;
let boh: BohClient;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  boh = createClient({ baseUrl: server.url, token: admin });
  await seedCafe(boh);
  await boh.stores.create({ code: '0003', name: '陆家嘴店' });
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

const entryLines = async (id: number | null) => (await boh.ledger.entries.get(id!)).lines.map((l) => [l.account_code, l.store_code, l.debit_fen, l.credit_fen]);

describe('receipts', () => {
  it('convert packs exactly and book input VAT against payables', async () => {
    const result = await boh.stock.postDocument({
      kind: 'receipt',
      store_code: '0001',
      occurred_at: '2024-01-02T01:00:00Z',
      reference: 'GR-001',
      lines: [
        { item_code: 'BEANS', quantity: 1.5, unit: '箱', value_fen: 216_000, tax_fen: 28_080 },
        { item_code: 'MILK', quantity: 3, unit: '盒', value_fen: 4_500 },
      ],
    });
    expect(result.movements.map((m) => [m.item_code, m.kind, m.quantity, m.value_fen, m.balance_quantity])).toEqual([
      ['BEANS', 'receipt', 18_000, 216_000, 18_000],
      ['MILK', 'receipt', 3_000, 4_500, 3_000],
    ]);
    expect(await entryLines(result.journal_entry_id)).toEqual([
      ['1403', '0001', 220_500, 0],
      ['2221.02', '0001', 28_080, 0],
      ['2202', '0001', 0, 248_580],
    ]);
  });

  it('may credit another account, such as the bank', async () => {
    const result = await boh.stock.postDocument({
      kind: 'receipt',
      store_code: '0001',
      occurred_at: '2024-01-02T02:00:00Z',
      counter_account_code: '1002',
      lines: [{ item_code: 'SUGAR', quantity: 1000, value_fen: 1_000 }],
    });
    expect(await entryLines(result.journal_entry_id)).toEqual([
      ['1403', '0001', 1_000, 0],
      ['1002', '0001', 0, 1_000],
    ]);
  });

  it('report every bad line at once', async () => {
    const reply = await send(server.url, 'POST', '/stock/movements', {
      token: admin,
      body: {
        kind: 'receipt',
        store_code: '0001',
        occurred_at: '2024-01-02T02:00:00Z',
        lines: [
          { item_code: 'BEANS', quantity: 1, unit: '桶', value_fen: 1 },
          { item_code: 'NOPE', quantity: 1, value_fen: 1 },
          { item_code: 'MILK', quantity: 0.0000001, unit: '盒', value_fen: 1 },
          { item_code: 'MILK', quantity: 1 },
        ],
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([['body.lines[3].value_fen', 'required']]);

    const second = await send(server.url, 'POST', '/stock/movements', {
      token: admin,
      body: {
        kind: 'receipt',
        store_code: '0001',
        occurred_at: '2024-01-02T02:00:00Z',
        lines: [
          { item_code: 'BEANS', quantity: 1, unit: '桶', value_fen: 1 },
          { item_code: 'NOPE', quantity: 1, value_fen: 1 },
          { item_code: 'MILK', quantity: 0.0000000001, unit: '盒', value_fen: 1 },
          { item_code: 'MILK', quantity: 1.0000001, value_fen: 1 },
        ],
      },
    });
    expect(second.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.lines[0].unit', 'unknown_unit'],
      ['body.lines[1].item_code', 'reference_not_found'],
      ['body.lines[2].quantity', 'stock_conversion_precision'],
      ['body.lines[3].quantity', 'decimal_places'],
    ]);
  });
});

describe('outflows at moving-average cost', () => {
  it('write waste off to cost of goods sold', async () => {
    // Beans: 18000 g for 216000 fen, 12 fen a gram.
    const result = await boh.stock.postDocument({ kind: 'waste', store_code: '0001', occurred_at: '2024-01-03T01:00:00Z', note: '受潮', lines: [{ item_code: 'BEANS', quantity: 0.5, unit: '袋' }] });
    expect(result.movements[0]).toMatchObject({ kind: 'waste', quantity: -500, value_fen: -6000, note: '受潮' });
    expect(await entryLines(result.journal_entry_id)).toEqual([
      ['5401', '0001', 6000, 0],
      ['1403', '0001', 0, 6000],
    ]);
  });

  it('transfer stock to another store at its cost', async () => {
    const result = await boh.stock.postDocument({ kind: 'transfer', store_code: '0001', to_store_code: '0003', occurred_at: '2024-01-03T02:00:00Z', reference: 'TR-1', lines: [{ item_code: 'MILK', quantity: 1000 }] });
    expect(result.movements.map((m) => [m.store_code, m.kind, m.quantity, m.value_fen])).toEqual([
      ['0001', 'transfer_out', -1000, -1500],
      ['0003', 'transfer_in', 1000, 1500],
    ]);
    expect(await entryLines(result.journal_entry_id)).toEqual([
      ['1403', '0003', 1500, 0],
      ['1403', '0001', 0, 1500],
    ]);
  });

  it('open merchandise against the opening-balance account', async () => {
    const result = await boh.stock.postDocument({ kind: 'opening', store_code: '0003', occurred_at: '2024-01-01T00:00:00Z', lines: [{ item_code: 'WATER', quantity: 24, value_fen: 3_600 }] });
    expect(await entryLines(result.journal_entry_id)).toEqual([
      ['1405', '0003', 3600, 0],
      ['3104', '0003', 0, 3600],
    ]);
  });

  it('reject documents of the wrong shape', async () => {
    const transfer = await send(server.url, 'POST', '/stock/movements', { token: admin, body: { kind: 'transfer', store_code: '0001', to_store_code: '0001', occurred_at: '2024-01-03T02:00:00Z', lines: [{ item_code: 'MILK', quantity: 1, value_fen: 5 }] } });
    expect(transfer.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.to_store_code', 'transfer_same_store'],
      ['body.lines[0].value_fen', 'value_not_allowed'],
    ]);
  });
});

describe('negative stock', () => {
  it('sends the estimate difference to cost of goods sold', async () => {
    // Store 0003 has 24 bottles of water at 150 fen; sell 30 and receive 10 at 200 fen.
    await boh.orders.post(anOrder('0003', 'N-1', '2024-01-04T04:00:00Z', [{ item_code: 'WATER', quantity: 30, unit_price_fen: 300 }]));
    expect((await stockOf(boh, '0003')).WATER).toEqual([-6, -900]);

    const receipt = await boh.stock.postDocument({ kind: 'receipt', store_code: '0003', occurred_at: '2024-01-05T01:00:00Z', lines: [{ item_code: 'WATER', quantity: 6, value_fen: 1_200 }] });
    expect(receipt.movements[0]).toMatchObject({ quantity: 6, value_fen: 900, variance_fen: 300, balance_quantity: 0, balance_value_fen: 0 });
    expect(await entryLines(receipt.journal_entry_id)).toEqual([
      ['1405', '0003', 900, 0],
      ['5401', '0003', 300, 0],
      ['2202', '0003', 0, 1200],
    ]);
  });

  it('stops a write-off under the reject policy', async () => {
    await boh.stock.updateSettings({ negative_stock: 'reject' });
    try {
      const error = await boh.stock.postDocument({ kind: 'waste', store_code: '0003', occurred_at: '2024-01-05T02:00:00Z', lines: [{ item_code: 'WATER', quantity: 1 }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BohConflictError);
      expect((error as BohConflictError).code).toBe('insufficient_stock');
    } finally {
      await boh.stock.updateSettings({ negative_stock: 'allow' });
    }
  });

  it('is listed and filtered', async () => {
    await boh.stock.postDocument({ kind: 'waste', store_code: '0003', occurred_at: '2024-01-05T02:00:00Z', lines: [{ item_code: 'CUP', quantity: 2 }] });
    const negative = await boh.stock.balances({ negative: true }).toArray({ max: 100 });
    expect(negative.map((b) => [b.store_code, b.item_code, b.quantity, b.value_fen])).toEqual([['0003', 'CUP', -2, 0]]);
    const movements = await boh.stock.movements({ store_code: '0003', item_code: 'CUP' }).toArray({ max: 10 });
    expect(movements[0]!.flags).toEqual(['estimated_cost', 'negative_stock']);
  });
});

describe('stock counts', () => {
  let id: number;

  it('list the store items and estimate variances while a draft', async () => {
    const count = await boh.stock.counts.create({ store_code: '0001', count_date: '2024-01-06', note: '月末盘点' });
    id = count.id;
    expect(count.lines.map((l) => l.item_code)).toEqual(['BEANS', 'MILK', 'SUGAR']);
    const entered = await boh.stock.counts.update(id, { lines: [{ item_code: 'BEANS', quantity: 17, unit: '袋' }, { item_code: 'MILK', quantity: 2.5, unit: '盒' }] }, { ifVersion: 1 });
    // Beans: 17500 g on hand at 12 fen, counted 17000 → −500 g, −6000 fen.
    expect(entered.lines.find((l) => l.item_code === 'BEANS')).toMatchObject({ counted_quantity: 17_000, entered_quantity: 17, entered_unit: '袋', system_quantity: 17_500, variance_quantity: -500, variance_value_fen: -6000 });
    // Milk: 2000 ml at 1.5 fen, counted 2500 → +500 ml, +750 fen.
    expect(entered.lines.find((l) => l.item_code === 'MILK')).toMatchObject({ counted_quantity: 2500, variance_quantity: 500, variance_value_fen: 750 });
  });

  it('refuse a stale version', async () => {
    const error = await boh.stock.counts.update(id, { note: 'x' }, { ifVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohPreconditionFailedError);
  });

  it('post the adjustments against the pending account', async () => {
    const posted = await boh.stock.counts.post(id);
    expect(posted.status).toBe('posted');
    expect(posted.variance_value_fen).toBe(-6000 + 750);
    expect(await entryLines(posted.journal_entry_id)).toEqual([
      ['1901', '0001', 5250, 0],
      ['1403', '0001', 0, 5250],
    ]);
    const stock = await stockOf(boh, '0001');
    expect(stock.BEANS![0]).toBe(17_000);
    expect(stock.MILK![0]).toBe(2_500);
    expect(stock.SUGAR![0]).toBe(1_000);
  });

  it('are final once posted', async () => {
    const error = await boh.stock.counts.post(id).catch((e: unknown) => e);
    expect((error as BohConflictError).code).toBe('stock_count_not_draft');
  });

  it('count missing items as zero when asked', async () => {
    const count = await boh.stock.counts.create({ store_code: '0003', item_codes: ['CUP', 'WATER'], uncounted: 'zero', lines: [{ item_code: 'WATER', quantity: 3 }] });
    const posted = await boh.stock.counts.post(count.id);
    expect(posted.lines.map((l) => [l.item_code, l.counted_quantity, l.system_quantity])).toEqual([
      ['CUP', 0, -2],
      ['WATER', 3, 0],
    ]);
    expect((await stockOf(boh, '0003')).CUP).toEqual([0, 0]);
  });

  it('can be cancelled', async () => {
    const count = await boh.stock.counts.create({ store_code: '0001', item_codes: ['SUGAR'] });
    expect((await boh.stock.counts.cancel(count.id)).status).toBe('cancelled');
    const listed = await boh.stock.counts.list({ store_code: '0001' }).toArray({ max: 10 });
    expect(listed.map((c) => c.status)).toEqual(['cancelled', 'posted']);
  });

  it('name an unknown item', async () => {
    const error = (await boh.stock.counts.create({ store_code: '0001', item_codes: ['NOPE'] }).catch((e: unknown) => e)) as BohValidationError;
    expect(error.fieldErrors[0]).toMatchObject({ field: 'body.item_codes[0]', code: 'reference_not_found' });
  });
});

describe('stock policy', () => {
  it('keeps its history', async () => {
    const history = await boh.request<{ data: { action: string; changes: unknown[] }[] }>('GET', '/history/stock_settings/default');
    expect(history.data.map((e) => e.changes)).toEqual([
      [{ field: 'negative_stock', before: 'reject', after: 'allow' }],
      [{ field: 'negative_stock', before: 'allow', after: 'reject' }],
    ]);
  });

  it('is for finance and admins to change', async () => {
    const ops = await send(server.url, 'PATCH', '/stock/settings', { token: await server.token('ops'), body: { negative_stock: 'reject' } });
    expect(ops.status).toBe(403);
  });
});

describe('recordStockMovements', () => {
  const run = <T>(work: (context: PostingContext) => Promise<T>) =>
    server.database.db.transaction().execute((trx) => work({ db: trx, dialect: server.database.dialect, actor: { name: 'purchasing', tokenId: null, requestId: null } }));
  const base = { storeCode: '0002', businessDate: '2024-01-08', occurredAt: '2024-01-08T02:00:00Z', sourceType: 'goods_receipt', sourceRef: 'GR-77' };

  it('values movements for another domain and returns them with ids', async () => {
    const recorded = await run((context) =>
      recordStockMovements(context, [
        { ...base, itemCode: 'SUGAR', kind: 'receipt', quantityMicro: 3_000_000, nominalFen: 100 },
        { ...base, itemCode: 'SUGAR', kind: 'waste', quantityMicro: -1_000_000 },
      ]),
    );
    expect(recorded.map((m) => [m.kind, m.quantity_micro, m.value_fen, m.balance_value_fen, m.source_ref])).toEqual([
      ['receipt', 3_000_000, 100, 100, 'GR-77'],
      ['waste', -1_000_000, -33, 67, 'GR-77'],
    ]);
    expect(recorded[1]!.id).toBe(recorded[0]!.id + 1);
    expect((await stockOf(boh, '0002')).SUGAR).toEqual([2, 67]);
  });

  it('refuses a closed period and writes nothing', async () => {
    await boh.ledger.periods.close('2023-11');
    const error = await run((context) => recordStockMovements(context, [{ ...base, businessDate: '2023-11-30', itemCode: 'SUGAR', kind: 'receipt', quantityMicro: 1, nominalFen: 1 }])).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('period_closed');
    expect((await stockOf(boh, '0002')).SUGAR).toEqual([2, 67]);
  });
});
