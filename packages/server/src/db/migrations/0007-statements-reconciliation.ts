import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * Payment-channel and bank statements (对账单) with their lines, and reconciliations (对账) of
 * POS payments against them: one row per reconciliation of a channel, period and store, and one
 * row per item, the group of POS payments and statement lines that ended in one state.
 */
export function statementsReconciliation(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('statements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('merchant_id', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('line_count', 'integer', (c) => c.notNull())
        .addColumn('lines_received', 'integer', (c) => c.notNull())
        .addColumn('quarantined', 'integer', (c) => c.notNull())
        .addColumn('gross_fen', types.money, (c) => c.notNull())
        .addColumn('refund_fen', types.money, (c) => c.notNull())
        .addColumn('fee_milli_fen', types.money, (c) => c.notNull())
        .addColumn('net_milli_fen', types.money, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('finished_at', types.instant)
        .execute();
      await db.schema.createIndex('statements_sha256').on('statements').columns(['file_sha256']).execute();
      await db.schema.createIndex('statements_period').on('statements').columns(['period', 'channel']).execute();

      await db.schema
        .createTable('statement_lines')
        .addColumn('statement_id', 'text', (c) => c.notNull())
        .addColumn('line_number', 'integer', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('occurred_at', types.instant)
        .addColumn('business_date', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('flow', 'text', (c) => c.notNull())
        .addColumn('gross_fen', types.money, (c) => c.notNull())
        .addColumn('refund_fen', types.money, (c) => c.notNull())
        .addColumn('fee_milli_fen', types.money, (c) => c.notNull())
        .addColumn('net_milli_fen', types.money, (c) => c.notNull())
        .addColumn('transaction_id', 'text')
        .addColumn('merchant_order_number', 'text')
        .addColumn('refund_id', 'text')
        .addColumn('merchant_refund_id', 'text')
        .addColumn('store_id', 'text')
        .addColumn('description', 'text')
        .addPrimaryKeyConstraint('statement_lines_pk', ['statement_id', 'line_number'])
        .execute();
      await db.schema.createIndex('statement_lines_fingerprint').on('statement_lines').columns(['fingerprint']).execute();

      await db.schema
        .createTable('reconciliations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        // Empty for a reconciliation of every store, so the scope can be a unique key.
        .addColumn('store_code', 'text', (c) => c.notNull())
        .addColumn('statement_ids', types.json, (c) => c.notNull())
        .addColumn('tolerance_fen', types.money, (c) => c.notNull())
        .addColumn('window_seconds', 'integer', (c) => c.notNull())
        .addColumn('write_off_account', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('summary', types.json, (c) => c.notNull())
        .addColumn('unexplained_count', 'integer', (c) => c.notNull())
        .addColumn('unexplained_fen', types.money, (c) => c.notNull())
        .addColumn('runs', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .addColumn('accepted_by', 'text')
        .addColumn('accepted_at', types.instant)
        .addUniqueConstraint('reconciliations_scope', ['channel', 'period', 'store_code'])
        .execute();

      await db.schema
        .createTable('reconciliation_items')
        .addColumn('reconciliation_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('rule', 'text')
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('amount_fen', types.money, (c) => c.notNull())
        .addColumn('difference_fen', types.money, (c) => c.notNull())
        .addColumn('fee_milli_fen', types.money, (c) => c.notNull())
        .addColumn('business_date', 'text')
        .addColumn('store_code', 'text')
        // Members: POS payments as `store/order/sequence` or `store/refund/sequence` with a
        // `r:` prefix, statement lines as `statement:line`, several joined by spaces.
        .addColumn('pos_refs', 'text', (c) => c.notNull())
        .addColumn('pos_amount_fen', types.money)
        .addColumn('pos_at', 'text')
        .addColumn('line_refs', 'text', (c) => c.notNull())
        .addColumn('line_amount_fen', types.money)
        .addColumn('line_at', 'text')
        .addColumn('transaction_id', 'text')
        .addColumn('merchant_order_number', 'text')
        .addColumn('candidates', types.json)
        .addColumn('resolution', 'text')
        .addColumn('resolution_note', 'text')
        .addColumn('journal_entry_id', types.money)
        .addColumn('resolved_by', 'text')
        .addColumn('resolved_at', types.instant)
        .addPrimaryKeyConstraint('reconciliation_items_pk', ['reconciliation_id', 'item_id'])
        .execute();
      await db.schema.createIndex('reconciliation_items_state').on('reconciliation_items').columns(['reconciliation_id', 'state', 'item_id']).execute();
    },

    async down(db: Kysely<any>) {
      for (const table of ['reconciliation_items', 'reconciliations', 'statement_lines', 'statements']) await db.schema.dropTable(table).execute();
    },
  };
}
