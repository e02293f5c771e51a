// `boh month-end` on the public pizza sales files, with a WeChat Pay merchant bill this test
// writes from the raw files. Expected figures come from the raw CSVs with csv-parse and integer
// fen, not from BOH's readers.

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Yuan text with at most two decimals to integer fen, by the digits. */
function fen(text: string): number {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** Integer fen as yuan text with two decimals. */
function yuan(amount: number): string {
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/** Thousandths of a fen as yuan text with five decimals, as WeChat writes fees. */
function yuan5(milliFen: number): string {
  return `${Math.floor(milliFen / 100_000)}.${String(milliFen % 100_000).padStart(5, '0')}`;
}

/**
 * New York wall-clock text of a January day (EST, UTC-5) as China wall-clock text (UTC+8), which
 * is how WeChat Pay writes the time in its bills, three seconds after the order.
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

/** The period's orders with what each comes to, from orders.csv, order_details.csv and pizzas.csv. */
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

/** The WeChat Pay merchant trade bill (交易账单) of the orders: one SUCCESS line each, 0.6 % fee. */
function wechatBill(orders: PizzaOrder[]): Buffer {
  const rows = orders.map((order) => {
    const transaction = `42000020150${order.id.padStart(17, '0')}`;
    const fee = order.amountFen * 6;
    return [
      chinaTimeOfNewYork(order.date, order.time), 'wx8888888888888888', '1900012345', '0', 'PIZZA', transaction, `PZ${order.id}`,
      `o${transaction.slice(-12)}`, 'MICROPAY', 'SUCCESS', 'OTHERS', 'CNY', yuan(order.amountFen), '0.00', '0', '0', '0.00', '0.00',
      '', '', 'pizza', '', yuan5(fee), '0.60%', yuan(order.amountFen), '0.00', '',
    ]
      .map((value) => `\`${value}`)
      .join(',');
  });
  const gross = orders.reduce((sum, order) => sum + order.amountFen, 0);
  const summary = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'].join(',');
  const totals = [String(orders.length), yuan(gross), '0.00', '0.00', yuan5(gross * 6), yuan(gross), '0.00'].map((value) => `\`${value}`).join(',');
  return Buffer.from(`\ufeff${[WECHAT_HEADER.join(','), ...rows, summary, totals].join('\r\n')}\r\n`, 'utf8');
}

/** Every date of the period, for the profile's filter. */
function periodDates(): string[] {
  const [year, month] = PERIOD.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => `${PERIOD}-${String(index + 1).padStart(2, '0')}`);
}

/**
 * The shipped pizza profile, changed to take the period's orders only, each paid by WeChat Pay
 * with merchant order number `PZ<order_id>`.
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
    writeFileSync(join(folder, `wechat-${PERIOD}.csv`), wechatBill(orders));
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
  const step = (id: string) => output.steps.find((each: { id: string }) => each.id === id);

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
    const skipped = Object.fromEntries(rerun.steps.map((each: { id: string; skipped: boolean }) => [each.id, each.skipped]));
    expect(skipped).toEqual({ 'orders:order_details.csv': true, 'reconcile:wechat': true, close: false, pack: false });
  });
});
