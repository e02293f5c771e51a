import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/** Tokens, idempotency keys, the audit log, regions and stores. */
export function foundation(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('store_codes', types.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('revoked_at', types.instant)
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('response_headers', types.json)
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['token_id', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created_at').on('idempotency_keys').column('created_at').execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('actor_token_id', 'text')
        .addColumn('request_id', 'text')
        .addColumn('at', types.instant, (c) => c.notNull())
        .addColumn('changes', types.json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_events_record')
        .on('audit_events')
        .columns(['resource', 'record_key', 'id'])
        .execute();

      await db.schema
        .createTable('regions')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
        .addColumn('manager_name', 'text')
        .$call((t) => withRecordColumns(t, types))
        .execute();

      await db.schema
        .createTable('stores')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('brand', 'text')
        .addColumn('region_code', 'text', (c) => c.references('regions.code'))
        .addColumn('city', 'text')
        .addColumn('address', 'text')
        .addColumn('phone', 'text')
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('area_m2', 'double precision')
        .addColumn('seats', 'integer')
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('day_end_cutoff', 'text', (c) => c.notNull())
        .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
        .addColumn('opened_on', types.date)
        .addColumn('closed_on', types.date)
        .$call((t) => withRecordColumns(t, types))
        .execute();
      for (const column of ['region_code', 'city', 'updated_at']) {
        await db.schema.createIndex(`stores_${column}`).on('stores').column(column).execute();
      }
    },

    async down(db: Kysely<any>) {
      for (const table of ['stores', 'regions', 'audit_events', 'idempotency_keys', 'api_tokens']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

/** Add the bookkeeping columns every master-data table has. */
export function withRecordColumns<T extends { addColumn: (...args: any[]) => T }>(table: T, types: ColumnTypes): T {
  return table
    .addColumn('active', types.boolean, (c: any) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('created_at', types.instant, (c: any) => c.notNull())
    .addColumn('updated_at', types.instant, (c: any) => c.notNull());
}
