// The import engine on public files written by other people, through the mapping profiles in
// templates/imports/. Expected counts and sums are computed here from the raw files with
// csv-parse and plain arithmetic, not with the import's readers.

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh, type CliResult } from '../../../test-support/cli.js';
import { send } from '../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';

const PROFILES = fileURLToPath(new URL('../../../templates/imports/', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'boh-real-import-'));
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
  return parse(readFileSync(path), { columns: true, bom: true, relax_column_count: true }) as Row[];
}

/** Copy public files into the test's folder, where lookups find their neighbours. */
function staged(...paths: string[]): string[] {
  return paths.map((path) => {
    const target = join(folder, path.split('/').pop()!);
    copyFileSync(path, target);
    return target;
  });
}

function boh(args: string[]): Promise<CliResult> {
  return runBoh(args, { env, cwd: folder, timeoutMs: 600_000 });
}

async function list<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const records: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const reply: { body: { data: T[]; next_cursor: string | null } } = await send(server.url, 'GET', `${path}${separator}limit=500${cursor ? `&cursor=${cursor}` : ''}`, { token: env.BOH_TOKEN });
    records.push(...reply.body.data);
    cursor = reply.body.next_cursor;
  } while (cursor);
  return records;
}

/** Orders, order lines and net sales in fen per business month of a store, read from the server's tables. */
async function postedPerMonth(store: string): Promise<Map<string, { orders: number; lines: number; net: number }>> {
  const db = server.database.db;
  const orders = await db.selectFrom('orders').select(['order_number', 'business_date', 'net_fen']).where('store_code', '=', store).execute();
  const lines = await db.selectFrom('order_lines').select(['order_number']).where('store_code', '=', store).execute();
  const monthOf = new Map(orders.map((order) => [order.order_number, order.business_date.slice(0, 7)]));
  const result = new Map<string, { orders: number; lines: number; net: number }>();
  const entry = (month: string) => {
    const found = result.get(month) ?? { orders: 0, lines: 0, net: 0 };
    result.set(month, found);
    return found;
  };
  for (const order of orders) {
    const month = entry(order.business_date.slice(0, 7));
    month.orders += 1;
    month.net += Number(order.net_fen);
  }
  for (const line of lines) entry(monthOf.get(line.order_number)!).lines += 1;
  return result;
}

function canonical(path: string): { line: number; fields?: Record<string, any>; errors?: unknown[] }[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** Yuan text with at most two decimals to integer fen, by the digits. */
function fen(text: string): number {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

const ZONE_NAME = /^GMT\S*\s+(\S+)$/;
const NEW_YORK_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

describe('the public store directory', () => {
  const path = realDataPath('starbucks-store-directory', 'directory.csv');
  let rows: Row[];
  let output: { job: { counts: Record<string, number> } };

  beforeAll(async () => {
    rows = readCsv(path);
    const [file] = staged(path);
    const result = await boh(['import', 'store', file!, '--mapping', join(PROFILES, 'starbucks-store-directory.json'), '--batch-size', '2000', '--json']);
    output = JSON.parse(result.stdout);
  }, 600_000);

  it('imports every store with a valid time zone, once', async () => {
    const spellings = (JSON.parse(readFileSync(join(PROFILES, 'starbucks-store-directory.json'), 'utf8')) as { fields: { timezone: { map: Record<string, string> } } }).fields.timezone.map;
    const zoneOf = (row: Row) => {
      const zone = ZONE_NAME.exec(row.Timezone!)?.[1] ?? row.Timezone!;
      return spellings[zone] ?? zone;
    };
    const valid = rows.filter((row) => validZone(zoneOf(row)));
    const codes = new Set(valid.map((row) => row['Store Number']));
    expect(rows).toHaveLength(25_600);
    expect(output.job.counts.received).toBe(25_600);
    expect(output.job.counts.created).toBe(codes.size);
    expect(output.job.counts.rejected).toBe(rows.length - valid.length);
    expect(output.job.counts.created + output.job.counts.updated + output.job.counts.unchanged + output.job.counts.rejected).toBe(25_600);
    expect(await list('/stores')).toHaveLength(codes.size);
  });

  it('keeps the Chinese stores exactly', async () => {
    const chinese = rows.filter((row) => row.Country === 'CN');
    expect(chinese).toHaveLength(2734);
    const shanghai = await list<{ code: string }>(`/stores?city=${encodeURIComponent('上海市')}`);
    expect(shanghai).toHaveLength(chinese.filter((row) => row.City === '上海市').length);
    for (const row of chinese.filter((_, index) => index % 53 === 0)) {
      const store = (await send(server.url, 'GET', `/stores/${row['Store Number']}`, { token: env.BOH_TOKEN })).body;
      expect(store).toMatchObject({
        name: row['Store Name'],
        address: row['Street Address'] || null,
        city: row.City || null,
        latitude: row.Latitude ? Number(row.Latitude) : null,
        longitude: row.Longitude ? Number(row.Longitude) : null,
        timezone: 'Asia/Shanghai',
      });
    }
  });

  it('writes the outcome of every row to the result file', () => {
    const results = readFileSync(join(folder, 'directory.results.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(results).toHaveLength(25_600 + 1);
    const outcomes = new Map<string, number>();
    for (const line of results.slice(1)) outcomes.set(line.split(',')[2]!, (outcomes.get(line.split(',')[2]!) ?? 0) + 1);
    expect(outcomes.get('created')).toBe(output.job.counts.created);
  });

  it('imports only the Chinese stores with the filtering profile, leaving them unchanged', async () => {
    const [file] = staged(path);
    const result = await boh(['import', 'store', file!, '--mapping', join(PROFILES, 'starbucks-store-directory-cn.json'), '--json']);
    const cn = JSON.parse(result.stdout);
    expect(cn.job.counts).toMatchObject({ received: 2734, created: 0, updated: 0, unchanged: 2734, rejected: 0 });
    expect(await list(`/stores?q=${encodeURIComponent('北京西站')}`)).toHaveLength(rows.filter((row) => row['Store Name']!.includes('北京西站')).length);
    expect(cn.skipped).toBe(25_600 - 2734);
  });
});

describe('café POS lines as menu items', () => {
  const path = realDataPath('coffee-shop-pos-lines', 'Coffee_Shop_Sales.csv');

  it('creates one menu item per spelling-free name, named by its last spelling', async () => {
    const [file] = staged(path);
    const result = await boh(['import', 'menu_item', file!, '--mapping', join(PROFILES, 'coffee-shop-pos-menu-items.json'), '--json']);
    expect(result.code).toBe(0);
    const rows = parse(readFileSync(path).toString('utf8').replace(/\r(?!\n)/g, '\n'), { columns: true }) as Row[];
    expect(rows).toHaveLength(6560);

    const lastName = new Map<string, string>();
    for (const row of rows) lastName.set(row.item!.toUpperCase().replace(/[^A-Z0-9]+/g, ''), row.item!.trim());
    const counts = JSON.parse(result.stdout).job.counts;
    expect(counts.received).toBe(6560);
    expect(counts.created).toBe(lastName.size);
    const stored = await list<{ code: string; name: string }>('/menu-items?category=POS');
    expect(new Map(stored.map((item) => [item.code, item.name]))).toEqual(lastName);
  });
});

describe('maintenance machines as assets', () => {
  it('creates one asset per machine with its model', async () => {
    await send(server.url, 'POST', '/stores', { token: env.BOH_TOKEN, body: { code: 'PDM', name: 'Predictive maintenance site' } });
    const path = realDataPath('azure-pdm-maintenance', 'PdM_machines.csv');
    const [file] = staged(path);
    const result = await boh(['import', 'asset', file!, '--mapping', join(PROFILES, 'azure-pdm-machines-assets.json'), '--json']);
    expect(result.code).toBe(0);
    const rows = readCsv(path);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: rows.length, created: rows.length });
    const stored = await list<{ code: string; model: string }>('/assets?store_code=PDM');
    expect(new Map(stored.map((asset) => [asset.code, asset.model]))).toEqual(new Map(rows.map((row) => [`PDM-${row.machineID}`, row.model])));
  });
});

describe('pizza sales as sales orders', () => {
  it('maps lines into orders, sales per month', async () => {
    const base = realDataPath('maven-pizza-sales');
    const [details] = staged(join(base, 'order_details.csv'), join(base, 'orders.csv'), join(base, 'pizzas.csv'));
    const result = await boh(['import', 'sales_order', details!, '--mapping', join(PROFILES, 'maven-pizza-sales-orders.json'), '--canonical', join(folder, 'pizza.jsonl')]);
    expect(result.code).toBe(0);

    const orders = readCsv(join(base, 'orders.csv'));
    const lines = readCsv(join(base, 'order_details.csv'));
    const prices = new Map(readCsv(join(base, 'pizzas.csv')).map((row) => [row.pizza_id!, fen(row.price!)]));
    const monthOf = new Map(orders.map((row) => [row.order_id!, row.date!.slice(0, 7)]));
    const expected = new Map<string, number>();
    for (const line of lines) {
      const month = monthOf.get(line.order_id!)!;
      expected.set(month, (expected.get(month) ?? 0) + Number(line.quantity) * prices.get(line.pizza_id!)!);
    }

    const records = canonical(join(folder, 'pizza.jsonl'));
    expect(records).toHaveLength(21_350);
    expect(records.reduce((sum, record) => sum + (record.fields!.lines as unknown[]).length, 0)).toBe(48_620);
    const actual = new Map<string, number>();
    for (const record of records) {
      // The profile reads the times as New York wall-clock, so the month in New York is the file's.
      const month = NEW_YORK_MONTH.format(new Date(record.fields!.ordered_at)).slice(0, 7);
      for (const line of record.fields!.lines as { quantity: number; unit_price_fen: number }[]) {
        actual.set(month, (actual.get(month) ?? 0) + line.quantity * line.unit_price_fen);
      }
    }
    expect(actual).toEqual(expected);
    expect([...actual.values()].reduce((sum, value) => sum + value, 0)).toBe([...expected.values()].reduce((sum, value) => sum + value, 0));
  });

  it('posts every order through the server, once', async () => {
    const base = realDataPath('maven-pizza-sales');
    const [details, , pizzas] = staged(join(base, 'order_details.csv'), join(base, 'orders.csv'), join(base, 'pizzas.csv'));
    // VAT does not apply to a pizzeria in the United States; China's 6 % catering rate is used instead.
    await send(server.url, 'PUT', '/ledger/tax-rates/catering_service/2015-01-01', { token: env.BOH_TOKEN, body: { rate: 0.06 } });
    await send(server.url, 'POST', '/stores', { token: env.BOH_TOKEN, body: { code: 'PIZZA', name: 'Maven Pizzas', timezone: 'America/New_York' } });
    const menu = await boh(['import', 'menu_item', pizzas!, '--template', 'maven-pizza-menu-items', '--json']);
    expect(JSON.parse(menu.stdout).summary).toMatchObject({ rows: 96, created: 96, rejected: 0 });

    const result = await boh(['import', 'sales_order', details!, '--template', 'maven-pizza-sales-orders', '--batch-size', '2000', '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout).summary;
    expect(summary).toMatchObject({ rows: 48_620, records: 21_350, created: 21_350, rejected: 0 });

    // Expected from the raw files: orders, lines and sales per month in fen.
    const prices = new Map(readCsv(join(base, 'pizzas.csv')).map((row) => [row.pizza_id!, fen(row.price!)]));
    const monthOf = new Map(readCsv(join(base, 'orders.csv')).map((row) => [row.order_id!, row.date!.slice(0, 7)]));
    const lines = readCsv(join(base, 'order_details.csv'));
    const expected = new Map<string, { orders: Set<string>; lines: number; net: number }>();
    for (const line of lines) {
      const month = monthOf.get(line.order_id!)!;
      const entry = expected.get(month) ?? { orders: new Set<string>(), lines: 0, net: 0 };
      entry.orders.add(line.order_id!);
      entry.lines += 1;
      entry.net += Number(line.quantity) * prices.get(line.pizza_id!)!;
      expected.set(month, entry);
    }

    const posted = await postedPerMonth('PIZZA');
    expect(posted).toEqual(new Map([...expected].map(([month, entry]) => [month, { orders: entry.orders.size, lines: entry.lines, net: entry.net }])));
    expect([...posted.values()].reduce((sum, entry) => sum + entry.net, 0)).toBe(81_786_005);

    const again = await boh(['import', 'sales_order', details!, '--template', 'maven-pizza-sales-orders', '--batch-size', '2000', '--json']);
    expect(JSON.parse(again.stdout).summary).toMatchObject({ records: 21_350, created: 0, unchanged: 21_350, rejected: 0 });
    expect(await postedPerMonth('PIZZA')).toEqual(posted);
  }, 900_000);
});

describe('Chinese restaurant orders as sales orders', () => {
  const csv = realDataPath('cn-restaurant-meal-orders', 'qiupin499-dishes', 'meal_order_detail.csv');
  const info = realDataPath('cn-restaurant-meal-orders', 'qiupin499-dishes', 'meal_order_info.csv');
  const xlsx = realDataPath('cn-restaurant-meal-orders', '9080098007-restaurant-data-analyse', 'meal_order_detail.xlsx');

  /** Dish lines of settled orders (order_status 1), the only ones the profile imports. */
  function settledLines(): Row[] {
    const settled = new Set(readCsv(info).filter((row) => row.order_status === '1').map((row) => row.info_id!));
    return readCsv(csv).filter((row) => settled.has(row.order_id!));
  }

  /** Σ counts × amounts per store of settled orders, from the raw CSVs. */
  function expectedPerStore(): Map<string, number> {
    const storeOf = new Map(readCsv(info).map((row) => [row.info_id!, row.org_id!]));
    const totals = new Map<string, number>();
    for (const row of settledLines()) {
      const store = storeOf.get(row.order_id!)!;
      totals.set(store, (totals.get(store) ?? 0) + Number(row.counts) * fen(row.amounts!));
    }
    return totals;
  }

  function actualPerStore(records: ReturnType<typeof canonical>): Map<string, number> {
    const totals = new Map<string, number>();
    for (const record of records) {
      const store = record.fields!.store_code as string;
      for (const line of record.fields!.lines as { quantity: number; unit_price_fen: number }[]) totals.set(store, (totals.get(store) ?? 0) + line.quantity * line.unit_price_fen);
    }
    return totals;
  }

  it('maps the CSV with dish names over several lines', async () => {
    const [file] = staged(csv, info);
    const result = await boh(['import', 'sales_order', file!, '--mapping', join(PROFILES, 'cn-restaurant-meal-orders.json'), '--canonical', join(folder, 'cr.jsonl')]);
    expect(result.code).toBe(0);
    const records = canonical(join(folder, 'cr.jsonl'));
    expect(records.every((record) => record.fields)).toBe(true);
    const lines = settledLines();
    expect(records).toHaveLength(new Set(lines.map((row) => row.order_id)).size);
    expect(records.reduce((sum, record) => sum + (record.fields!.lines as unknown[]).length, 0)).toBe(lines.length);
    expect(records.every((record) => (record.fields!.ordered_at as string).startsWith('2016-08'))).toBe(true);
    expect(actualPerStore(records)).toEqual(expectedPerStore());
    const names = records.flatMap((record) => (record.fields!.lines as { menu_item_name: string }[]).map((line) => line.menu_item_name));
    expect(names).toContain('番茄炖牛腩');
    expect(names.some((name) => /[\r\n]/.test(name))).toBe(false);
  });

  it('maps the three sheets of the workbook to the same totals', async () => {
    const [file] = staged(xlsx, info);
    const records: ReturnType<typeof canonical> = [];
    for (const sheet of ['meal_order_detail1', 'meal_order_detail2', 'meal_order_detail3']) {
      const out = join(folder, `${sheet}.jsonl`);
      const result = await boh(['import', 'sales_order', file!, '--sheet', sheet, '--mapping', join(PROFILES, 'cn-restaurant-meal-orders.json'), '--canonical', out]);
      expect(result.code).toBe(0);
      records.push(...canonical(out));
    }
    expect(records.reduce((sum, record) => sum + (record.fields!.lines as unknown[]).length, 0)).toBe(settledLines().length);
    expect(actualPerStore(records)).toEqual(expectedPerStore());
  });

  it('posts every settled order whose dishes add up to what was paid', async () => {
    const [file, infoFile] = staged(csv, info);
    // Catering services have paid 6 % VAT since 营改增 on 1 May 2016.
    await send(server.url, 'PUT', '/ledger/tax-rates/catering_service/2016-05-01', { token: env.BOH_TOKEN, body: { rate: 0.06 } });
    const stores = await boh(['import', 'store', infoFile!, '--template', 'cn-restaurant-stores', '--json']);
    expect(stores.code).toBe(0);
    const dishes = await boh(['import', 'menu_item', file!, '--template', 'cn-restaurant-dishes-menu-items', '--json']);
    expect(dishes.code).toBe(0);

    const result = await boh(['import', 'sales_order', file!, '--template', 'cn-restaurant-meal-orders', '--json']);
    const output = JSON.parse(result.stdout);

    // Expected from the raw files: settled orders whose dish lines come to what was paid.
    const orders = new Map(readCsv(info).map((row) => [row.info_id!, row]));
    const linesOf = new Map<string, Row[]>();
    for (const row of readCsv(csv)) linesOf.set(row.order_id!, [...(linesOf.get(row.order_id!) ?? []), row]);
    const settled = [...linesOf.keys()].filter((id) => orders.get(id)!.order_status === '1');
    const total = (id: string) => linesOf.get(id)!.reduce((sum, row) => sum + Number(row.counts) * fen(row.amounts!), 0);
    const balanced = settled.filter((id) => total(id) === fen(orders.get(id)!.accounts_payable!));
    const expected = new Map<string, { orders: number; lines: number; net: number }>();
    for (const id of balanced) {
      const order = orders.get(id)!;
      const [year, month] = order.lock_time!.split(' ')[0]!.split('/');
      const key = `${order.org_id}|${year}-${month!.padStart(2, '0')}`;
      const entry = expected.get(key) ?? { orders: 0, lines: 0, net: 0 };
      expected.set(key, { orders: entry.orders + 1, lines: entry.lines + linesOf.get(id)!.length, net: entry.net + total(id) });
    }

    expect(output.summary).toMatchObject({ records: settled.length, created: balanced.length, rejected: settled.length - balanced.length });
    expect(output.summary.skipped).toBe([...linesOf.keys()].filter((id) => orders.get(id)!.order_status !== '1').reduce((sum, id) => sum + linesOf.get(id)!.length, 0));
    expect(result.code).toBe(balanced.length === settled.length ? 0 : 6);

    const posted = new Map<string, { orders: number; lines: number; net: number }>();
    for (const store of new Set([...orders.values()].map((row) => row.org_id!))) {
      for (const [month, entry] of await postedPerMonth(store)) posted.set(`${store}|${month}`, entry);
    }
    expect(posted).toEqual(expected);

    // The one order that does not balance is reported at its lines, with both amounts.
    const unbalanced = settled.filter((id) => !balanced.includes(id));
    expect(unbalanced).toEqual(['480']);
    const errors = readFileSync(join(folder, 'meal_order_detail.errors.csv'), 'utf8');
    expect(errors).toContain('the payments add up to 112.00 yuan but the order comes to 111.00 yuan');
  }, 600_000);
});
