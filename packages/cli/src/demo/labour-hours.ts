import { daysOfMonth } from './calendar.js';
import type { DemoChain } from './chain.js';
import type { DemoOrder } from './orders.js';
import { Random } from './random.js';
import { yuan } from './statements.js';

/** Roles of a store's shifts, with their hourly cost in fen and the hours of a shift. */
const ROLES = [
  { role: '店长', hourlyFen: 4500, shiftHours: 9 },
  { role: '咖啡师', hourlyFen: 2800, shiftHours: 8 },
  { role: '收银', hourlyFen: 2400, shiftHours: 8 },
] as const;

/** Orders one barista shift serves; a busier day gets more barista shifts. */
const ORDERS_PER_BARISTA_SHIFT = 90;

const HEADER = ['门店编码', '营业日', '岗位', '工时', '人工成本'];

/** One store's hours of one role on one business date, and their cost. */
export interface LabourRow {
  storeCode: string;
  date: string;
  role: string;
  hours: number;
  costFen: number;
}

/**
 * Generate a month of each store's labour hours (工时), one row per store, business date and
 * role. Barista hours follow the day's orders, so sales per labour hour (人效) differs between
 * stores and days.
 */
export function labourRows(chain: DemoChain, orders: readonly DemoOrder[], period: string, seed: number): LabourRow[] {
  const random = new Random(seed ^ 0x1abc0de);
  const ordersPerDay = countOrdersByStoreDay(orders);
  const rows: LabourRow[] = [];

  for (const store of chain.stores) {
    for (const date of daysOfMonth(period)) {
      const orderCount = ordersPerDay.get(`${store.code}/${date}`) ?? 0;
      for (const { role, hourlyFen, shiftHours } of ROLES) {
        const shifts = role === '咖啡师' ? Math.max(1, Math.ceil(orderCount / ORDERS_PER_BARISTA_SHIFT)) : 1;
        // Quarter hours of overtime or early leave, as a time clock records them.
        const hours = shifts * shiftHours + random.int(-2, 4) * 0.25;
        rows.push({ storeCode: store.code, date, role, hours, costFen: Math.round(hours * hourlyFen) });
      }
    }
  }
  return rows;
}

/** Write labour rows as a CSV file for `boh import labour_hours`, with the cost in yuan. */
export function labourHoursCsv(rows: readonly LabourRow[]): string {
  const lines = [HEADER.join(',')];
  for (const row of rows) lines.push([row.storeCode, row.date, row.role, String(row.hours), yuan(row.costFen)].join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Count orders by store and China calendar date of their time (UTC+8). */
export function countOrdersByStoreDay(orders: readonly DemoOrder[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of orders) {
    const date = new Date(Date.parse(order.orderedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const key = `${order.storeCode}/${date}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
