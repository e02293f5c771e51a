import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * The snapshots a period close stores: the period's turnover per account and per store with a
 * SHA-256 hash over its canonical text. Each close after a reopen adds a row; none is replaced.
 */
export function periodClose(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('period_snapshots')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        // The canonical text the hash was taken over, kept as it was hashed.
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('accepted_checks', types.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('checks', types.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('request_id', 'text')
        .execute();
      await db.schema.createIndex('period_snapshots_sequence').on('period_snapshots').columns(['period', 'sequence']).unique().execute();
    },

    async down(db: Kysely<any>) {
      await db.schema.dropTable('period_snapshots').execute();
    },
  };
}
