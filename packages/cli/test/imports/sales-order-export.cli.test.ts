// `boh export sales_order` then `boh import sales_order` into a fresh server gives back every
// order, line, payment and refund field by field, through CSV, XLSX and JSON Lines.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, receiveStock, seedCafe } from '../../../server/test/sales/support.js';
import { csvRows, importHarness } from './support.js';

type Order = components['schemas']['Order'];

const h = importHarness();
let source: BohClient;

const latte = (quantity = 1, discount_fen?: number) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200, ...(discount_fen ? { discount_fen } : {}) });
const vanilla = (quantity = 1) => ({ menu_item_code: 'VANILLA', quantity, unit_price_fen: 3600 });
const water = (quantity = 1) => ({ item_code: 'WATER', quantity, unit_price_fen: 300 });

beforeAll(async () => {
  source = createClient({ baseUrl: h.server.url, token: h.env.BOH_TOKEN! });
  await seedCafe(source);
  await receiveStock(source, '0001');
  await receiveStock(source, '0002');

  await source.orders.post(anOrder('0001', 'E-001', '2024-03-01T04:30:00Z', [latte(2, 100), vanilla(1), water(3)], { discount_fen: 50, guests: 3, note: '靠窗, "两位"\n加冰' }));
  await source.orders.post({
    ...anOrder('0001', 'E-002', '2024-03-01T19:30:00Z', [latte(1), vanilla(2)]),
    channel: 'delivery_meituan',
    payments: [
      { method: 'stored_value', amount_fen: 4000 },
      { method: 'alipay', amount_fen: 6400, transaction_id: '2024030122001400000001', merchant_order_number: '000123' },
    ],
  });
  await source.orders.post(anOrder('0001', 'E-003', '2024-03-01T02:00:00Z', [latte(1.5)]));
  await source.orders.post(anOrder('0002', 'E-001', '2024-03-05T08:00:00Z', [vanilla(1), water(1)]));
  await source.orders.post(anOrder('0002', 'E-004', '2024-04-01T08:00:00Z', [latte(1)]));

  await source.orders.refund('0001', 'E-001', { refund_number: 'RF-1', refunded_at: '2024-03-01T05:00:00Z', lines: [{ line_number: 1, quantity: 1 }], reason: '做错了' });
  await source.orders.refund('0001', 'E-001', { refund_number: 'RF-2', refunded_at: '2024-03-01T05:10:00.255Z', amount_fen: 500 });
  await source.orders.refund('0001', 'E-002', { refund_number: 'RF-3', refunded_at: '2024-03-01T20:00:00Z', amount_fen: 1000, payments: [{ sequence: 2, amount_fen: 1000, transaction_id: 'RF2024030100001' }] });
  await source.orders.refund('0002', 'E-001', { refund_number: 'RF-4', refunded_at: '2024-03-05T09:00:00Z', return_stock: false });
});
afterAll(() => source.close());

/** Fields that record when and by which batch a record was posted, which a second posting changes. */
const POSTING = new Set(['batch_id', 'journal_entry_id', 'posted_at']);

function withoutPosting(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPosting);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([field]) => !POSTING.has(field)).map(([field, inner]) => [field, withoutPosting(inner)]));
}

/** Read every order of a server with its lines, payments and refunds, by store and number. */
async function allOrders(client: BohClient): Promise<Record<string, unknown>> {
  const orders: Record<string, unknown> = {};
  for await (const listed of client.orders.list({ limit: 100 })) {
    const order: Order = await client.orders.get(listed.store_code, listed.order_number);
    orders[`${order.store_code}/${order.order_number}`] = withoutPosting(order);
  }
  return orders;
}

describe('sales order export then import', () => {
  const runs = [
    ['csv', 'zh-CN'],
    ['xlsx', 'en'],
    ['jsonl', 'en'],
  ] as const;

  for (const [format, language] of runs) {
    it(`gives back every order through ${format} in ${language}`, async () => {
      const target: TestServer = await startTestServer();
      const client = createClient({ baseUrl: target.url, token: await target.token('admin') });
      try {
        await seedCafe(client);
        await receiveStock(client, '0001');
        await receiveStock(client, '0002');

        const file = `orders-${language}.${format}`;
        const exported = await h.boh(['export', 'sales_order', '--output', file, '--lang', language, '--json']);
        expect(exported.code, exported.stderr).toBe(0);
        expect(JSON.parse(exported.stdout)).toMatchObject({ resource: 'sales_order', count: 9, skipped: [] });

        const imported = await h.boh(['import', 'sales_order', file, '--lang', language, '--json'], { BOH_BASE_URL: target.url, BOH_TOKEN: await target.token('admin') });
        expect(imported.code, imported.stderr).toBe(0);
        expect(JSON.parse(imported.stdout).job.counts).toEqual({ received: 9, created: 9, updated: 0, unchanged: 0, rejected: 0 });

        const expected = await allOrders(source);
        const actual = await allOrders(client);
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
        for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);

        const again = await h.boh(['import', 'sales_order', file, '--lang', language, '--json'], { BOH_BASE_URL: target.url, BOH_TOKEN: await target.token('admin') });
        expect(JSON.parse(again.stdout).job.counts).toEqual({ received: 9, created: 0, updated: 0, unchanged: 9, rejected: 0 });
      } finally {
        await client.close();
        await target.close();
      }
    });
  }
});

describe('sales order export', () => {
  it('writes headers in the chosen language', async () => {
    await h.boh(['export', 'sales_order', '--output', 'header.csv', '--lang', 'zh-CN']);
    const rows = csvRows(h.read('header.csv'));
    expect(rows[0]!.slice(0, 4)).toEqual(['订单号', '门店编码', '下单时间', '渠道']);
    expect(rows[0]).toEqual(expect.arrayContaining(['退款单号', '原订单号', '单据类型', '原订单行号', '整单优惠（分）']));
  });

  it('writes labels and store times in Chinese', async () => {
    await h.boh(['export', 'sales_order', '--store', '0001', '--output', 'labels.csv', '--lang', 'zh-CN']);
    const [header, ...rows] = csvRows(h.read('labels.csv'));
    const column = (label: string) => header!.indexOf(label);
    const order = rows.find((row) => row[column('订单号')] === 'E-002' && row[column('单据类型')] === '销售')!;
    expect(order[column('渠道')]).toBe('美团外卖');
    expect(order[column('支付方式')]).toBe('储值卡');
    expect(order[column('下单时间')]).toBe('2024-03-02 03:30:00 +08:00');
    const refund = rows.find((row) => row[column('退款单号')] === 'RF-3')!;
    expect(refund[column('单据类型')]).toBe('退款');
    expect(refund[column('下单时间')]).toBe('2024-03-02 04:00:00 +08:00');
    // A refund posted without --at has milliseconds, which the store time keeps.
    const withMilliseconds = rows.find((row) => row[column('退款单号')] === 'RF-2')!;
    expect(withMilliseconds[column('下单时间')]).toBe('2024-03-01 13:10:00.255 +08:00');
    expect(rows.flat().filter((cell) => /^(sale|refund|delivery_meituan|stored_value|alipay|dine_in)$/.test(cell))).toEqual([]);
  });

  it('filters by store and business date', async () => {
    const byStore = await h.boh(['export', 'sales_order', '--store', '0002', '--output', 'store.jsonl', '--json']);
    expect(JSON.parse(byStore.stdout).count).toBe(3);
    const keys = h.read('store.jsonl').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).map((record) => record.refund_no ?? record.order_no);
    expect(keys).toEqual(['E-004', 'E-001', 'RF-4']);

    const march = await h.boh(['export', 'sales_order', '--from', '2024-03-01', '--to', '2024-03-01', '--output', 'day.jsonl', '--json']);
    const orders = h.read('day.jsonl').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record.row_type === 'sale');
    expect(orders.map((record) => record.order_no).sort()).toEqual(['E-001', 'E-002', 'E-003']);
    expect(JSON.parse(march.stdout).count).toBe(6);
  });

  it('writes an XLSX sheet named after the resource', async () => {
    await h.boh(['export', 'sales_order', '--output', 'orders.xlsx', '--lang', 'zh-CN']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(`${h.folder}/orders.xlsx`);
    expect(workbook.worksheets[0]!.name).toBe('销售订单');
  });

  it('rejects a date that is not YYYY-MM-DD', async () => {
    const result = await h.boh(['export', 'sales_order', '--from', '2024/3/1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from 2024/3/1 is not a date; give it as YYYY-MM-DD');
  });

  it('rejects an impossible date without writing a file', async () => {
    const result = await h.boh(['export', 'sales_order', '--from', '2026-13-01', '--output', 'month13.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from 2026-13-01 is not a date');
    expect(existsSync(join(h.folder, 'month13.csv'))).toBe(false);
  });

  it('rejects --from after --to', async () => {
    const result = await h.boh(['export', 'sales_order', '--from', '2024-03-30', '--to', '2024-03-01', '--output', 'reversed.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from 2024-03-30 is after --to 2024-03-01');
    expect(existsSync(join(h.folder, 'reversed.csv'))).toBe(false);
  });

  it('rejects an unknown store by its code', async () => {
    const result = await h.boh(['export', 'sales_order', '--store', 'NOPE', '--output', 'nope.csv', '--lang', 'zh-CN']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('NOPE');
    expect(result.stdout).not.toContain('已导出');
    expect(existsSync(join(h.folder, 'nope.csv'))).toBe(false);
  });

  it('rejects a missing output folder in the chosen language', async () => {
    const result = await h.boh(['export', 'sales_order', '--output', 'no-such-folder/x.csv', '--lang', 'zh-CN']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('所在的文件夹');
    expect(result.stderr).not.toContain('ENOENT');
  });

  it('leaves an older file alone when the export fails', async () => {
    h.file('kept.csv', 'older export');
    const result = await h.boh(['export', 'sales_order', '--output', 'kept.csv'], { BOH_BASE_URL: 'http://127.0.0.1:9' });
    expect(result.code).not.toBe(0);
    expect(h.read('kept.csv')).toBe('older export');
    expect(readdirSync(h.folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('rejects sales filters for other resources', async () => {
    const result = await h.boh(['export', 'store', '--store', '0001']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--store filters sales orders only');
  });
});
