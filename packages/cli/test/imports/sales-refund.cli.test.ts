// Refund rows in a `boh import sales_order` file, marked by a type column, a refund number or an
// original order number, with negative quantities or amounts. They are posted by the refund
// rules of `boh order refund`, once per refund number, wherever they are in the file.

import ExcelJS from 'exceljs';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveStock, seedCafe } from '../../../server/test/sales/support.js';
import { csvRows, importHarness } from './support.js';

type Order = components['schemas']['Order'];

const h = importHarness();
let boh: BohClient;

beforeAll(async () => {
  boh = createClient({ baseUrl: h.server.url, token: h.env.BOH_TOKEN! });
  await seedCafe(boh);
  await receiveStock(boh, '0001');
});
afterAll(() => boh.close());

const HEADER = '订单号,门店编码,下单时间,渠道,支付方式,实收,菜品编码,数量,单价,单据类型,原订单号,退款单号,备注';

/** Build the text of a file of orders and refunds whose numbers all start with `prefix`. */
function refundFile(prefix: string): string {
  const n = (number: string) => `${prefix}${number}`;
  return [
    HEADER,
    // A partial refund of one latte, before the rows of its order.
    `${n('R-100')},0001,2024-03-01 13:00:00,堂食,微信支付,-32.00,LATTE,-1,32.00,退款,${n('T-100')},,拿错了`,
    `${n('T-100')},0001,2024-03-01 12:30:00,堂食,微信支付,100.00,LATTE,2,32.00,销售,,,`,
    `${n('T-100')},0001,2024-03-01 12:30:00,堂食,微信支付,100.00,VANILLA,1,36.00,销售,,,`,
    `${n('T-101')},0001,2024-03-01 12:40:00,外带,现金,32.00,LATTE,1,32.00,,,,`,
    // A full refund: the refund number beside the order number, no items and no amount.
    `${n('T-101')},0001,2024-03-01 14:00:00,外带,,,,,,,,${n('RF-101')},`,
    `${n('T-102')},0001,2024-03-01 12:50:00,堂食,支付宝,64.00,LATTE,2,32.00,,,,`,
    // Money only, back to the Alipay payment.
    `${n('R-102')},0001,2024-03-01 15:00:00,堂食,支付宝,-10.00,,,,退款,${n('T-102')},,`,
    // The original order is unknown.
    `${n('R-199')},0001,2024-03-01 15:00:00,堂食,,-10.00,,,,退款,${n('T-999')},,`,
    // More than what is left of the payment.
    `${n('R-103')},0001,2024-03-01 16:00:00,堂食,支付宝,-100.00,,,,退款,${n('T-102')},,`,
  ].join('\r\n');
}

describe('refund rows', () => {
  let counts: Record<string, number>;

  beforeAll(async () => {
    const result = await h.boh(['import', 'sales_order', h.file('refunds.csv', refundFile('')), '--json']);
    expect(result.code, result.stderr).toBe(6);
    counts = JSON.parse(result.stdout).job.counts;
  });

  it('posts orders and refunds wherever they stand', () => {
    expect(counts).toEqual({ received: 8, created: 6, updated: 0, unchanged: 0, rejected: 2 });
  });

  it('refunds a line by item code and negative quantity', async () => {
    const order = (await h.get<Order>('/orders/0001/T-100'))!;
    expect(order.refunded_fen).toBe(3200);
    expect(order.status).toBe('partially_refunded');
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]).toMatchObject({ refund_number: 'R-100', kind: 'lines', amount_fen: 3200, reason: '拿错了', refunded_at: '2024-03-01T05:00:00.000Z' });
    expect(order.refunds[0]!.lines.map((line) => [line.line_number, line.quantity])).toEqual([[1, 1]]);
    expect(order.refunds[0]!.payments.map((payment) => [payment.method, payment.amount_fen])).toEqual([['wechat', 3200]]);
  });

  it('refunds a whole order without items or amount', async () => {
    const order = (await h.get<Order>('/orders/0001/T-101'))!;
    expect(order.status).toBe('refunded');
    expect(order.refunds[0]).toMatchObject({ refund_number: 'RF-101', kind: 'full', amount_fen: 3200 });
  });

  it('refunds money only to the named payment', async () => {
    const order = (await h.get<Order>('/orders/0001/T-102'))!;
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]).toMatchObject({ refund_number: 'R-102', kind: 'amount', amount_fen: 1000 });
    expect(order.refunds[0]!.payments.map((payment) => [payment.method, payment.amount_fen])).toEqual([['alipay', 1000]]);
  });

  it('rejects an unknown order and an excess at their columns', () => {
    const errors = csvRows(h.read('refunds.errors.csv'));
    expect(errors).toHaveLength(3);
    expect(errors[1]![0]).toBe('R-199');
    expect(errors[1]!.at(-1)).toBe('Line 9, column 11 (原订单号): store "0001" has no posted order "T-999"; post the order before its refund');
    expect(errors[2]![0]).toBe('R-103');
    expect(errors[2]!.at(-1)).toBe('Line 10, column 6 (实收): 100.00 yuan is more than the 54.00 yuan left to refund');
  });

  it('posts nothing when the same file is imported again', async () => {
    const again = await h.boh(['import', 'sales_order', h.file('refunds.csv', refundFile('')), '--json']);
    expect(JSON.parse(again.stdout).job.counts).toEqual({ received: 8, created: 0, updated: 0, unchanged: 6, rejected: 2 });
    expect((await h.get<Order>('/orders/0001/T-100'))!.refunds).toHaveLength(1);
    expect((await h.get<Order>('/orders/0001/T-102'))!.refunded_fen).toBe(1000);
  });

  it('finds a later order across batches', async () => {
    const result = await h.boh(['import', 'sales_order', h.file('batches.csv', refundFile('B')), '--batch-size', '1', '--json']);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 8, created: 6, updated: 0, unchanged: 0, rejected: 2 });
    expect((await h.get<Order>('/orders/0001/BT-100'))!.refunds.map((refund) => refund.refund_number)).toEqual(['BR-100']);
  });

  it('names the refund number in a conflict', async () => {
    const changed = refundFile('').replace('-32.00,LATTE,-1,32.00', '-64.00,LATTE,-2,32.00');
    const result = await h.boh(['import', 'sales_order', h.file('changed.csv', changed), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ unchanged: 5, rejected: 3 });
    const errors = csvRows(h.read('changed.errors.csv'));
    expect(errors[1]!.at(-1)).toContain('refund "R-100" was posted before with other values in lines[0].quantity');
  });
});

describe('refund rows by type or sign', () => {
  it('reads the words POS files use for the type', async () => {
    const file = [
      '订单号,门店编码,下单时间,渠道,支付方式,实收,菜品编码,数量,单价,交易类型,原单号',
      'T-200,0001,2024-03-01 17:00:00,堂食,现金,32.00,LATTE,1,32.00,消费,',
      'R-200,0001,2024-03-01 17:30:00,堂食,现金,32.00,LATTE,1,32.00,退单,T-200',
      'T-201,0001,2024-03-01 17:40:00,堂食,现金,32.00,LATTE,1,32.00,挂账,',
    ].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('types.csv', file), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 });
    const order = (await h.get<Order>('/orders/0001/T-200'))!;
    expect(order.status).toBe('refunded');
    expect(order.refunds.map((refund) => [refund.refund_number, refund.kind])).toEqual([['R-200', 'lines']]);
    expect(csvRows(h.read('types.errors.csv'))[1]!.at(-1)).toContain('Line 4, column 10 (交易类型): ');
    expect(csvRows(h.read('types.errors.csv'))[1]!.at(-1)).toContain('挂账');
  });

  it('reads an amount in brackets as a refund', async () => {
    const file = ['订单号,门店编码,下单时间,渠道,实收,菜品编码,数量,单价,退款单号', 'T-102,0001,2024-03-01 17:00:00,堂食,(5.00),,,,RF-102B'].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('brackets.csv', file), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const order = (await h.get<Order>('/orders/0001/T-102'))!;
    expect(order.refunds.map((refund) => [refund.refund_number, refund.kind, refund.amount_fen])).toEqual([
      ['R-102', 'amount', 1000],
      ['RF-102B', 'amount', 500],
    ]);
  });

  it('rejects a negative row without its order', async () => {
    const file = ['订单号,门店编码,下单时间,渠道,实收,菜品编码,数量,单价,原订单号', 'N-1,0001,2024-03-01 17:00:00,堂食,,LATTE,-1,32.00,'].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('negative.csv', file), '--json']);
    expect(result.code).toBe(6);
    expect(csvRows(h.read('negative.errors.csv'))[1]!.at(-1)).toBe(
      'Line 2, column 9 (原订单号): a refund row needs the number of the order it refunds: fill the original order number, or the refund number beside the order number',
    );
    expect(await h.get('/orders/0001/N-1')).toBeUndefined();
  });
});

describe('refund row messages in Chinese', () => {
  let reasons: Map<string, string>;

  beforeAll(async () => {
    const file = [
      HEADER,
      'Z-1,0001,2024-03-03 12:30:00,堂食,微信支付,32.00,LATTE,1,32.00,销售,,,',
      'Z-2,0001,2024-03-03 12:40:00,堂食,微信支付,32.00,NO-SUCH-ITEM,1,32.00,销售,,,',
      'ZR-1,0001,2024-03-03 13:00:00,堂食,微信支付,-100.00,,,,退款,Z-1,,',
      'ZR-2,0001,2024-03-03 13:00:00,堂食,现金,-1.00,,,,退款,Z-1,,',
      'ZR-3,0001,2024-03-03 13:00:00,堂食,,,LATTE,-5,32.00,退款,Z-1,,',
      'ZR-4,0001,2024-03-03 13:00:00,堂食,,-1.00,,,,退款,Z-2,,',
    ].join('\r\n');
    const result = await h.boh(['import', 'sales_order', h.file('zh-refunds.csv', file), '--lang', 'zh-CN', '--json']);
    expect(result.code, result.stderr).toBe(6);
    reasons = new Map(csvRows(h.read('zh-refunds.errors.csv')).slice(1).map((row) => [row[0]!, row.at(-1)!]));
  });

  it('gives amounts in yuan under the column header', () => {
    expect(reasons.get('ZR-1')).toBe('第 4 行第 6 列（实收）：100.00 元超过了可退金额 32.00 元');
  });

  it('names a payment method by its label', () => {
    expect(reasons.get('ZR-2')).toBe('第 5 行第 5 列（支付方式）：原订单没有使用 现金 支付');
  });

  it('tells the order line from the file line', () => {
    expect(reasons.get('ZR-3')).toBe('第 6 行第 8 列（数量）：原订单第 1 行明细可退数量为 1，少于 5');
  });

  it('names the rejected order of a refund', () => {
    expect(reasons.get('ZR-4')).toContain('门店“0001”没有已过账的订单“Z-2”');
    expect(reasons.get('ZR-4')).toContain('该订单在本文件第 3 行被拒绝');
  });
});

describe('refund rows by line number', () => {
  it('refunds the named line, in English headers', async () => {
    await boh.orders.post({
      store_code: '0001',
      order_number: 'L-1',
      channel: 'dine_in',
      ordered_at: '2024-03-02T04:30:00Z',
      lines: [
        { menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3200 },
        { menu_item_code: 'LATTE', quantity: 1, unit_price_fen: 3000 },
      ],
      payments: [{ method: 'wechat', amount_fen: 6200 }],
    });
    const file = [
      'Order number,Store code,Ordered at,Channel,Refund number,Order line number,Menu item code,Quantity,Return to stock',
      'L-1,0001,2024-03-02 13:00:00,dine_in,LR-1,2,LATTE,-1,no',
    ].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('lines.csv', file), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const order = (await h.get<Order>('/orders/0001/L-1'))!;
    expect(order.refunds[0]).toMatchObject({ refund_number: 'LR-1', kind: 'lines', amount_fen: 3000, return_stock: false });
    expect(order.lines.map((line) => line.refunded_quantity)).toEqual([0, 1]);
  });

  it('rejects an item the order does not have', async () => {
    const file = ['Order number,Store code,Ordered at,Channel,Refund number,Menu item code,Quantity', 'L-1,0001,2024-03-02 13:00:00,dine_in,LR-2,VANILLA,-1'].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('item.csv', file), '--json']);
    expect(result.code).toBe(6);
    expect(csvRows(h.read('item.errors.csv'))[1]!.at(-1)).toBe('Line 2, column 6 (Menu item code): the original order has no line of "VANILLA"');
  });
});

describe('boh template sales_order', () => {
  it('declares the refund columns', async () => {
    const result = await h.boh(['template', 'sales_order', '--output', 'sales-template.xlsx', '--lang', 'zh-CN']);
    expect(result.code, result.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(`${h.folder}/sales-template.xlsx`);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['单据类型', '退款单号', '原订单号', '退回库存', '原订单行号']));

    const typeColumn = headers.indexOf('单据类型') + 1;
    expect(sheet.getRow(2).getCell(typeColumn).dataValidation).toMatchObject({ type: 'list', formulae: ['"sale,refund"'] });
    const note = sheet.getRow(1).getCell(typeColumn).note as { texts?: { text: string }[] } | string;
    const noteText = typeof note === 'string' ? note : (note.texts ?? []).map((part) => part.text).join('');
    expect(noteText).toContain('有退款单号、原订单号或数量、金额为负数的行按退款处理');
  });
});
