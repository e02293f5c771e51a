import type { BohClient, MasterDataResource } from '@boh/sdk';

/** A master-data resource as the CLI exposes it: command name, SDK property and contract names. */
export interface ResourceDescriptor {
  /** The API's resource name, also the template name and the `boh history` argument. */
  name: string;
  /** The command group: `boh store …`. */
  command: string;
  /** The property of the SDK client. */
  sdk: 'regions' | 'stores' | 'items' | 'menuItems' | 'suppliers' | 'employees' | 'assets';
  listOperation: string;
  /** The contract schema of a stored record, for field types in output. */
  recordSchema: string;
  createSchema: string;
  updateSchema: string;
  /** Query parameters offered as filter options, beyond active, q, updated_since and sort. */
  filters: string[];
}

export const RESOURCES: readonly ResourceDescriptor[] = [
  {
    name: 'region',
    command: 'region',
    sdk: 'regions',
    listOperation: 'listRegions',
    recordSchema: 'Region',
    createSchema: 'RegionCreate',
    updateSchema: 'RegionUpdate',
    filters: ['parent_code'],
  },
  {
    name: 'store',
    command: 'store',
    sdk: 'stores',
    listOperation: 'listStores',
    recordSchema: 'Store',
    createSchema: 'StoreCreate',
    updateSchema: 'StoreUpdate',
    filters: ['region_code', 'city', 'brand', 'lifecycle_stage'],
  },
  {
    name: 'item',
    command: 'item',
    sdk: 'items',
    listOperation: 'listItems',
    recordSchema: 'Item',
    createSchema: 'ItemCreate',
    updateSchema: 'ItemUpdate',
    filters: ['category', 'kind'],
  },
  {
    name: 'menu_item',
    command: 'menu-item',
    sdk: 'menuItems',
    listOperation: 'listMenuItems',
    recordSchema: 'MenuItem',
    createSchema: 'MenuItemCreate',
    updateSchema: 'MenuItemUpdate',
    filters: ['category', 'sellable'],
  },
  {
    name: 'supplier',
    command: 'supplier',
    sdk: 'suppliers',
    listOperation: 'listSuppliers',
    recordSchema: 'Supplier',
    createSchema: 'SupplierCreate',
    updateSchema: 'SupplierUpdate',
    filters: ['uscc'],
  },
  {
    name: 'employee',
    command: 'employee',
    sdk: 'employees',
    listOperation: 'listEmployees',
    recordSchema: 'Employee',
    createSchema: 'EmployeeCreate',
    updateSchema: 'EmployeeUpdate',
    filters: ['role', 'store_code'],
  },
  {
    name: 'asset',
    command: 'asset',
    sdk: 'assets',
    listOperation: 'listAssets',
    recordSchema: 'Asset',
    createSchema: 'AssetCreate',
    updateSchema: 'AssetUpdate',
    filters: ['store_code', 'category', 'status'],
  },
];

type AnyRecord = Record<string, unknown>;

/** The SDK resource of a descriptor, typed loosely so one command serves every resource. */
export function resourceClient(client: BohClient, resource: ResourceDescriptor): MasterDataResource<AnyRecord, AnyRecord, AnyRecord, AnyRecord> {
  return client[resource.sdk] as unknown as MasterDataResource<AnyRecord, AnyRecord, AnyRecord, AnyRecord>;
}
