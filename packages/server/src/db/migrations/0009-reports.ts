import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

const SUMMARY_INDEX_COLUMNS: Record<string, string[]> = {
  sales_daily_summary: ['store_code', 'channel', 'orders', 'guests', 'net_fen', 'refund_fen', 'tax_fen'],
  sales_hourly_summary: ['hour', 'store_code', 'orders', 'net_fen', 'refund_fen'],
  item_sales_daily: ['menu_item_code', 'store_code', 'quantity_micro', 'net_fen', 'cogs_fen'],
  payment_daily_summary: ['method', 'store_code', 'payments', 'amount_fen', 'refund_fen'],
};

/**
 * Reports: the record of each report run (who, parameters, when, row counts, and the computed
 * sections so the output can be rendered again in any format), footfall counts for the
 * conversion rate (客流转化率), labour hours for sales per labour hour (人效) and labour cost,
 * and the indexes that let a chain-wide month be read from the summaries by date.
 */
export function reports(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('report_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('params', types.json, (c) => c.notNull())
        .addColumn('generated_at', types.instant, (c) => c.notNull())
        .addColumn('generated_by', 'text', (c) => c.notNull())
        .addColumn('row_counts', types.json, (c) => c.notNull())
        .addColumn('missing_data', types.json, (c) => c.notNull())
        // The computed run (sections with rows, KPIs, notes) as JSON: the writers render it again.
        .addColumn('result', types.json, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('report_runs_report').on('report_runs').columns(['report', 'generated_at']).execute();

      // `hour` is 0–23 for an hourly count and -1 for a whole-day count; a store day has one kind only.
      await db.schema
        .createTable('footfall_counts')
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('business_date', 'text', (c) => c.notNull())
        .addColumn('hour', 'integer', (c) => c.notNull())
        .addColumn('visitors', 'integer', (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('footfall_counts_pk', ['store_code', 'business_date', 'hour'])
        .execute();
      await db.schema.createIndex('footfall_counts_date').on('footfall_counts').columns(['business_date', 'store_code']).execute();

      // Hours in thousandths, so sums stay integers on both dialects.
      await db.schema
        .createTable('labour_hours')
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('business_date', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('hours_milli', types.money, (c) => c.notNull())
        .addColumn('cost_fen', types.money, (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('labour_hours_pk', ['store_code', 'business_date', 'role'])
        .execute();
      await db.schema.createIndex('labour_hours_date').on('labour_hours').columns(['business_date', 'store_code']).execute();

      // The summaries' keys start with the store; a chain-wide period is read by date. Each index
      // holds every column reports group by or add up, so SQLite answers from the index alone and
      // reads it in (date, dimension) order, aggregating without a sort.
      for (const [table, columns] of Object.entries(SUMMARY_INDEX_COLUMNS)) {
        await db.schema.createIndex(`${table}_date`).on(table).columns(['business_date', ...columns]).execute();
      }
      await db.schema.createIndex('journal_lines_date').on('journal_lines').columns(['entry_date', 'account_code']).execute();
    },

    async down(db: Kysely<any>) {
      await db.schema.dropIndex('journal_lines_date').execute();
      for (const table of Object.keys(SUMMARY_INDEX_COLUMNS)) await db.schema.dropIndex(`${table}_date`).execute();
      for (const table of ['labour_hours', 'footfall_counts', 'report_runs']) await db.schema.dropTable(table).execute();
    },
  };
}
