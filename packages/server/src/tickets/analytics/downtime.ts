import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { localParts } from '../local-time.js';

/** A row of `sales_hourly_summary`, which sales posting keeps up to date. */
export interface SalesHourlyRow {
  store_code: string;
  business_date: string;
  hour: number;
  orders: number;
  net_fen: number;
  refund_fen: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface DowntimeWindow {
  storeCode: string;
  timeZone: string;
  /** Minutes after local midnight at which the business day ends (day_end_cutoff). */
  cutoffMinutes: number;
  from: number;
  to: number;
}

/** Shift a YYYY-MM-DD date by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The local hours a window covers: for each, the business date and hour under which the sales
 * branch files that hour's sales (a local hour before the cut-off belongs to the previous
 * business date), and the minutes of it inside the window.
 */
export function windowHours(window: DowntimeWindow): { businessDate: string; hour: number; minutes: number }[] {
  const hours: { businessDate: string; hour: number; minutes: number }[] = [];
  let start = window.from;
  while (start < window.to) {
    const local = localParts(new Date(start).toISOString(), window.timeZone);
    // The next local hour boundary; zone offsets are whole minutes, so local minutes and UTC
    // minutes start together.
    const end = Math.min(window.to, start + (60 - local.minute) * 60_000 - (start % 60_000));
    const businessDate = local.hour * 60 < window.cutoffMinutes ? addDays(local.date, -1) : local.date;
    hours.push({ businessDate, hour: local.hour, minutes: (end - start) / 60_000 });
    start = end;
  }
  return hours;
}

/**
 * Lost sales of one window, in fen: for each local hour, the minutes down ÷ 60 × the usual sales
 * of that hour, where "usual" is the mean of (net − refund) in the same hour on the same weekday
 * over the previous `weeks` weeks on which the store traded. Rounded half up per hour, exactly.
 */
export function lostSales(window: DowntimeWindow, weeks: number, sales: ReadonlyMap<string, number>, tradingDates: ReadonlySet<string>): number {
  let total = 0n;
  for (const slot of windowHours(window)) {
    let sum = 0n;
    let count = 0n;
    for (let k = 1; k <= weeks; k++) {
      const date = addDays(slot.businessDate, -7 * k);
      if (!tradingDates.has(date)) continue;
      count++;
      sum += BigInt(sales.get(`${date}|${slot.hour}`) ?? 0);
    }
    if (count === 0n) continue;
    // minutes / 60 × sum / count, with minutes possibly fractional at the ms level: use ms.
    const ms = BigInt(Math.round(slot.minutes * 60_000));
    const denominator = BigInt(HOUR_MS) * count;
    total += (ms * sum * 2n + denominator) / (2n * denominator);
  }
  return Number(total);
}

/** Read the sales of a store between two business dates, net of refunds, by date and hour. */
export async function readHourlySales(
  db: Kysely<Database>,
  storeCode: string,
  fromDate: string,
  toDate: string,
): Promise<{ sales: Map<string, number>; tradingDates: Set<string> }> {
  {
    const result = await sql<SalesHourlyRow>`
      select store_code, business_date, hour, orders, net_fen, refund_fen from sales_hourly_summary
      where store_code = ${storeCode} and business_date >= ${fromDate} and business_date <= ${toDate}`.execute(db);
    const sales = new Map<string, number>();
    const tradingDates = new Set<string>();
    for (const row of result.rows) {
      const date = String(row.business_date).slice(0, 10);
      sales.set(`${date}|${row.hour}`, Number(row.net_fen) - Number(row.refund_fen));
      tradingDates.add(date);
    }
    return { sales, tradingDates };
  }
}
