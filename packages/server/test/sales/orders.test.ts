import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohPermissionError, BohValidationError, createClient, type BohClient } from '@boh/sdk';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, receiveStock, seedCafe, stockOf } from './support.js';

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

const latte = (quantity = 1, extra = {}) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200, ...extra });

describe('posting one order', () => {
  it('computes VAT, consumes the recipe and writes the entry', async () => {
    const before = await stockOf(boh, '0001');
    const order = await boh.orders.post(anOrder('0001', 'A-1001', '2024-01-05T04:30:00Z', [latte(2)], { guests: 2 }));

    // 6400 fen at 6 %: revenue round(6400 ÷ 1.06) = 6038, VAT 362.
    expect(order).toMatchObject({ business_date: '2024-01-05', period: '2024-01', gross_fen: 6400, net_fen: 6400, tax_fen: 362, revenue_fen: 6038, status: 'posted', flags: [] });
    // Beans 36 g at 12 fen; milk 2 × 200 ÷ 0.95 = 421.052632 ml at 1.5 fen → 632; cups 2 at 20.
    expect(order.lines[0]!.consumption).toEqual([
      { item_code: 'BEANS', quantity: 36, value_fen: 432 },
      { item_code: 'MILK', quantity: 421.052632, value_fen: 632 },
      { item_code: 'CUP', quantity: 2, value_fen: 40 },
    ]);
    expect(order.cogs_fen).toBe(1104);

    const after = await stockOf(boh, '0001');
    expect(after.BEANS).toEqual([before.BEANS![0] - 36, before.BEANS![1] - 432]);
    expect(after.MILK).toEqual([Number((before.MILK![0] - 421.052632).toFixed(6)), before.MILK![1] - 632]);

    const entry = await boh.ledger.entries.get(order.journal_entry_id!);
    expect(entry.lines.map((l) => [l.account_code, l.debit_fen, l.credit_fen])).toEqual([
      ['1012.01', 6400, 0],
      ['5401', 1104, 0],
      ['1403', 0, 1064],
      ['1411', 0, 40],
      ['2221.01', 0, 362],
      ['5001', 0, 6038],
    ]);
    expect(entry.summary).toBe('Sales of store 0001 on 2024-01-05, 1 order');
  });

  it('puts a sale after midnight on the previous business day before the cutoff', async () => {
    // 01:30 in Shanghai on 6 January; store 0001 ends its day at 04:00.
    const order = await boh.orders.post(anOrder('0001', 'A-1002', '2024-01-05T17:30:00Z', [latte()]));
    expect(order.business_date).toBe('2024-01-05');
    const plain = await boh.orders.post(anOrder('0002', 'B-1002', '2024-01-05T17:30:00Z', [latte()]));
    expect(plain.business_date).toBe('2024-01-06');
  });

  it('expands a sub-recipe with its yield and loss', async () => {
    const order = await boh.orders.post(anOrder('0001', 'A-1003', '2024-01-06T04:00:00Z', [{ menu_item_code: 'VANILLA', quantity: 1, unit_price_fen: 3600 }]));
    // 2 portions ÷ (1 − 0.2) = 2.5 portions of syrup; one portion is 500 g ÷ 20 = 25 g sugar.
    expect(order.lines[0]!.consumption.find((c) => c.item_code === 'SUGAR')).toEqual({ item_code: 'SUGAR', quantity: 62.5, value_fen: 63 });
  });

  it('sells an item as it is at its own VAT rate', async () => {
    const order = await boh.orders.post(anOrder('0001', 'A-1004', '2024-01-06T04:00:00Z', [{ item_code: 'WATER', quantity: 2, unit_price_fen: 300 }]));
    // 600 fen of goods at 13 %: revenue round(600 ÷ 1.13) = 531, VAT 69; cost 2 × 150.
    expect(order.lines[0]).toMatchObject({ tax_category: 'goods', tax_rate: 0.13, tax_fen: 69, revenue_fen: 531, cogs_fen: 300 });
    const entry = await boh.ledger.entries.get(order.journal_entry_id!);
    expect(entry.lines.find((l) => l.account_code === '1405')).toMatchObject({ credit_fen: 300 });
  });

  it('shares the order discount over the lines', async () => {
    const order = await boh.orders.post(
      anOrder('0001', 'A-1005', '2024-01-06T05:00:00Z', [latte(1, { discount_fen: 200 }), { menu_item_code: 'VANILLA', quantity: 1, unit_price_fen: 3600 }], { discount_fen: 100 }),
    );
    // Lines net 3000 and 3600 before the order discount of 100: shares 45.45 → 45 and 54.55 → 55.
    expect(order.lines.map((l) => [l.discount_fen, l.allocated_discount_fen, l.net_fen])).toEqual([
      [200, 45, 2955],
      [0, 55, 3545],
    ]);
    expect(order).toMatchObject({ gross_fen: 6800, discount_fen: 300, order_discount_fen: 100, net_fen: 6500 });
  });
});

describe('idempotent posting', () => {
  const first = anOrder('0001', 'A-2001', '2024-01-07T04:00:00Z', [latte(1)]);

  it('returns the first posting for the same order', async () => {
    const created = await send(server.url, 'POST', '/orders', { token: admin, body: first });
    expect(created.status).toBe(201);
    const again = await send(server.url, 'POST', '/orders', { token: admin, body: first });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);
  });

  it('rejects other content under the same number, naming the differences', async () => {
    const changed = { ...first, lines: [latte(2)], payments: [{ method: 'alipay' as const, amount_fen: 6400 }] };
    const reply = await send(server.url, 'POST', '/orders', { token: admin, body: changed, headers: { 'accept-language': 'zh-CN' } });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('order_conflict');
    expect(reply.body.params.differences).toEqual([
      { field: 'lines[0].quantity', stored: 1, sent: 2 },
      { field: 'payments[0].method', stored: 'wechat', sent: 'alipay' },
      { field: 'payments[0].amount_fen', stored: 3200, sent: 6400 },
      { field: 'payments[0].transaction_id', stored: '42000A-2001', sent: null },
    ]);
    expect(reply.body.detail).toContain('门店“0001”的订单“A-2001”已按不同内容过账');
  });
});

describe('rejected orders', () => {
  it('name the payment difference', async () => {
    const error = await boh.orders
      .post({ ...anOrder('0001', 'A-3001', '2024-01-08T04:00:00Z', [latte()]), payments: [{ method: 'cash', amount_fen: 3000 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohValidationError);
    expect((error as BohValidationError).fieldErrors).toEqual([
      {
        field: 'body.payments',
        code: 'payments_mismatch',
        message: 'body.payments: the payments add up to 3000 fen but the order comes to 3200 fen (difference -200 fen); every fen paid must be in a payment',
      },
    ]);
  });

  it('name unknown codes and lines with two codes', async () => {
    const reply = await send(server.url, 'POST', '/orders', {
      token: admin,
      body: anOrder('0001', 'A-3002', '2024-01-08T04:00:00Z', [
        { menu_item_code: 'MOCHA', quantity: 1, unit_price_fen: 100 },
        { menu_item_code: 'LATTE', item_code: 'WATER', quantity: 1, unit_price_fen: 100 },
      ]),
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([['body.lines[1]', 'line_needs_one_code']]);

    const unknown = await send(server.url, 'POST', '/orders', { token: admin, body: anOrder('0001', 'A-3002', '2024-01-08T04:00:00Z', [{ menu_item_code: 'MOCHA', quantity: 1, unit_price_fen: 100 }]) });
    expect(unknown.body.errors).toEqual([{ field: 'body.lines[0].menu_item_code', code: 'reference_not_found', message: 'body.lines[0].menu_item_code: menu item "MOCHA" does not exist', value: 'MOCHA' }]);
  });

  it('need a tax rate in force on the business date', async () => {
    const early = anOrder('0001', 'A-3003', '2019-03-31T04:00:00Z', [latte()]);
    const error = (await boh.orders.post(early).catch((e: unknown) => e)) as BohValidationError;
    expect(error.fieldErrors[0]).toMatchObject({ field: 'body.lines[0]', code: 'tax_rate_missing' });
    expect(error.fieldErrors[0]!.message).toContain('no VAT rate of tax category "catering_service" is in force on 2019-03-31');

    await boh.ledger.setTaxRate('catering_service', '2016-05-01', 0.06);
    expect((await boh.orders.post(early)).tax_fen).toBe(181);
  });

  it('reject quantities with more than 6 decimal places', async () => {
    const reply = await send(server.url, 'POST', '/orders', { token: admin, body: anOrder('0001', 'A-3004', '2024-01-08T04:00:00Z', [latte(0.0000001)]) });
    expect(reply.body.errors[0]).toMatchObject({ field: 'body.lines[0].quantity', code: 'decimal_places' });
  });

  it('keep store managers to their stores', async () => {
    const manager = await server.token('store_manager', ['0002']);
    const reply = await send(server.url, 'POST', '/orders', { token: manager, body: anOrder('0001', 'A-3005', '2024-01-08T04:00:00Z', [latte()]) });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('store_out_of_scope');
  });
});

describe('batches', () => {
  it('post the valid orders and report the others by index', async () => {
    const good = anOrder('0002', 'B-4001', '2024-01-09T04:00:00Z', [latte()]);
    const result = await send(server.url, 'POST', '/orders/batch', {
      token: admin,
      body: {
        orders: [
          good,
          { ...good, order_number: 'B-4002', channel: 'bicycle' },
          good,
          { ...good, lines: [latte(3)] },
          anOrder('0002', 'A-2001', '2024-01-07T04:00:00Z', [latte(1)]),
          anOrder('9999', 'Z-1', '2024-01-09T04:00:00Z', [latte()]),
        ],
      },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ posted: 2, duplicates: 1, rejected: 2, conflicts: 1 });
    expect(result.body.orders.map((o: { index: number; outcome: string }) => [o.index, o.outcome])).toEqual([
      [0, 'posted'],
      [1, 'rejected'],
      [2, 'duplicate'],
      [3, 'conflict'],
      [4, 'posted'],
      [5, 'rejected'],
    ]);
    expect(result.body.orders[1].errors[0]).toMatchObject({ field: 'orders[1].channel', code: 'enum' });
    expect(result.body.orders[3].differences[0]).toEqual({ field: 'lines[0].quantity', stored: 1, sent: 3 });
    expect(result.body.orders[5].errors[0]).toMatchObject({ field: 'orders[5].store_code', code: 'reference_not_found' });
  });

  it('write nothing when atomic and one order is bad', async () => {
    const before = await boh.orders.list({ store_code: '0002' }).toArray({ max: 1000 });
    const reply = await send(server.url, 'POST', '/orders/batch', {
      token: admin,
      body: { atomic: true, orders: [anOrder('0002', 'B-5001', '2024-01-09T04:00:00Z', [latte()]), { ...anOrder('0002', 'B-5002', '2024-01-09T04:00:00Z', [latte()]), payments: [] }] },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('batch_rejected');
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'body.orders[1].payments', code: 'payments_mismatch' })]);
    expect(await boh.orders.list({ store_code: '0002' }).toArray({ max: 1000 })).toEqual(before);
  });

  it('sum one entry per store and business date', async () => {
    const orders = [1, 2, 3].map((n) => anOrder('0002', `B-600${n}`, `2024-01-10T0${n}:00:00Z`, [latte(n)]));
    const summary = await boh.orders.postBatch(orders);
    expect(summary.posted).toBe(3);
    const posted = await Promise.all(orders.map((o) => boh.orders.get('0002', o.order_number)));
    const ids = new Set(posted.map((o) => o.journal_entry_id));
    expect(ids.size).toBe(1);
    const entry = await boh.ledger.entries.get([...ids][0]!);
    expect(entry.document_count).toBe(3);
    expect(entry.lines.find((l) => l.account_code === '1012.01')!.debit_fen).toBe(3200 * 6);
  });
});

describe('negative stock', () => {
  it('is flagged under the allow policy', async () => {
    const order = await boh.orders.post(anOrder('0002', 'B-7001', '2024-01-11T04:00:00Z', [{ item_code: 'WATER', quantity: 1, unit_price_fen: 300 }]));
    expect(order.flags).toEqual(['estimated_cost', 'negative_stock']);
    expect((await stockOf(boh, '0002')).WATER).toEqual([-1, 0]);
  });

  it('is rejected under the reject policy, naming the item', async () => {
    await boh.stock.updateSettings({ negative_stock: 'reject' });
    try {
      const error = await boh.orders.post(anOrder('0002', 'B-7002', '2024-01-11T04:00:00Z', [{ item_code: 'WATER', quantity: 1, unit_price_fen: 300 }])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BohConflictError);
      expect((error as BohConflictError).code).toBe('insufficient_stock');
      expect((error as BohConflictError).message).toContain('Store "0002" has -1 瓶 of item "WATER" but needs 1 瓶');
    } finally {
      await boh.stock.updateSettings({ negative_stock: 'allow' });
    }
  });
});

describe('closed periods', () => {
  it('reject postings, naming the period', async () => {
    await boh.ledger.periods.close('2023-12');
    const zh = createClient({ baseUrl: server.url, token: admin, language: 'zh-CN' });
    const error = (await zh.orders.post(anOrder('0001', 'A-8001', '2023-12-31T04:00:00Z', [latte()])).catch((e: unknown) => e)) as BohConflictError;
    await zh.close();
    expect(error.code).toBe('period_closed');
    expect(error.message).toContain('会计期间 2023-12 已结账，不能再过账。');
  });
});

describe('listing', () => {
  it('pages newest business date first and filters', async () => {
    const all = await boh.orders.list({ limit: 2 }).toArray({ max: 1000 });
    const dates = all.map((o) => o.business_date);
    expect(dates).toEqual([...dates].sort().reverse());
    const keys = all.map((o) => `${o.store_code}/${o.order_number}`);
    expect(new Set(keys).size).toBe(keys.length);

    const store = await boh.orders.list({ store_code: '0002', from: '2024-01-10', to: '2024-01-10' }).toArray({ max: 100 });
    expect(store.map((o) => o.order_number).sort()).toEqual(['B-6001', 'B-6002', 'B-6003']);
  });

  it('includes whole orders with details', async () => {
    await boh.orders.refund('0002', 'B-6001', { refund_number: 'LIST-RF-1', refunded_at: '2024-01-10T12:00:00Z', amount_fen: 100 });
    const listed = await boh.orders.list({ store_code: '0002', from: '2024-01-10', to: '2024-01-10', details: true, limit: 2 }).toArray({ max: 100 });
    expect(listed).toHaveLength(3);
    for (const order of listed) expect(order).toEqual(await boh.orders.get(order.store_code, order.order_number));

    const refunded = listed.find((order) => order.order_number === 'B-6001')!;
    expect(refunded.refunds!.map((refund) => refund.refund_number)).toEqual(['LIST-RF-1']);
    const plain = await boh.orders.list({ store_code: '0002', limit: 1 });
    expect(plain.data[0]).not.toHaveProperty('lines');
  });

  it('shows store managers only their stores', async () => {
    const manager = createClient({ baseUrl: server.url, token: await server.token('store_manager', ['0002']) });
    const seen = await manager.orders.list().toArray({ max: 1000 });
    const error = await manager.orders.get('0001', 'A-1001').catch((e: unknown) => e);
    await manager.close();
    expect(new Set(seen.map((o) => o.store_code))).toEqual(new Set(['0002']));
    expect(error).toBeInstanceOf(BohPermissionError);
  });
});

describe('concurrent posting', () => {
  it('posts an order sent twice at once exactly once', async () => {
    const order = anOrder('0002', 'C-9001', '2024-01-12T04:00:00Z', [latte(1)]);
    const replies = await Promise.all([1, 2, 3].map(() => send(server.url, 'POST', '/orders', { token: admin, body: order })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const entries = await boh.ledger.entries.list({ store_code: '0002', source_type: 'sales', period: '2024-01' }).toArray({ max: 1000 });
    const withOrder = entries.filter((e) => e.entry_date === '2024-01-12');
    expect(withOrder.reduce((sum, e) => sum + e.document_count, 0)).toBe(1);
  });

  it('keeps stock exact when batches of one store run side by side', async () => {
    const before = (await stockOf(boh, '0001')).BEANS!;
    const batches = [0, 1, 2, 3].map((b) => [0, 1, 2, 3, 4].map((n) => anOrder('0001', `P-${b}-${n}`, '2024-01-13T04:00:00Z', [latte(1)])));
    await Promise.all(batches.map((orders) => boh.orders.postBatch(orders)));
    // 20 lattes of 18 g beans each, whatever order the batches ran in.
    expect((await stockOf(boh, '0001')).BEANS![0]).toBe(before[0] - 360);
  });
});
