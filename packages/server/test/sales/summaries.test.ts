import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, receiveStock, seedCafe } from './support.js';

// Posting keeps the summary tables up to date. Here they are computed again from the order,
// refund and payment rows, and must agree to the fen.

let server: TestServer;
let boh: BohClient;

type Row = Record<string, string | number>;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await seedCafe(boh);
  await receiveStock(boh, '0001');

  const latte = (quantity: number) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200 });
  const water = (quantity: number) => ({ item_code: 'WATER', quantity, unit_price_fen: 300 });
  await boh.orders.postBatch([
    anOrder('0001', 'S-1', '2024-01-30T04:00:00Z', [latte(2), water(1)], { guests: 2 }),
    { ...anOrder('0001', 'S-2', '2024-01-30T18:00:00Z', [latte(1)], { discount_fen: 100 }), channel: 'takeaway', payments: [{ method: 'cash', amount_fen: 1000 }, { method: 'alipay', amount_fen: 2100 }] },
    { ...anOrder('0001', 'S-3', '2024-01-31T10:00:00Z', [latte(3)]), channel: 'delivery_meituan', payments: [{ method: 'platform', amount_fen: 9600 }] },
    anOrder('0001', 'S-4', '2024-01-31T11:00:00Z', [water(2.5)]),
  ]);
  await boh.orders.refund('0001', 'S-1', { refund_number: 'SR-1', refunded_at: '2024-01-31T03:00:00Z', lines: [{ line_number: 1, quantity: 1 }] });
  await boh.orders.refund('0001', 'S-3', { refund_number: 'SR-2', refunded_at: '2024-02-01T03:00:00Z', amount_fen: 500 });
  await boh.orders.refund('0001', 'S-2', { refund_number: 'SR-3', refunded_at: '2024-02-01T04:00:00Z', return_stock: false });

  // Field case B22, rebuilt: three payments around the end of January at a store whose day
  // ends at midnight, in Shanghai time.
  const payment = (number: string, at: string, fen: number) => ({ ...anOrder('0002', number, at, [{ item_code: 'WATER', quantity: 1, unit_price_fen: fen }]), payments: [{ method: 'wechat' as const, amount_fen: fen }] });
  await boh.orders.postBatch([payment('T1', '2024-01-31T15:30:00Z', 10_000), payment('T2', '2024-01-31T16:10:00Z', 20_000), payment('T3', '2024-01-31T00:05:00Z', 5_000)]);
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

/** Add `amounts` into the row of `keys` in `rows`. */
function add(rows: Map<string, Row>, keys: Row, amounts: Record<string, number>): void {
  const key = Object.values(keys).join('|');
  const row = rows.get(key) ?? { ...keys, ...Object.fromEntries(Object.keys(amounts).map((name) => [name, 0])) };
  for (const [name, value] of Object.entries(amounts)) row[name] = (row[name] as number) + value;
  rows.set(key, row);
}

function sorted(rows: Iterable<Row>, columns: string[]): Row[] {
  const normalised = [...rows].map((row) => Object.fromEntries(columns.map((c) => [c, typeof row[c] === 'string' ? row[c] : Number(row[c])])));
  return normalised.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe('sales summaries', () => {
  it('agree with the detail rows', async () => {
    const db = server.database.db;
    const orders = await db.selectFrom('orders').selectAll().execute();
    const lines = await db.selectFrom('order_lines').selectAll().execute();
    const payments = await db.selectFrom('order_payments').selectAll().execute();
    const refunds = await db.selectFrom('refunds').selectAll().execute();
    const refundLines = await db.selectFrom('refund_lines').selectAll().execute();
    const refundPayments = await db.selectFrom('refund_payments').selectAll().execute();
    const orderOf = (store: string, number: string) => orders.find((o) => o.store_code === store && o.order_number === number)!;
    const refundOf = (store: string, number: string) => refunds.find((r) => r.store_code === store && r.refund_number === number)!;

    const daily = new Map<string, Row>();
    const hourly = new Map<string, Row>();
    const items = new Map<string, Row>();
    const methods = new Map<string, Row>();
    const zeroDaily = { orders: 0, guests: 0, gross_fen: 0, discount_fen: 0, net_fen: 0, refund_fen: 0, tax_fen: 0, cogs_fen: 0 };
    for (const o of orders) {
      add(daily, { store_code: o.store_code, business_date: o.business_date, channel: o.channel }, { ...zeroDaily, orders: 1, guests: o.guests, gross_fen: Number(o.gross_fen), discount_fen: Number(o.discount_fen), net_fen: Number(o.net_fen), tax_fen: Number(o.tax_fen), cogs_fen: Number(o.cogs_fen) });
      add(hourly, { store_code: o.store_code, business_date: o.business_date, hour: o.local_hour }, { orders: 1, net_fen: Number(o.net_fen), refund_fen: 0 });
    }
    for (const r of refunds) {
      const o = orderOf(r.store_code, r.order_number);
      add(daily, { store_code: r.store_code, business_date: r.business_date, channel: o.channel }, { ...zeroDaily, refund_fen: Number(r.amount_fen), tax_fen: -Number(r.tax_fen), cogs_fen: -Number(r.returned_value_fen) });
      add(hourly, { store_code: r.store_code, business_date: r.business_date, hour: r.local_hour }, { orders: 0, net_fen: 0, refund_fen: Number(r.amount_fen) });
    }
    for (const l of lines) {
      const o = orderOf(l.store_code, l.order_number);
      add(items, { store_code: l.store_code, business_date: o.business_date, menu_item_code: (l.menu_item_code ?? l.item_code)! }, { quantity_micro: Number(l.quantity_micro), net_fen: Number(l.net_fen), cogs_fen: Number(l.cogs_fen) });
    }
    for (const l of refundLines) {
      const r = refundOf(l.store_code, l.refund_number);
      const line = lines.find((x) => x.store_code === l.store_code && x.order_number === r.order_number && x.line_number === l.line_number)!;
      add(items, { store_code: l.store_code, business_date: r.business_date, menu_item_code: (line.menu_item_code ?? line.item_code)! }, { quantity_micro: -Number(l.quantity_micro), net_fen: -Number(l.amount_fen), cogs_fen: -Number(l.returned_value_fen) });
    }
    for (const p of payments) {
      const o = orderOf(p.store_code, p.order_number);
      add(methods, { store_code: p.store_code, business_date: o.business_date, method: p.method }, { payments: 1, amount_fen: Number(p.amount_fen), refund_fen: 0 });
    }
    for (const p of refundPayments) {
      const r = refundOf(p.store_code, p.refund_number);
      add(methods, { store_code: p.store_code, business_date: r.business_date, method: p.method }, { payments: 0, amount_fen: 0, refund_fen: Number(p.amount_fen) });
    }

    const dailyColumns = ['store_code', 'business_date', 'channel', ...Object.keys(zeroDaily)];
    expect(sorted(await db.selectFrom('sales_daily_summary').selectAll().execute(), dailyColumns)).toEqual(sorted(daily.values(), dailyColumns));
    const hourlyColumns = ['store_code', 'business_date', 'hour', 'orders', 'net_fen', 'refund_fen'];
    expect(sorted(await db.selectFrom('sales_hourly_summary').selectAll().execute(), hourlyColumns)).toEqual(sorted(hourly.values(), hourlyColumns));
    const itemColumns = ['store_code', 'business_date', 'menu_item_code', 'quantity_micro', 'net_fen', 'cogs_fen'];
    expect(sorted(await db.selectFrom('item_sales_daily').selectAll().execute(), itemColumns)).toEqual(sorted(items.values(), itemColumns));
    const methodColumns = ['store_code', 'business_date', 'method', 'payments', 'amount_fen', 'refund_fen'];
    expect(sorted(await db.selectFrom('payment_daily_summary').selectAll().execute(), methodColumns)).toEqual(sorted(methods.values(), methodColumns));
  });

  it('put each B22 payment into its Shanghai business day', async () => {
    const rows = await server.database.db.selectFrom('sales_daily_summary').selectAll().where('store_code', '=', '0002').execute();
    const sales = (from: string, to: string) => rows.filter((r) => r.business_date >= from && r.business_date <= to).reduce((sum, r) => sum + Number(r.net_fen) - Number(r.refund_fen), 0);
    expect(sales('2024-01-01', '2024-01-31')).toBe(15_000);
    expect(sales('2024-02-01', '2024-02-29')).toBe(20_000);
    expect(sales('2024-01-31', '2024-01-31')).toBe(15_000);
  });

  it('keep refunds on the day they were made', async () => {
    const row = await server.database.db.selectFrom('sales_daily_summary').selectAll().where('store_code', '=', '0001').where('business_date', '=', '2024-01-31').where('channel', '=', 'dine_in').executeTakeFirstOrThrow();
    // S-1 was sold at 12:00 on the 30th (Shanghai time) and one of its two lattes refunded at 11:00 on the 31st.
    expect(Number(row.refund_fen)).toBe(3200);
  });
});
