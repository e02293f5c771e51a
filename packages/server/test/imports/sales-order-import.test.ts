import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { receiveStock, seedCafe } from '../sales/support.js';

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

type Fields = Record<string, unknown>;

async function createJob(extra: Fields = {}, token = admin) {
  return send(server.url, 'POST', '/imports', { token, body: { resource: 'sales_order', file_name: 'orders.csv', ...extra } });
}

async function batch(id: string, sequence: number, rows: { line: number; fields: Fields }[], language = 'en') {
  return send(server.url, 'POST', `/imports/${id}/batches`, { token: admin, body: { sequence, rows }, headers: { 'accept-language': language } });
}

/** An order row as the CLI sends it: the template's fields, lines gathered under `lines`. */
function orderRow(line: number, orderNo: string, extra: Fields = {}, lines: Fields[] = [{ menu_item_code: 'LATTE', quantity: 2, unit_price_fen: 3200 }]) {
  return { line, fields: { order_no: orderNo, store_code: '0001', ordered_at: '2024-01-05T04:30:00Z', channel: 'dine_in', payment_method: 'wechat', lines, ...extra } };
}

/** Row counts of the tables a posting writes. */
async function writtenRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['orders', 'order_lines', 'order_payments', 'journal_entries', 'stock_movements', 'posting_batches'] as const) {
    const row = await server.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

async function importRows(rows: { line: number; fields: Fields }[], extra: Fields = {}) {
  const job = await createJob(extra);
  expect(job.status).toBe(201);
  const result = await batch(job.body.id as string, 1, rows);
  expect(result.status).toBe(200);
  return result.body;
}

describe('sales order import', () => {
  it('posts orders with their payments like the batch API', async () => {
    const result = await importRows([
      orderRow(2, 'IMP-1', { paid_fen: 6400, payment_transaction_id: '4200000001', payment_merchant_order_number: 'M-0001' }),
      orderRow(4, 'IMP-2', { payment_method: 'stored_value', paid_fen: 1000, payment2_method: 'alipay', payment2_amount_fen: 2200 }, [{ menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 }]),
    ]);
    expect(result.counts).toEqual({ received: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 });

    const first = await boh.orders.get('0001', 'IMP-1');
    expect(first).toMatchObject({ business_date: '2024-01-05', net_fen: 6400, tax_fen: 362, status: 'posted' });
    expect(first.payments).toEqual([expect.objectContaining({ method: 'wechat', amount_fen: 6400, transaction_id: '4200000001', merchant_order_number: 'M-0001' })]);
    const second = await boh.orders.get('0001', 'IMP-2');
    expect(second.payments.map((p) => [p.method, p.amount_fen])).toEqual([
      ['stored_value', 1000],
      ['alipay', 2200],
    ]);
  });

  it('takes a blank first payment as the rest of the order', async () => {
    const result = await importRows([orderRow(2, 'IMP-3', { payment2_method: 'cash', payment2_amount_fen: 400 }, [{ menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200, discount_fen: 200 }])]);
    expect(result.counts.created).toBe(1);
    const order = await boh.orders.get('0001', 'IMP-3');
    expect(order.payments.map((p) => [p.method, p.amount_fen])).toEqual([
      ['wechat', 2600],
      ['cash', 400],
    ]);
  });

  it('sells an item as it is', async () => {
    const result = await importRows([orderRow(2, 'IMP-8', {}, [{ item_code: 'WATER', quantity: 2, unit_price_fen: 300 }])]);
    expect(result.counts.created).toBe(1);
    const order = await boh.orders.get('0001', 'IMP-8');
    expect(order.lines[0]).toMatchObject({ item_code: 'WATER', quantity: 2 });
    expect(order.payments.map((p) => [p.method, p.amount_fen])).toEqual([['wechat', 600]]);
  });

  it('computes the business date with the store cut-off', async () => {
    // 01:30 in Shanghai on 6 January; store 0001 ends its day at 04:00.
    await importRows([orderRow(2, 'IMP-4', { ordered_at: '2024-01-05T17:30:00Z' })]);
    expect((await boh.orders.get('0001', 'IMP-4')).business_date).toBe('2024-01-05');
  });

  it('leaves orders of a second import unchanged', async () => {
    const rows = [orderRow(2, 'IMP-5'), orderRow(3, 'IMP-6')];
    await importRows(rows);
    const before = await writtenRows();

    const again = await importRows(rows);
    expect(again.counts).toEqual({ received: 2, created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(again.results).toEqual([
      { line: 2, outcome: 'unchanged', key: 'IMP-5' },
      { line: 3, outcome: 'unchanged', key: 'IMP-6' },
    ]);
    expect(await writtenRows()).toEqual(before);
  });

  it('rejects a posted number with other content', async () => {
    await importRows([orderRow(2, 'IMP-7')]);
    const changed = await importRows([orderRow(2, 'IMP-7', { payment_method: 'cash' })]);
    expect(changed.results).toEqual([
      {
        line: 2,
        outcome: 'rejected',
        key: 'IMP-7',
        errors: [
          {
            field: 'order_no',
            code: 'import_order_conflict',
            message: expect.stringContaining('order "IMP-7" was posted before with other values in payment_method'),
            value: 'IMP-7',
          },
        ],
      },
    ]);
  });

  it('names the row fields of rejected orders', async () => {
    const result = await importRows([
      orderRow(2, 'BAD-1', { store_code: '9999' }),
      orderRow(3, 'BAD-2', {}, [
        { menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 },
        { menu_item_code: 'NOPE', quantity: 1, unit_price_fen: 100 },
      ]),
      orderRow(5, 'BAD-3', { paid_fen: 6000 }),
      orderRow(6, 'BAD-4', { payment2_method: 'cash' }),
      orderRow(7, 'BAD-5', { channel: undefined }),
      orderRow(8, 'GOOD-1'),
      orderRow(9, 'BAD-6', { payment_method: undefined, payment2_method: 'cash', payment2_amount_fen: 6400 }),
    ]);
    expect(result.counts).toEqual({ received: 7, created: 1, updated: 0, unchanged: 0, rejected: 6 });
    const byLine = new Map(result.results.map((row: { line: number }) => [row.line, row]));
    expect(byLine.get(2).errors).toEqual([{ field: 'store_code', code: 'reference_not_found', message: 'store_code: store "9999" does not exist', value: '9999' }]);
    expect(byLine.get(3).errors).toEqual([expect.objectContaining({ field: 'lines[1].menu_item_code', value: 'NOPE' })]);
    expect(byLine.get(5).errors).toEqual([expect.objectContaining({ field: 'paid_fen', code: 'payments_mismatch' })]);
    expect(byLine.get(6).errors).toEqual([expect.objectContaining({ field: 'payment2_amount_fen', code: 'required' })]);
    expect(byLine.get(7).errors).toEqual([expect.objectContaining({ field: 'channel', code: 'required' })]);
    expect(byLine.get(9).errors.map((error: { field: string; code: string }) => [error.field, error.code])).toEqual([
      ['payment_method', 'required'],
      ['paid_fen', 'required'],
    ]);

    for (const number of ['BAD-1', 'BAD-2', 'BAD-3', 'BAD-4', 'BAD-5', 'BAD-6']) {
      expect((await send(server.url, 'GET', `/orders/0001/${number}`, { token: admin })).status).toBe(404);
    }
    expect((await boh.orders.get('0001', 'GOOD-1')).net_fen).toBe(6400);

    const rejections = await send(server.url, 'GET', `/imports/${result.job_id}/rejections`, { token: admin, headers: { 'accept-language': 'zh-CN' } });
    expect(rejections.body.data[0]).toMatchObject({ line: 2, field: 'store_code', code: 'reference_not_found', message: 'store_code: 门店 "9999" 不存在' });
  });

  it('writes nothing in a dry run', async () => {
    const result = await importRows([orderRow(2, 'DRY-1'), orderRow(3, 'DRY-2', { store_code: '9999' })], { dry_run: true });
    expect(result.counts).toMatchObject({ created: 1, rejected: 1 });
    expect((await send(server.url, 'GET', '/orders/0001/DRY-1', { token: admin })).status).toBe(404);
  });

  it('accepts no update mode', async () => {
    const job = await createJob({ mode: 'update' });
    expect(job.status).toBe(422);
    expect(job.body.errors).toEqual([expect.objectContaining({ field: 'body.mode', code: 'import_mode_not_supported' })]);
  });
});

/** Build a refund row as the CLI sends it: a refund of `orderNo` under `refundNo`, lines gathered under `lines`. */
function refundRow(line: number, refundNo: string, orderNo: string, extra: Fields = {}, lines: Fields[] = []) {
  return { line, fields: { order_no: refundNo, store_code: '0001', ordered_at: '2024-01-05T06:00:00Z', channel: 'dine_in', row_type: 'refund', original_order_no: orderNo, lines, ...extra } };
}

describe('sales order import of refunds', () => {
  it('posts a refund row placed before its order', async () => {
    const rows = [refundRow(2, 'RIMP-1', 'OIMP-1', { paid_fen: -3200 }, [{ menu_item_code: 'LATTE', quantity: -1 }]), orderRow(3, 'OIMP-1', { paid_fen: 6400 })];
    const result = await importRows(rows);
    expect(result.counts).toEqual({ received: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 });

    const order = await boh.orders.get('0001', 'OIMP-1');
    expect(order.refunded_fen).toBe(3200);
    expect(order.refunds.map((refund) => [refund.refund_number, refund.kind, refund.amount_fen])).toEqual([['RIMP-1', 'lines', 3200]]);
    expect(order.lines[0]!.refunded_quantity).toBe(1);
  });

  it('leaves refunds of a second import unchanged', async () => {
    const rows = [orderRow(2, 'OIMP-2'), refundRow(3, 'RIMP-2', 'OIMP-2', { paid_fen: -1000 })];
    await importRows(rows);
    const before = await writtenRows();

    const again = await importRows(rows);
    expect(again.counts).toEqual({ received: 2, created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(await writtenRows()).toEqual(before);
    expect((await boh.orders.get('0001', 'OIMP-2')).refunded_fen).toBe(1000);
  });

  it('spreads an item over its order lines', async () => {
    const lines = [
      { menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 },
      { menu_item_code: 'VANILLA', quantity: 1, unit_price_fen: 3600 },
      { menu_item_code: 'LATTE', quantity: 2, unit_price_fen: 3000 },
    ];
    const result = await importRows([orderRow(2, 'OIMP-3', {}, lines), refundRow(5, 'RIMP-3', 'OIMP-3', {}, [{ menu_item_code: 'LATTE', quantity: -2 }])]);
    expect(result.counts.created).toBe(2);
    const order = await boh.orders.get('0001', 'OIMP-3');
    expect(order.lines.map((line) => line.refunded_quantity)).toEqual([1, 0, 1]);
    expect(order.refunds[0]!.amount_fen).toBe(3200 + 3000);
  });

  it('names the row fields of rejected refunds', async () => {
    await importRows([orderRow(2, 'OIMP-4')]);
    const result = await importRows([
      refundRow(2, 'RBAD-1', 'NO-SUCH-ORDER'),
      refundRow(3, 'RBAD-2', 'OIMP-4', { paid_fen: -9999 }),
      refundRow(4, 'RBAD-3', 'OIMP-4', {}, [{ menu_item_code: 'LATTE', quantity: -3 }]),
      refundRow(5, 'RBAD-4', 'OIMP-4', { payment_method: 'cash', paid_fen: -100 }),
      refundRow(6, 'RBAD-5', 'OIMP-4', {}, [{ menu_item_code: 'VANILLA', quantity: -1 }]),
      { line: 7, fields: { order_no: 'RBAD-6', store_code: '0001', ordered_at: '2024-01-05T06:00:00Z', row_type: 'refund', lines: [] } },
      refundRow(8, 'RBAD-7', 'OIMP-4', { ordered_at: '2024-01-05T01:00:00Z' }),
    ]);
    expect(result.counts).toEqual({ received: 7, created: 0, updated: 0, unchanged: 0, rejected: 7 });
    const byLine = new Map(result.results.map((row: { line: number }) => [row.line, row]));
    expect(byLine.get(2).errors).toEqual([expect.objectContaining({ field: 'original_order_no', code: 'order_not_found', value: 'NO-SUCH-ORDER' })]);
    expect(byLine.get(3).errors).toEqual([expect.objectContaining({ field: 'paid_fen', code: 'refund_exceeds_remaining' })]);
    expect(byLine.get(4).errors).toEqual([expect.objectContaining({ field: 'lines[0].quantity', code: 'refund_quantity_exceeds' })]);
    expect(byLine.get(5).errors).toEqual([expect.objectContaining({ field: 'payment_method', code: 'import_refund_payment_not_in_order', value: 'cash' })]);
    expect(byLine.get(6).errors).toEqual([expect.objectContaining({ field: 'lines[0].menu_item_code', code: 'import_refund_item_not_in_order', value: 'VANILLA' })]);
    expect(byLine.get(7).errors).toEqual([expect.objectContaining({ field: 'original_order_no', code: 'import_refund_original_missing' })]);
    expect(byLine.get(8).errors).toEqual([expect.objectContaining({ field: 'ordered_at', code: 'refund_before_order' })]);
    expect((await boh.orders.get('0001', 'OIMP-4')).refunded_fen).toBe(0);
  });
});
