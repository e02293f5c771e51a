import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohNotFoundError, BohValidationError, createClient, type BohClient } from '@boh/sdk';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, balancesOf, receiveStock, seedCafe, stockOf } from './support.js';

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
const vanilla = (quantity = 1) => ({ menu_item_code: 'VANILLA', quantity, unit_price_fen: 3600 });

describe('a full refund', () => {
  it('returns stock and books to their state before the order', async () => {
    const stock = await stockOf(boh, '0001');
    const books = await balancesOf(boh, '0001');

    await boh.orders.post(anOrder('0001', 'R-1', '2024-02-01T04:00:00Z', [latte(2), vanilla(1)], { discount_fen: 50 }));
    expect(await stockOf(boh, '0001')).not.toEqual(stock);
    const refund = await boh.orders.refund('0001', 'R-1', { refund_number: 'RF-1', refunded_at: '2024-02-01T05:00:00Z', reason: '顾客投诉' });

    expect(refund.kind).toBe('full');
    expect(refund.amount_fen).toBe(6400 + 3600 - 50);
    expect(await stockOf(boh, '0001')).toEqual(stock);
    expect(await balancesOf(boh, '0001')).toEqual(books);
    expect((await boh.orders.get('0001', 'R-1')).status).toBe('refunded');
  });

  it('cannot be repeated', async () => {
    const error = await boh.orders.refund('0001', 'R-1', { refund_number: 'RF-1b', refunded_at: '2024-02-01T06:00:00Z' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohConflictError);
    expect((error as BohConflictError).code).toBe('nothing_to_refund');
  });
});

describe('a refund in parts', () => {
  it('adds up to the order exactly', async () => {
    const stock = await stockOf(boh, '0001');
    const books = await balancesOf(boh, '0001');
    const order = await boh.orders.post(anOrder('0001', 'R-2', '2024-02-02T04:00:00Z', [latte(3)]));
    // 9600 fen at 6 %: VAT 9600 − round(9600 ÷ 1.06) = 543.
    expect(order.tax_fen).toBe(543);

    const parts = [];
    for (const n of [1, 2, 3]) {
      parts.push(await boh.orders.refund('0001', 'R-2', { refund_number: `RF-2-${n}`, refunded_at: `2024-02-0${2 + n}T04:00:00Z`, lines: [{ line_number: 1, quantity: 1 }] }));
    }
    // round(543 × 1/3) = 181, round(362 × 1/2) = 181, then the remainder 181.
    expect(parts.map((p) => [p.amount_fen, p.tax_fen])).toEqual([[3200, 181], [3200, 181], [3200, 181]]);
    expect(parts.map((p) => p.lines[0]!.returned.find((r) => r.item_code === 'MILK'))).toEqual([
      { item_code: 'MILK', quantity: 210.526316, value_fen: 316 },
      { item_code: 'MILK', quantity: 210.526316, value_fen: 316 },
      { item_code: 'MILK', quantity: 210.526315, value_fen: 315 },
    ]);
    expect(await stockOf(boh, '0001')).toEqual(stock);
    expect(await balancesOf(boh, '0001')).toEqual(books);
  });

  it('by amount shares money and VAT over the lines and leaves stock', async () => {
    await boh.orders.post(anOrder('0001', 'R-3', '2024-02-06T04:00:00Z', [latte(1), vanilla(1)]));
    const stock = await stockOf(boh, '0001');
    const refund = await boh.orders.refund('0001', 'R-3', { refund_number: 'RF-3', refunded_at: '2024-02-06T05:00:00Z', amount_fen: 1000 });
    // 1000 over 3200 and 3600: 470.59 → 471 and 529.41 → 529.
    expect(refund.lines.map((l) => [l.line_number, l.quantity, l.amount_fen, l.tax_fen, l.returned])).toEqual([
      [1, 0, 471, 27, []],
      [2, 0, 529, 30, []],
    ]);
    expect(await stockOf(boh, '0001')).toEqual(stock);
    expect((await boh.orders.get('0001', 'R-3')).status).toBe('partially_refunded');
  });

  it('goes back to the payments in order, or as told', async () => {
    await boh.orders.post({
      ...anOrder('0001', 'R-4', '2024-02-07T04:00:00Z', [latte(2)]),
      payments: [
        { method: 'stored_value', amount_fen: 1000 },
        { method: 'wechat', amount_fen: 5400, transaction_id: '4200R4' },
      ],
    });
    const first = await boh.orders.refund('0001', 'R-4', { refund_number: 'RF-4a', refunded_at: '2024-02-07T05:00:00Z', amount_fen: 2000 });
    expect(first.payments.map((p) => [p.sequence, p.method, p.amount_fen, p.account_code])).toEqual([
      [1, 'stored_value', 1000, '2203'],
      [2, 'wechat', 1000, '1012.01'],
    ]);
    const told = await boh.orders.refund('0001', 'R-4', {
      refund_number: 'RF-4b',
      refunded_at: '2024-02-07T05:00:00Z',
      amount_fen: 500,
      payments: [{ sequence: 2, amount_fen: 500, transaction_id: '5030R4b' }],
    });
    expect(told.payments).toEqual([{ sequence: 2, method: 'wechat', amount_fen: 500, transaction_id: '5030R4b', account_code: '1012.01' }]);
  });

  it('without returning stock keeps the cost in cost of goods sold', async () => {
    await boh.orders.post(anOrder('0001', 'R-5', '2024-02-08T04:00:00Z', [latte(1)]));
    const stock = await stockOf(boh, '0001');
    const refund = await boh.orders.refund('0001', 'R-5', { refund_number: 'RF-5', refunded_at: '2024-02-08T05:00:00Z', return_stock: false });
    expect(refund.returned_value_fen).toBe(0);
    expect(refund.lines[0]!.returned.map((r) => r.item_code)).toEqual(['BEANS', 'MILK', 'CUP']);
    expect(await stockOf(boh, '0001')).toEqual(stock);
  });
});

describe('rejected refunds', () => {
  it('name the line, the quantity and the payment', async () => {
    await boh.orders.post(anOrder('0001', 'R-6', '2024-02-09T04:00:00Z', [latte(1)]));
    const tooMany = (await boh.orders.refund('0001', 'R-6', { refund_number: 'RF-6', refunded_at: '2024-02-09T05:00:00Z', lines: [{ line_number: 1, quantity: 2 }, { line_number: 3, quantity: 1 }] }).catch((e: unknown) => e)) as BohValidationError;
    expect(tooMany.fieldErrors.map((e) => [e.field, e.code])).toEqual([
      ['body.lines[0].quantity', 'refund_quantity_exceeds'],
      ['body.lines[1].line_number', 'refund_line_not_found'],
    ]);

    const wrongPayment = (await boh.orders.refund('0001', 'R-6', { refund_number: 'RF-6', refunded_at: '2024-02-09T05:00:00Z', amount_fen: 100, payments: [{ sequence: 1, amount_fen: 50 }] }).catch((e: unknown) => e)) as BohValidationError;
    expect(wrongPayment.fieldErrors.map((e) => [e.field, e.code])).toEqual([['body.payments', 'refund_payments_mismatch']]);

    const early = (await boh.orders.refund('0001', 'R-6', { refund_number: 'RF-6', refunded_at: '2024-02-09T03:59:59Z' }).catch((e: unknown) => e)) as BohValidationError;
    expect(early.fieldErrors[0]!.code).toBe('refund_before_order');

    const both = await send(server.url, 'POST', '/orders/0001/R-6/refunds', { token: admin, body: { refund_number: 'RF-6', refunded_at: '2024-02-09T05:00:00Z', amount_fen: 1, lines: [{ line_number: 1, quantity: 1 }] } });
    expect(both.body.errors[0].code).toBe('refund_lines_and_amount');
  });

  it('name refund and order times in store time', async () => {
    await boh.orders.post(anOrder('0001', 'R-MIDNIGHT', '2024-02-09T16:00:03Z', [latte(1)]));
    const body = { refund_number: 'RF-MIDNIGHT', refunded_at: '2024-02-09T15:59:59Z' };

    const en = await send(server.url, 'POST', '/orders/0001/R-MIDNIGHT/refunds', { token: admin, body, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(422);
    expect(en.body.errors[0].message).toContain('the refund time 2024-02-09 23:59:59 +08:00 is before the order time 2024-02-10 00:00:03 +08:00');

    const zh = await send(server.url, 'POST', '/orders/0001/R-MIDNIGHT/refunds', { token: admin, body, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.body.errors[0].message).toContain('退款时间 2024-02-09 23:59:59 +08:00 早于下单时间 2024-02-10 00:00:03 +08:00');
  });

  it('of an unknown order are 404', async () => {
    const error = await boh.orders.refund('0001', 'NOPE', { refund_number: 'RF-X', refunded_at: '2024-02-09T05:00:00Z' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohNotFoundError);
  });
});

describe('refund numbers', () => {
  it('return the first refund again, and reject other content', async () => {
    await boh.orders.post(anOrder('0001', 'R-7', '2024-02-10T04:00:00Z', [latte(2)]));
    const body = { refund_number: 'RF-7', refunded_at: '2024-02-10T05:00:00Z', lines: [{ line_number: 1, quantity: 1 }] };
    const first = await send(server.url, 'POST', '/orders/0001/R-7/refunds', { token: admin, body });
    const again = await send(server.url, 'POST', '/orders/0001/R-7/refunds', { token: admin, body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);

    const other = await send(server.url, 'POST', '/orders/0001/R-7/refunds', { token: admin, body: { ...body, lines: [{ line_number: 1, quantity: 2 }] } });
    expect(other.status).toBe(409);
    expect(other.body.params.differences).toEqual([{ field: 'lines[0].quantity', stored: 1, sent: 2 }]);
  });
});

describe('refunds across periods', () => {
  it('post into the period of the refund, after the order period is closed', async () => {
    await boh.orders.post(anOrder('0001', 'R-8', '2024-03-31T04:00:00Z', [latte(1)]));
    // Its WeChat Pay payment was never reconciled; finance accepts that to close.
    await boh.ledger.closePeriod('2024-03', { accept: ['reconciliations'] });
    const refund = await boh.orders.refund('0001', 'R-8', { refund_number: 'RF-8', refunded_at: '2024-04-01T04:00:00Z' });
    expect(refund.period).toBe('2024-04');

    await boh.orders.post(anOrder('0001', 'R-9', '2024-04-02T04:00:00Z', [latte(1)]));
    await boh.ledger.closePeriod('2024-04', { accept: ['reconciliations'] });
    const error = (await boh.orders.refund('0001', 'R-9', { refund_number: 'RF-9', refunded_at: '2024-04-02T05:00:00Z' }).catch((e: unknown) => e)) as BohConflictError;
    expect(error.code).toBe('period_closed');
  });
});

describe('refunds in a batch', () => {
  it('may refund an order of the same batch', async () => {
    const reply = await send(server.url, 'POST', '/orders/batch', {
      token: admin,
      body: {
        orders: [anOrder('0002', 'RB-1', '2024-05-01T04:00:00Z', [latte(1)])],
        refunds: [
          { store_code: '0002', order_number: 'RB-1', refund_number: 'RFB-1', refunded_at: '2024-05-01T05:00:00Z' },
          { store_code: '0002', order_number: 'RB-404', refund_number: 'RFB-2', refunded_at: '2024-05-01T05:00:00Z' },
        ],
      },
    });
    expect(reply.body.refunds.map((r: { outcome: string }) => r.outcome)).toEqual(['posted', 'rejected']);
    expect(reply.body.refunds[1].errors[0]).toMatchObject({ field: 'refunds[1].order_number', code: 'order_not_found' });
    expect((await boh.orders.get('0002', 'RB-1')).refunds.map((r) => r.refund_number)).toEqual(['RFB-1']);
  });
});
