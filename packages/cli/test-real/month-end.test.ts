// `boh month-end` on the public pizza sales files, with a WeChat Pay merchant bill this test
// writes from the raw files. Expected figures come from the raw CSVs with csv-parse and integer
// fen, not from BOH's readers.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh, type CliResult } from '../../../test-support/cli.js';
import { send } from '../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';

const PROFILES = fileURLToPath(new URL('../../../templates/imports/', import.meta.url));
const PERIOD = '2015-01';
const folder = mkdtempSync(join(tmpdir(), 'boh-real-month-end-'));
let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin'), BOH_LANG: 'en' };
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as Row[];
}

function boh(args: string[]): Promise<CliResult> {
  return runBoh(args, { env, cwd: folder, timeoutMs: 600_000 });
}

/** Convert yuan text with at most two decimals to integer fen, by the digits. */
function fen(text: string): number {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** Format integer fen as yuan text with two decimals. */
function yuan(amount: number): string {
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/** Format thousandths of a fen as yuan text with five decimals, as WeChat writes fees. */
function yuan5(milliFen: number): string {
  return `${Math.floor(milliFen / 100_000)}.${String(milliFen % 100_000).padStart(5, '0')}`;
}

/**
 * Convert New York wall-clock time of a January day (EST, UTC-5) to China wall-clock text
 * (UTC+8) three seconds later. WeChat Pay writes its bills in China time.
 */
function chinaTimeOfNewYork(date: string, time: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  const instant = Date.UTC(year, month - 1, day, hour + 5, minute, second + 3);
  return new Date(instant + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

interface PizzaOrder {
  id: string;
  date: string;
  time: string;
  amountFen: number;
}

/** Read the period's orders with what each comes to, from orders.csv, order_details.csv and pizzas.csv. */
function pizzaOrders(base: string): PizzaOrder[] {
  const prices = new Map(readCsv(join(base, 'pizzas.csv')).map((row) => [row.pizza_id!, fen(row.price!)]));
  const amounts = new Map<string, number>();
  for (const line of readCsv(join(base, 'order_details.csv'))) {
    amounts.set(line.order_id!, (amounts.get(line.order_id!) ?? 0) + Number(line.quantity) * prices.get(line.pizza_id!)!);
  }
  return readCsv(join(base, 'orders.csv'))
    .filter((row) => row.date!.startsWith(PERIOD))
    .map((row) => ({ id: row.order_id!, date: row.date!, time: row.time!, amountFen: amounts.get(row.order_id!)! }));
}

const WECHAT_HEADER = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型',
  '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
];

/** One payment as the WeChat bill lists it. */
interface BillLine {
  /** China wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
  at: string;
  transactionId: string;
  merchantOrderNumber: string;
  amountFen: number;
  device: string;
}

/** Write the WeChat Pay merchant trade bill (交易账单) of the payments: one SUCCESS line each, 0.6 % fee. */
function wechatBill(lines: BillLine[]): Buffer {
  const rows = lines.map((line) =>
    [
      line.at, 'wx8888888888888888', '1900012345', '0', line.device, line.transactionId, line.merchantOrderNumber,
      `o${line.transactionId.slice(-12)}`, 'MICROPAY', 'SUCCESS', 'OTHERS', 'CNY', yuan(line.amountFen), '0.00', '0', '0', '0.00', '0.00',
      '', '', 'meal', '', yuan5(line.amountFen * 6), '0.60%', yuan(line.amountFen), '0.00', '',
    ]
      .map((value) => `\`${value}`)
      .join(','),
  );
  const gross = lines.reduce((sum, line) => sum + line.amountFen, 0);
  const summary = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'].join(',');
  const totals = [String(lines.length), yuan(gross), '0.00', '0.00', yuan5(gross * 6), yuan(gross), '0.00'].map((value) => `\`${value}`).join(',');
  return Buffer.from(`\ufeff${[WECHAT_HEADER.join(','), ...rows, summary, totals].join('\r\n')}\r\n`, 'utf8');
}

/** Make a 28-digit WeChat transaction id (微信订单号) from a prefix and an order id. */
function transactionId(prefix: string, orderId: string): string {
  return `${prefix}${orderId.padStart(28 - prefix.length, '0')}`;
}

/** List every date of the period, for the profile's filter. */
function periodDates(): string[] {
  const [year, month] = PERIOD.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => `${PERIOD}-${String(index + 1).padStart(2, '0')}`);
}

/**
 * Write the shipped pizza profile, changed to take the period's orders only, each paid by WeChat
 * Pay with merchant order number `PZ<order_id>`.
 */
function wechatProfile(): void {
  const profile = JSON.parse(readFileSync(join(PROFILES, 'maven-pizza-sales-orders.json'), 'utf8'));
  profile.fields.payment_method = { constant: 'wechat' };
  profile.fields.payment_merchant_order_number = { column: 'order_id', prefix: 'PZ' };
  profile.filter = [{ column: 'order_id', lookup: { file: 'orders.csv', key: 'order_id', value: 'date' }, equals: periodDates() }];
  const path = join(folder, 'pizza-wechat.json');
  writeFileSync(path, JSON.stringify(profile, null, 2));
}

describe('boh month-end on the pizza sales files', () => {
  const base = realDataPath('maven-pizza-sales');
  let orders: PizzaOrder[];
  let result: CliResult;
  let output: any;

  beforeAll(async () => {
    for (const name of ['order_details.csv', 'orders.csv', 'pizzas.csv']) copyFileSync(join(base, name), join(folder, name));
    orders = pizzaOrders(base);
    const bill = orders.map((order) => ({
      at: chinaTimeOfNewYork(order.date, order.time),
      transactionId: transactionId('4200002015', order.id),
      merchantOrderNumber: `PZ${order.id}`,
      amountFen: order.amountFen,
      device: 'PIZZA',
    }));
    writeFileSync(join(folder, `wechat-${PERIOD}.csv`), wechatBill(bill));
    wechatProfile();

    // VAT does not apply to a pizzeria in the United States; China's 6 % catering rate is used instead.
    await send(server.url, 'PUT', '/ledger/tax-rates/catering_service/2015-01-01', { token: env.BOH_TOKEN, body: { rate: 0.06 } });
    await send(server.url, 'POST', '/stores', { token: env.BOH_TOKEN, body: { code: 'PIZZA', name: 'Maven Pizzas', timezone: 'America/New_York' } });
    const menu = await boh(['import', 'menu_item', join(folder, 'pizzas.csv'), '--template', 'maven-pizza-menu-items', '--json']);
    expect(menu.code).toBe(0);

    result = await boh(monthEndArgs());
    output = JSON.parse(result.stdout);
  }, 900_000);

  function monthEndArgs(): string[] {
    return [
      'month-end', '--period', PERIOD, '--orders', join(folder, 'order_details.csv'), '--orders-mapping', join(folder, 'pizza-wechat.json'),
      '--statement', join(folder, `wechat-${PERIOD}.csv`), '--out', join(folder, 'pack'), '--json',
    ];
  }

  const sales = () => orders.reduce((sum, order) => sum + order.amountFen, 0);
  const step = (id: string) => output.steps.find((listed: { id: string }) => listed.id === id);

  it('runs every step and closes the period', async () => {
    expect(result.stderr).not.toContain('"status":"failed"');
    expect(result.code).toBe(0);
    expect(output.failed).toBeNull();
    expect(output.close).toEqual({ ready: true, closed: true, failing: [] });
    const period = await send(server.url, 'GET', `/ledger/periods/${PERIOD}`, { token: env.BOH_TOKEN });
    expect(period.body.status).toBe('closed');
  });

  it('imports the orders of the month only', () => {
    expect(orders).toHaveLength(1845);
    expect(step(`orders:order_details.csv`).summary).toMatchObject({ orders: orders.length, created: orders.length, rejected: 0 });
  });

  it('matches every payment to the bill', () => {
    const summary = step('reconcile:wechat').summary;
    expect(summary.states.matched).toEqual({ count: orders.length, amount_fen: sales() });
    expect(summary.unexplained).toEqual({ count: 0, amount_fen: 0 });
    const workbook = JSON.parse(readFileSync(join(folder, 'pack', `reconciliation-wechat-${PERIOD}.json`), 'utf8'));
    expect(workbook.items).toEqual([]);
    expect(workbook.bridge.period).toMatchObject({ pos_net_fen: sales(), statement_net_fen: sales(), fee_milli_fen: sales() * 6 });
  });

  it('reports the sales and orders of the month', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, 'pack', `store-performance-${PERIOD}.xlsx`));
    const sheet = book.getWorksheet('By store')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const pizza = sheet.getRow(2).values as unknown[];
    expect(pizza[header.indexOf('Store code')]).toBe('PIZZA');
    expect(fen(String(pizza[header.indexOf('Sales')]))).toBe(sales());
    expect(pizza[header.indexOf('Orders')]).toBe(orders.length);

    const overview = readFileSync(join(folder, 'pack', 'overview.html'), 'utf8');
    expect(overview).toContain(yuan(sales()).replace(/\B(?=(\d{3})+\.)/g, ','));
  });

  it('debits the WeChat account with the sales in the vouchers', () => {
    const rows = parse(readFileSync(join(folder, 'pack', `vouchers-${PERIOD}-csv.csv`)), { columns: true, bom: true }) as Row[];
    const wechat = rows.filter((row) => row['Account code'] === '1012.01');
    expect(wechat.reduce((sum, row) => sum + fen(row['Debit (yuan)']!), 0)).toBe(sales());
  });

  it('skips the import and reconciliation on a re-run', async () => {
    const again = await boh(monthEndArgs());
    expect(again.code).toBe(0);
    const rerun = JSON.parse(again.stdout);
    const skipped = Object.fromEntries(rerun.steps.map((listed: { id: string; skipped: boolean }) => [listed.id, listed.skipped]));
    expect(skipped).toEqual({ 'orders:order_details.csv': true, 'reconcile:wechat': true, close: false, pack: false });
  });
});

describe('boh month-end on the Chinese restaurant orders', () => {
  const source = realDataPath('cn-restaurant-meal-orders', 'qiupin499-dishes');
  const input = join(folder, 'cn-restaurant');
  const period = '2016-08';
  /** Settled orders that have dish lines: what their dishes come to and what the guest paid. */
  let settled: { id: string; store: string; lockTime: string; dishesFen: number; paidFen: number }[];
  let first: CliResult;
  let firstOutput: any;

  function monthEndArgs(...extra: string[]): string[] {
    return [
      'month-end', '--period', period, '--orders', join(input, 'meal_order_detail.csv'), '--orders-mapping', join(input, 'cr-wechat.json'),
      '--statement', join(input, `wechat-${period}.csv`), '--out', join(input, 'pack'), '--json', ...extra,
    ];
  }

  /** Convert `2016/8/6 19:06` to China wall-clock text three seconds later: `2016-08-06 19:06:03`. */
  function lockTimeText(text: string): string {
    const [date, time] = text.split(' ') as [string, string];
    const [year, month, day] = date.split('/');
    const [hour, minute] = time.split(':');
    return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')} ${hour!.padStart(2, '0')}:${minute}:03`;
  }

  beforeAll(async () => {
    mkdirSync(input, { recursive: true });
    for (const name of ['meal_order_detail.csv', 'meal_order_info.csv']) copyFileSync(join(source, name), join(input, name));

    const info = new Map(readCsv(join(source, 'meal_order_info.csv')).map((row) => [row.info_id!, row]));
    const dishes = new Map<string, number>();
    for (const row of readCsv(join(source, 'meal_order_detail.csv'))) dishes.set(row.order_id!, (dishes.get(row.order_id!) ?? 0) + Number(row.counts) * fen(row.amounts!));
    settled = [...dishes.keys()]
      .filter((id) => info.get(id)!.order_status === '1')
      .map((id) => ({ id, store: info.get(id)!.org_id!, lockTime: info.get(id)!.lock_time!, dishesFen: dishes.get(id)!, paidFen: fen(info.get(id)!.accounts_payable!) }));

    // WeChat settles what the guest paid, which is what the POS recorded except where the dishes do not add up to it.
    const bill = settled.map((order) => ({
      at: lockTimeText(order.lockTime),
      transactionId: transactionId('4200002016', order.id),
      merchantOrderNumber: `CR${order.id}`,
      amountFen: order.paidFen,
      device: order.store,
    }));
    writeFileSync(join(input, `wechat-${period}.csv`), wechatBill(bill));

    // The shipped profile takes each order as paid in cash. Here each is paid by WeChat, and
    // without paid_fen the POS payment is what the dishes come to.
    const profile = JSON.parse(readFileSync(join(PROFILES, 'cn-restaurant-meal-orders.json'), 'utf8'));
    profile.fields.payment_method = { constant: 'wechat' };
    profile.fields.payment_merchant_order_number = { column: 'order_id', prefix: 'CR' };
    delete profile.fields.paid_fen;
    writeFileSync(join(input, 'cr-wechat.json'), JSON.stringify(profile, null, 2));

    // Catering services have paid 6 % VAT since 营改增 on 1 May 2016.
    await send(server.url, 'PUT', '/ledger/tax-rates/catering_service/2016-05-01', { token: env.BOH_TOKEN, body: { rate: 0.06 } });
    expect((await boh(['import', 'store', join(input, 'meal_order_info.csv'), '--template', 'cn-restaurant-stores', '--json'])).code).toBe(0);
    expect((await boh(['import', 'menu_item', join(input, 'meal_order_detail.csv'), '--template', 'cn-restaurant-dishes-menu-items', '--json'])).code).toBe(0);

    first = await boh(monthEndArgs());
    firstOutput = JSON.parse(first.stdout);
  }, 900_000);

  const mismatched = () => settled.filter((order) => order.paidFen !== order.dishesFen);

  it('imports every settled order', () => {
    const orders = firstOutput.steps.find((listed: { id: string }) => listed.id === 'orders:meal_order_detail.csv');
    expect(orders.summary).toMatchObject({ orders: settled.length, created: settled.length, rejected: 0 });
  });

  it('finds the order whose payment differs from its dishes', () => {
    const summary = firstOutput.steps.find((listed: { id: string }) => listed.id === 'reconcile:wechat').summary;
    expect(mismatched().map((order) => order.id)).toEqual(['480']);
    expect(summary.states.matched.count).toBe(settled.length - 1);
    expect(summary.states.amount_mismatch.count).toBe(1);
    expect(summary.unexplained.count).toBe(1);

    const workbook = JSON.parse(readFileSync(join(input, 'pack', `reconciliation-wechat-${period}.json`), 'utf8'));
    expect(workbook.items).toHaveLength(1);
    expect(workbook.items[0]).toMatchObject({ state: 'amount_mismatch', difference_fen: mismatched()[0]!.paidFen - mismatched()[0]!.dishesFen });
  });

  it('leaves the period open with exit code 7', () => {
    expect(first.code).toBe(7);
    expect(firstOutput.close).toEqual({ ready: false, closed: false, failing: ['reconciliations'] });
  });

  it('closes with the difference accepted', async () => {
    const second = await boh(monthEndArgs('--accept', 'reconciliations'));
    expect(second.code).toBe(0);
    const output = JSON.parse(second.stdout);
    expect(output.close).toMatchObject({ closed: true });
    expect(output.steps.filter((listed: { skipped: boolean }) => listed.skipped).map((listed: { id: string }) => listed.id)).toEqual(['orders:meal_order_detail.csv', 'reconcile:wechat']);
    const stored = await send(server.url, 'GET', `/ledger/periods/${period}`, { token: env.BOH_TOKEN });
    expect(stored.body.status).toBe('closed');
  });

  it('reports the sales of each store', async () => {
    const expected = new Map<string, { sales: number; orders: number }>();
    for (const order of settled) {
      const entry = expected.get(order.store) ?? { sales: 0, orders: 0 };
      expected.set(order.store, { sales: entry.sales + order.dishesFen, orders: entry.orders + 1 });
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(input, 'pack', `store-performance-${period}.xlsx`));
    const sheet = book.getWorksheet('By store')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const actual = new Map<string, { sales: number; orders: number }>();
    sheet.eachRow((row, number) => {
      const values = row.values as unknown[];
      const code = String(values[header.indexOf('Store code')]);
      if (number === 1 || code === 'Total') return;
      actual.set(code, { sales: fen(String(values[header.indexOf('Sales')])), orders: Number(values[header.indexOf('Orders')]) });
    });
    expect(actual).toEqual(expected);
  });
});
