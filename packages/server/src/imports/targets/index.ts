import { assets } from '../../masterdata/assets.js';
import { employees } from '../../masterdata/employees.js';
import { items } from '../../masterdata/items.js';
import { menuItems } from '../../masterdata/menu-items.js';
import { regions } from '../../masterdata/regions.js';
import { stores } from '../../masterdata/stores.js';
import { suppliers } from '../../masterdata/suppliers.js';
import type { ImportTarget } from '../target.js';
import { footfallTarget } from './footfall.js';
import { masterDataTarget } from './master-data.js';
import { labourHoursTarget } from './labour-hours.js';
import { openingStockTarget } from './opening-stock.js';
import { salesOrderTarget } from './sales-orders.js';

// Rows planned together for kinds whose rows stand alone. One plan reads the stored records of
// all its rows in a few queries and writes them with multi-row statements.
const BULK = 5000;

// Orders posted together: a whole batch of the largest size a job accepts, so each batch reads
// its stores, recipes, stock and periods once.
const ORDERS_PER_POSTING = 10_000;

let registry: Map<string, ImportTarget> | undefined;

/**
 * Every kind of record import jobs can write, by resource name. A new kind adds its target here
 * and its name to `ImportResource` in the contract.
 *
 * Sales orders (`sales_order`) are rows of whole orders, posted by the sales domain's batch
 * posting service inside the batch's transaction, so stock, journal and summaries commit with
 * the batch or not at all. Opening stock (`opening_stock`) is posted as opening documents in the
 * same way.
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
      salesOrderTarget(ORDERS_PER_POSTING),
      openingStockTarget(BULK),
      labourHoursTarget(BULK),
      footfallTarget(BULK),
    ].map((target) => [target.resource, target as ImportTarget]),
  );
  return registry;
}
