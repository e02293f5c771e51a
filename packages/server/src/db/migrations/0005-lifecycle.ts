import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * Store lifecycle and site selection: stage moves and stage periods, per-period checklists, site
 * attributes, and the construction budget with its actual costs.
 */
export function lifecycle(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('store_transitions')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('from_stage', 'text', (c) => c.notNull())
        .addColumn('to_stage', 'text', (c) => c.notNull())
        .addColumn('effective_on', types.date, (c) => c.notNull())
        .addColumn('at', types.instant, (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('actor_token_id', 'text')
        .addColumn('request_id', 'text')
        .addColumn('note', 'text')
        .addColumn('overridden', types.boolean, (c) => c.notNull())
        .addColumn('override_reason', 'text')
        .addColumn('overridden_items', types.json, (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.createIndex('store_transitions_store').on('store_transitions').columns(['store_code', 'id']).execute();

      // One row per stay in a stage. A store without rows is still in the stage it was created
      // in; the first lifecycle write records that stay as a row.
      await db.schema
        .createTable('store_stage_periods')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('started_on', types.date, (c) => c.notNull())
        .addColumn('started_at', types.instant, (c) => c.notNull())
        .addColumn('ended_on', types.date)
        .addColumn('ended_at', types.instant)
        .addColumn('entry_transition_id', 'bigint')
        .addColumn('checklist_ready', types.boolean, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('store_stage_periods_store').on('store_stage_periods').columns(['store_code', 'id']).execute();
      // At most one open period per store. `ended_at is null` reads the same on both dialects.
      await db.schema
        .createIndex('store_stage_periods_open')
        .on('store_stage_periods')
        .column('store_code')
        .unique()
        .where(sql<boolean>`ended_at is null`)
        .execute();

      await db.schema
        .createTable('store_checklist_items')
        .addColumn('period_id', 'bigint', (c) => c.notNull().references('store_stage_periods.id'))
        .addColumn('item_key', 'text', (c) => c.notNull())
        .addColumn('store_code', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('title_zh', 'text', (c) => c.notNull())
        .addColumn('mandatory', types.boolean, (c) => c.notNull())
        .addColumn('mandatory_for', types.json)
        .addColumn('roles', types.json, (c) => c.notNull())
        .addColumn('evidence_required', types.boolean, (c) => c.notNull())
        .addColumn('done', types.boolean, (c) => c.notNull())
        .addColumn('done_at', types.instant)
        .addColumn('done_by', 'text')
        .addColumn('done_by_token_id', 'text')
        .addColumn('note', 'text')
        .addColumn('evidence_ref', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('store_checklist_items_pk', ['period_id', 'item_key'])
        .execute();

      await db.schema
        .createTable('store_site_attributes')
        .addColumn('store_code', 'text', (c) => c.primaryKey().references('stores.code'))
        .addColumn('rent_fen_per_m2_month', types.money)
        .addColumn('footfall_daily', 'integer')
        .addColumn('nearby_population', 'integer')
        .addColumn('competitors_500m', 'integer')
        .addColumn('surveyed_on', types.date)
        .addColumn('source', 'text')
        .addColumn('note', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('store_construction_budgets')
        .addColumn('store_code', 'text', (c) => c.primaryKey().references('stores.code'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('store_construction_budget_lines')
        .addColumn('store_code', 'text', (c) => c.notNull().references('store_construction_budgets.store_code'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('amount_fen', types.money, (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('store_construction_budget_lines_pk', ['store_code', 'category'])
        .execute();

      await db.schema
        .createTable('store_construction_costs')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('amount_fen', types.money, (c) => c.notNull())
        .addColumn('incurred_on', types.date, (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('supplier_code', 'text', (c) => c.references('suppliers.code'))
        .addColumn('note', 'text')
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('actor_token_id', 'text')
        .execute();
      await db.schema.createIndex('store_construction_costs_store').on('store_construction_costs').columns(['store_code', 'id']).execute();
      await db.schema
        .createIndex('store_construction_costs_reference')
        .on('store_construction_costs')
        .columns(['store_code', 'reference'])
        .unique()
        .where(sql<boolean>`reference is not null`)
        .execute();
    },

    async down(db: Kysely<any>) {
      const tables = [
        'store_construction_costs', 'store_construction_budget_lines', 'store_construction_budgets', 'store_site_attributes',
        'store_checklist_items', 'store_stage_periods', 'store_transitions',
      ];
      for (const table of tables) await db.schema.dropTable(table).execute();
    },
  };
}
