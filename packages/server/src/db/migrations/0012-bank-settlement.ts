import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * Bank settlement reconciliation and per-channel reconciliation settings. Statement lines keep
 * the counterparty and memo that tell whose settlement a bank credit is; an item of a bank
 * settlement reconciliation names its payment channel; each channel may store its own tolerance,
 * match window, write-off account, settlement lag and bank names.
 */
export function bankSettlement(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('statement_lines').addColumn('counterparty', 'text').execute();
      await db.schema.alterTable('statement_lines').addColumn('memo', 'text').execute();
      await db.schema.alterTable('reconciliation_items').addColumn('channel', 'text').execute();

      await db.schema
        .createTable('reconciliation_settings')
        .addColumn('channel', 'text', (c) => c.primaryKey())
        .addColumn('tolerance_fen', types.money, (c) => c.notNull())
        .addColumn('window_seconds', 'integer', (c) => c.notNull())
        .addColumn('write_off_account', 'text', (c) => c.notNull())
        .addColumn('settlement_lag_days', 'integer', (c) => c.notNull())
        .addColumn('bank_names', types.json, (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<any>) {
      await db.schema.dropTable('reconciliation_settings').execute();
      await db.schema.alterTable('reconciliation_items').dropColumn('channel').execute();
      await db.schema.alterTable('statement_lines').dropColumn('memo').execute();
      await db.schema.alterTable('statement_lines').dropColumn('counterparty').execute();
    },
  };
}
