// `boh import sales_order` against a real server: order lines gathered into orders, payments,
// rejections located at line and column, and a second import that posts nothing.

import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { runImport } from '../../src/imports/run-import.js';
import { createContext } from '../../src/runtime/context.js';
import { csvRows, importHarness } from './support.js';

const h = importHarness();

beforeAll(async () => {
  const post = (path: string, body: Record<string, unknown>) => send(h.server.url, 'POST', path, { token: h.env.BOH_TOKEN, body });
  await post('/stores', { code: 'S01', name: '南京西路店', day_end_cutoff: '04:00' });
  await post('/stores', { code: 'S02', name: '淮海中路店' });
  await post('/menu-items', { code: 'LATTE', name: '拿铁', price_fen: 3200 });
  await post('/menu-items', { code: 'MOCHA', name: '摩卡', price_fen: 3500 });
});

const HEADER = '订单号,门店编码,下单时间,渠道,支付方式,实收,交易号,菜品编码,菜品名称,数量,单价';
const ORDERS = [
  HEADER,
  'T-001,S01,2024-03-01 12:30:00,堂食,微信支付,99.00,4200001234202403011234567890,LATTE,拿铁,2,32.00',
  'T-001,S01,2024-03-01 12:30:00,堂食,微信支付,99.00,4200001234202403011234567890,MOCHA,摩卡,1,35.00',
  'T-002,S01,2024/3/2 01:30,takeaway,现金,,,LATTE,拿铁,1,32',
  'T-003,S01,2024-03-02 13:00:00,堂食,支付宝,67.00,2024030222001,LATTE,拿铁,1,32',
  'T-003,S01,2024-03-02 13:00:00,堂食,支付宝,67.00,2024030222001,TEA,红茶,1,35',
  'T-004,S01,2024-03-03 09:00:00,dine_in,alipay,35,2024030322001,MOCHA,摩卡,1,35',
].join('\r\n');

type Order = { business_date: string; net_fen: number; channel: string; lines: { menu_item_code: string; quantity: number }[]; payments: { method: string; amount_fen: number; transaction_id: string | null }[] };

describe('sales order import', () => {
  let first: { summary: Record<string, unknown>; job: { counts: Record<string, number> } };

  beforeAll(async () => {
    const result = await h.boh(['import', 'sales_order', h.file('orders.csv', ORDERS), '--json']);
    expect(result.code).toBe(6);
    first = JSON.parse(result.stdout);
  });

  it('posts one order per order number', async () => {
    expect(first.job.counts).toEqual({ received: 4, created: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.summary).toMatchObject({ resource: 'sales_order', rows: 6, records: 4, accepted: 3, rejected: 1, status: 'completed' });

    const order = await h.get<Order>('/orders/S01/T-001');
    expect(order!.lines.map((line) => [line.menu_item_code, line.quantity])).toEqual([
      ['LATTE', 2],
      ['MOCHA', 1],
    ]);
    expect(order!.net_fen).toBe(9900);
    expect(order!.payments).toEqual([expect.objectContaining({ method: 'wechat', amount_fen: 9900, transaction_id: '4200001234202403011234567890' })]);
  });

  it('fills a blank payment amount and keeps the cut-off', async () => {
    const order = await h.get<Order>('/orders/S01/T-002');
    expect(order).toMatchObject({ channel: 'takeaway', business_date: '2024-03-01', net_fen: 3200 });
    expect(order!.payments).toEqual([expect.objectContaining({ method: 'cash', amount_fen: 3200 })]);
  });

  it('rejects an order naming its line and column', async () => {
    expect(await h.get('/orders/S01/T-003')).toBeUndefined();
    const errors = csvRows(h.read('orders.errors.csv'));
    expect(errors).toHaveLength(3);
    expect(errors.slice(1).map((row) => row[0])).toEqual(['T-003', 'T-003']);
    expect(errors[1]!.at(-1)).toBe('Line 6, column 8 (菜品编码): menu item "TEA" does not exist');
  });

  it('posts nothing when the same file is imported again', async () => {
    const again = await h.boh(['import', 'sales_order', h.file('orders.csv', ORDERS), '--json']);
    expect(again.code).toBe(6);
    expect(JSON.parse(again.stdout).job.counts).toEqual({ received: 4, created: 0, updated: 0, unchanged: 3, rejected: 1 });
    const orders = await h.get<{ data: unknown[] }>('/orders?store_code=S01&limit=100');
    expect(orders!.data).toHaveLength(3);
  });

  it('keeps the lines of an order together across batches', async () => {
    const text = ORDERS.replaceAll('T-00', 'B-00');
    const result = await h.boh(['import', 'sales_order', h.file('batches.csv', text), '--batch-size', '1', '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 4, created: 3, rejected: 1 });
    expect((await h.get<Order>('/orders/S01/B-001'))!.lines).toHaveLength(2);
  });

  it('keeps the same number of two stores apart', async () => {
    const text = [HEADER, 'N-1,S01,2024-03-04 10:00,堂食,现金,,,LATTE,拿铁,1,32', 'N-1,S02,2024-03-04 10:05,堂食,现金,,,MOCHA,摩卡,1,35', 'N-1,S01,2024-03-04 10:00,堂食,现金,,,MOCHA,摩卡,1,35'].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('stores.csv', text), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 2, created: 2, rejected: 0 });
    expect((await h.get<Order>('/orders/S01/N-1'))!.net_fen).toBe(6700);
    expect((await h.get<Order>('/orders/S02/N-1'))!.net_fen).toBe(3500);
  });
});

describe('sales order payment methods', () => {
  it('reads 微信 as wechat', async () => {
    const text = [HEADER, 'W-1,S01,2024-03-05 10:00,堂食,微信,,,LATTE,拿铁,1,32'].join('\n');
    const result = await h.boh(['import', 'sales_order', h.file('short-name.csv', text), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 1, created: 1, rejected: 0 });
    expect((await h.get<Order>('/orders/S01/W-1'))!.payments).toEqual([expect.objectContaining({ method: 'wechat' })]);
  });

  it('lists the labels of the allowed methods with their codes', async () => {
    const text = [HEADER, 'W-2,S01,2024-03-05 10:00,堂食,微信钱包,,,LATTE,拿铁,1,32'].join('\n');
    const file = h.file('unknown-method.csv', text);
    const chinese = await h.boh(['--lang', 'zh-CN', 'import', 'sales_order', file, '--dry-run']);
    expect(chinese.code).toBe(6);
    expect(csvRows(h.read('unknown-method.errors.csv'))[1]!.at(-1)).toContain('“微信钱包”不是允许的取值：微信支付（wechat）、支付宝（alipay）、银联刷卡（unionpay）、现金（cash）、储值卡（stored_value）、平台结算（platform）。');
    const english = await h.boh(['import', 'sales_order', file, '--dry-run']);
    expect(english.code).toBe(6);
    expect(csvRows(h.read('unknown-method.errors.csv'))[1]!.at(-1)).toContain('"微信钱包" is not one of the allowed values: wechat (WeChat Pay), alipay (Alipay), unionpay (UnionPay card), cash (Cash), stored_value (Stored value), platform (Platform settlement).');
  });
});

describe('runImport', () => {
  it('returns the summary without printing or throwing', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const context = createContext({ quiet: true }, 'en', { stdout, stderr, stdin: new PassThrough(), env: { BOH_BASE_URL: h.server.url, BOH_TOKEN: h.env.BOH_TOKEN } });
    const text = ORDERS.replaceAll('T-00', 'R-00');
    try {
      const summary = await runImport(context, { resource: 'sales_order', file: h.file('run.csv', text), files: false });
      expect(summary).toEqual({
        job_id: expect.stringMatching(/^imp_/),
        resource: 'sales_order',
        file: expect.stringContaining('run.csv'),
        status: 'completed',
        dry_run: false,
        rows: 6,
        records: 4,
        accepted: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        rejected: 1,
        skipped: 0,
        not_processed: 0,
        files: null,
      });
    } finally {
      await context.close();
    }
    expect(printed).toBe('');
  });
});

describe('import --template', () => {
  it('rejects a profile name that does not ship', async () => {
    const result = await h.boh(['import', 'sales_order', h.file('t.csv', ORDERS), '--template', 'no-such-profile']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No mapping profile named "no-such-profile" ships with BOH. Profiles: ');
    expect(result.stderr).toContain('maven-pizza-sales-orders');
  });
});

describe('rejected order reasons', () => {
  const REJECTED = [
    HEADER,
    'RJ-1,S01,2024-03-05 12:30:00,外星,微信支付,99.00,,LATTE,拿铁,2,32.00',
    'RJ-1,S01,2024-03-05 12:30:00,外星,微信支付,99.00,,MOCHA,摩卡,1,35.00',
    'RJ-1,S01,2024-03-05 12:30:00,外星,微信支付,99.00,,LATTE,拿铁,1,0',
    'RJ-2,S01,2024-03-05 13:00:00,堂食,现金,,,LATTE,拿铁,1,32.00',
  ].join('\r\n');

  it('give each line of an order its reason once', async () => {
    const result = await h.boh(['import', 'sales_order', h.file('rejected.csv', REJECTED)]);
    expect(result.code).toBe(6);

    const errors = csvRows(h.read('rejected.errors.csv'));
    expect(errors.slice(1).map((row) => row[0])).toEqual(['RJ-1', 'RJ-1', 'RJ-1']);
    const reason = 'Lines 2, 3, 4, column 4 (渠道): "外星" is not one of the allowed values: ';
    for (const row of errors.slice(1)) {
      expect(row.at(-1)!.startsWith(reason)).toBe(true);
      expect(row.at(-1)!.split('is not one of the allowed values')).toHaveLength(2);
    }
    const results = csvRows(h.read('rejected.results.csv'));
    expect(results.slice(1, 4).map((row) => row[3]!.split('外星').length)).toEqual([2, 2, 2]);

    const chinese = await h.boh(['import', 'sales_order', h.file('rejected.csv', REJECTED)], { BOH_LANG: 'zh-CN' });
    expect(chinese.code).toBe(6);
    const chineseErrors = csvRows(h.read('rejected.errors.csv'));
    expect(chineseErrors[1]!.at(-1)!.startsWith('第 2、3、4 行第 4 列（渠道）：“外星”不是允许的取值：')).toBe(true);
    expect(chineseErrors[1]!.at(-1)!.split('不是允许的取值')).toHaveLength(2);
  });

  it('are counted as records of rows', async () => {
    const file = h.file('counted.csv', REJECTED.replaceAll('RJ-', 'KC-'));
    const result = await h.boh(['import', 'sales_order', file]);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/counted\.csv → Sales orders \(job imp_\w+\): 4 rows gathered into 2 records: 1 created, 0 updated, 0 unchanged, 1 rejected\./);

    const chinese = await h.boh(['import', 'sales_order', file, '--dry-run'], { BOH_LANG: 'zh-CN' });
    expect(chinese.stderr).toContain('共 4 行，合为 2 条记录，将新增 0，更新 0，未变化 1，拒绝 1。');

    const canonical = await h.boh(['import', 'sales_order', file, '--canonical', 'counted.jsonl']);
    expect(canonical.stderr).toContain('1 record written to counted.jsonl; 1 record rejected before sending.');
  });

  it('stop at --max-errors counted in records', async () => {
    const file = h.file('limit.csv', REJECTED.replaceAll('RJ-', 'ME-'));
    const english = await h.boh(['import', 'sales_order', file, '--max-errors', '1', '--batch-size', '1', '--no-files']);
    expect(english.code).toBe(6);
    expect(english.stderr).toContain('1 row was not processed, because the import stopped at the end of the batch in which the limit of 1 rejected record (--max-errors) was reached.');

    const chinese = await h.boh(['import', 'sales_order', file, '--max-errors', '1', '--batch-size', '1', '--no-files'], { BOH_LANG: 'zh-CN' });
    expect(chinese.stderr).toContain('有 1 行未处理，因为被拒绝的记录达到上限 1 条（--max-errors），导入在达到上限的那一批结束后停止。');
  });
});
