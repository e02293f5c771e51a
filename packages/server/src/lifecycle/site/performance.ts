import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** A store's sales over a window, counted in whole calendar months. */
export interface StorePerformance {
  store_code: string;
  /** Months of the window with any sales. */
  months_with_sales: number;
  /** Months with sales on at least `minDaysPerMonth` business dates: the months that count. */
  months_counted: number;
  /** Sales (net − refund, fen) over the counted months. */
  sales_fen: number;
  /** Mean sales per counted month, in fen; 0 when no month counts. */
  monthly_sales_fen: number;
}

export interface PerformanceWindow {
  /** First and last business date, `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  /** A month counts only with sales on at least this many business dates (default 20). */
  minDaysPerMonth?: number;
}

/**
 * Read each store's monthly sales over a window from `sales_daily_summary`, which posting orders
 * and refunds keeps up to date. Sales are net_fen − refund_fen, summed over every channel. A
 * month in which a store traded on fewer than `minDaysPerMonth` days (opening, closing or
 * renovation months) is left out, so a partial month does not drag the mean down.
 */
export async function loadStorePerformance(db: Kysely<Database>, window: PerformanceWindow): Promise<StorePerformance[]> {
  const minDays = window.minDaysPerMonth ?? 20;

  const month = sql<string>`substr(business_date, 1, 7)`;
  const rows = await db
    .selectFrom('sales_daily_summary')
    .select([
      'store_code',
      month.as('month'),
      sql<number>`count(distinct business_date)`.as('days'),
      sql<number>`sum(net_fen - refund_fen)`.as('sales'),
    ])
    .where('business_date', '>=', window.from)
    .where('business_date', '<=', window.to)
    .groupBy(['store_code', month])
    .execute();

  const byStore = new Map<string, StorePerformance>();
  for (const row of rows as { store_code: string; days: number | string; sales: number | string }[]) {
    const entry = byStore.get(row.store_code) ?? { store_code: row.store_code, months_with_sales: 0, months_counted: 0, sales_fen: 0, monthly_sales_fen: 0 };
    entry.months_with_sales += 1;
    if (Number(row.days) >= minDays) {
      entry.months_counted += 1;
      entry.sales_fen += Number(row.sales);
    }
    byStore.set(row.store_code, entry);
  }
  for (const entry of byStore.values()) entry.monthly_sales_fen = entry.months_counted > 0 ? entry.sales_fen / entry.months_counted : 0;
  const result = [...byStore.values()];
  result.sort((a, b) => compareCodes(a.store_code, b.store_code));
  return result;
}

/** Compare codes by UTF-16 code units, the order SQLite sorts text in. */
function compareCodes(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
