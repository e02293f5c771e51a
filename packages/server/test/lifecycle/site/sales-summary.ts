import type { Kysely } from 'kysely';
import type { TestServer } from '../../../../../test-support/server.js';

export interface DailySales {
  store_code: string;
  business_date: string;
  channel: string;
  net_fen: number;
  refund_fen: number;
}

/** Insert daily rows; the columns the site model does not read get plausible values. */
export async function insertDailySales(server: TestServer, rows: DailySales[]): Promise<void> {
  const db = server.database.db as Kysely<any>;
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500).map((row) => ({
      ...row,
      orders: Math.max(1, Math.round(row.net_fen / 3500)),
      guests: 0,
      gross_fen: row.net_fen,
      discount_fen: 0,
      tax_fen: Math.round((row.net_fen - row.refund_fen) * 0.06 / 1.06),
      cogs_fen: Math.round(row.net_fen * 0.3),
    }));
    await db.insertInto('sales_daily_summary').values(chunk).execute();
  }
}
