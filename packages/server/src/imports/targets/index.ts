import { assets } from '../../masterdata/assets.js';
import { employees } from '../../masterdata/employees.js';
import { items } from '../../masterdata/items.js';
import { menuItems } from '../../masterdata/menu-items.js';
import { regions } from '../../masterdata/regions.js';
import { stores } from '../../masterdata/stores.js';
import { suppliers } from '../../masterdata/suppliers.js';
import type { ImportTarget } from '../target.js';
import { masterDataTarget } from './master-data.js';

// Rows planned together for kinds whose rows stand alone. One plan reads the stored records of
// all its rows in a few queries and writes them with multi-row statements.
const BULK = 5000;

let registry: Map<string, ImportTarget> | undefined;

/**
 * Every kind of record import jobs can write, by resource name. A new kind adds its target here
 * and its name to `ImportResource` in the contract.
 *
 * Sales orders plug in the same way once the sales domain exists: a `sales_order` target whose
 * rows are whole orders (`order_no`, `store_code`, `ordered_at`, `channel`, `lines[]`,
 * `payments[]`, as the CLI's sales templates produce them), `unitSize` of a few hundred,
 * `plan` reading the stored orders by (store_code, order_no) to report unchanged orders and
 * reject changed ones (a posted order is corrected by a refund, never edited), and `apply`
 * handing the new orders to the sales domain's batch posting service inside the batch's
 * transaction, so stock, journal and summaries commit with the batch or not at all.
 */
export function importTargets(): Map<string, ImportTarget> {
  registry ??= new Map<string, ImportTarget>(
    [
      masterDataTarget({ definition: regions, createSchema: 'RegionCreate', updateSchema: 'RegionUpdate', createOperation: 'createRegion', unitSize: 1 }),
      masterDataTarget({
        definition: stores,
        createSchema: 'StoreCreate',
        updateSchema: 'StoreUpdate',
        createOperation: 'createStore',
        unitSize: BULK,
        references: [{ field: 'region_code', table: 'regions' }],
      }),
      masterDataTarget({ definition: items, createSchema: 'ItemCreate', updateSchema: 'ItemUpdate', createOperation: 'createItem', unitSize: BULK }),
      masterDataTarget({ definition: menuItems, createSchema: 'MenuItemCreate', updateSchema: 'MenuItemUpdate', createOperation: 'createMenuItem', unitSize: 1 }),
      masterDataTarget({ definition: suppliers, createSchema: 'SupplierCreate', updateSchema: 'SupplierUpdate', createOperation: 'createSupplier', unitSize: 1 }),
      masterDataTarget({
        definition: employees,
        createSchema: 'EmployeeCreate',
        updateSchema: 'EmployeeUpdate',
        createOperation: 'createEmployee',
        unitSize: BULK,
        references: [{ field: 'store_code', table: 'stores' }],
      }),
      masterDataTarget({
        definition: assets,
        createSchema: 'AssetCreate',
        updateSchema: 'AssetUpdate',
        createOperation: 'createAsset',
        unitSize: BULK,
        references: [{ field: 'store_code', table: 'stores' }],
      }),
    ].map((target) => [target.resource, target as ImportTarget]),
  );
  return registry;
}
