import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';
import { withRecordColumns } from './0001-foundation.js';

/** Items, menu items with their recipe components, suppliers, employees and assets. */
export function masterData(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('items')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('base_unit', 'text', (c) => c.notNull())
        .addColumn('pack_units', types.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('standard_cost_fen', types.money)
        .addColumn('cost_unit', 'text', (c) => c.notNull())
        .addColumn('barcode', 'text')
        .addColumn('spec', 'text')
        .addColumn('shelf_life_days', 'integer')
        .addColumn('tax_category', 'text', (c) => c.notNull())
        .$call((t) => withRecordColumns(t, types))
        .execute();
      for (const column of ['category', 'kind', 'updated_at']) {
        await db.schema.createIndex(`items_${column}`).on('items').column(column).execute();
      }

      await db.schema
        .createTable('menu_items')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('price_fen', types.money)
        .addColumn('sellable', types.boolean, (c) => c.notNull())
        .addColumn('tax_category', 'text', (c) => c.notNull())
        .addColumn('recipe_yield', 'double precision', (c) => c.notNull())
        .$call((t) => withRecordColumns(t, types))
        .execute();
      for (const column of ['category', 'updated_at']) {
        await db.schema.createIndex(`menu_items_${column}`).on('menu_items').column(column).execute();
      }

      // One row per recipe line. The component is an item or a menu item, so component_code has
      // no foreign key; the API checks that it exists when the recipe is written.
      await db.schema
        .createTable('menu_item_components')
        .addColumn('menu_item_code', 'text', (c) => c.notNull().references('menu_items.code'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('component_type', 'text', (c) => c.notNull())
        .addColumn('component_code', 'text', (c) => c.notNull())
        .addColumn('quantity', 'double precision', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('base_quantity', 'double precision', (c) => c.notNull())
        .addColumn('loss_rate', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('menu_item_components_pk', ['menu_item_code', 'position'])
        .execute();
      await db.schema
        .createIndex('menu_item_components_component')
        .on('menu_item_components')
        .columns(['component_type', 'component_code'])
        .execute();

      await db.schema
        .createTable('suppliers')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uscc', 'text')
        .addColumn('contact_name', 'text')
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('address', 'text')
        .addColumn('payment_terms_days', 'integer')
        .addColumn('bank_name', 'text')
        .addColumn('bank_account', 'text')
        .$call((t) => withRecordColumns(t, types))
        .execute();
      // A partial index: a deactivated supplier keeps its code without blocking a new one.
      // `active = true` reads the same on PostgreSQL and on SQLite, where TRUE is 1.
      await db.schema
        .createIndex('suppliers_uscc_active')
        .on('suppliers')
        .column('uscc')
        .unique()
        .where(sql<boolean>`active = true`)
        .execute();
      await db.schema.createIndex('suppliers_updated_at').on('suppliers').column('updated_at').execute();

      await db.schema
        .createTable('employees')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('store_code', 'text', (c) => c.references('stores.code'))
        .addColumn('hourly_cost_fen', types.money)
        .addColumn('skills', types.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('phone', 'text')
        .addColumn('home_latitude', 'double precision')
        .addColumn('home_longitude', 'double precision')
        .addColumn('hired_on', types.date)
        .addColumn('left_on', types.date)
        .$call((t) => withRecordColumns(t, types))
        .execute();
      for (const column of ['store_code', 'role', 'updated_at']) {
        await db.schema.createIndex(`employees_${column}`).on('employees').column(column).execute();
      }

      await db.schema
        .createTable('assets')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('manufacturer', 'text')
        .addColumn('serial_number', 'text')
        .addColumn('installed_on', types.date)
        .addColumn('warranty_end', types.date)
        .addColumn('purchase_cost_fen', types.money)
        .addColumn('status', 'text', (c) => c.notNull())
        .$call((t) => withRecordColumns(t, types))
        .execute();
      for (const column of ['store_code', 'category', 'updated_at']) {
        await db.schema.createIndex(`assets_${column}`).on('assets').column(column).execute();
      }
    },

    async down(db: Kysely<any>) {
      for (const table of ['assets', 'employees', 'suppliers', 'menu_item_components', 'menu_items', 'items']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
