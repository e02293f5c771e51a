import type { Kysely, Migration } from 'kysely';

/**
 * The highest item id a reconciliation has ever given, so a re-run never gives an id that a
 * deleted item had to another group of records. Zero for reconciliations stored before, whose
 * next run starts from the highest id still stored.
 */
export function reconciliationItemIds(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('reconciliations')
        .addColumn('last_item_id', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },

    async down(db: Kysely<any>) {
      await db.schema.alterTable('reconciliations').dropColumn('last_item_id').execute();
    },
  };
}
