import type { Kysely } from 'kysely';
import type { TestServer } from '../../../../../test-support/server.js';

/**
 * Create `sales_daily_summary` in the test database with exactly the shape the sales domain
 * defines for it (money as bigint on PostgreSQL, integer on SQLite), so the site model can be
 * tested before the sales domain is merged.
 */
export async function createSalesDailySummary(server: TestServer): Promise<void> {
  const money = server.database.dialect === 'postgres' ? 'bigint' : 'integer';
  await (server.database.db as Kysely<any>).schema
    .createTable('sales_daily_summary')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('gross_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull())
    .addColumn('net_fen', money, (c) => c.notNull())
    .addColumn('refund_fen', money, (c) => c.notNull())
    .addColumn('tax_fen', money, (c) => c.notNull())
    .addColumn('cogs_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_daily_summary_pk', ['store_code', 'business_date', 'channel'])
    .execute();
}

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
