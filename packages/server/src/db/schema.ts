import type { Generated } from 'kysely';

// Row types of the tables, as both dialects return them: instants as ISO strings, booleans as
// boolean (PostgreSQL) or 0/1 (SQLite), JSON columns as text.

export type DbBoolean = boolean | number;

export interface ApiTokenTable {
  id: string;
  name: string;
  role: string;
  store_codes: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface IdempotencyKeyTable {
  token_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  response_headers: string | null;
  created_at: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  resource: string;
  record_key: string;
  action: string;
  actor: string | null;
  actor_token_id: string | null;
  request_id: string | null;
  at: string;
  changes: string;
}

export interface MasterRecordColumns {
  code: string;
  active: DbBoolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RegionTable extends MasterRecordColumns {
  name: string;
  parent_code: string | null;
  manager_name: string | null;
}

export interface StoreTable extends MasterRecordColumns {
  name: string;
  brand: string | null;
  region_code: string | null;
  city: string | null;
  address: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  area_m2: number | null;
  seats: number | null;
  timezone: string;
  day_end_cutoff: string;
  lifecycle_stage: string;
  opened_on: string | null;
  closed_on: string | null;
}

export interface ItemTable extends MasterRecordColumns {
  name: string;
  category: string | null;
  kind: string;
  base_unit: string;
  /** JSON array of `{unit, factor}`. */
  pack_units: string;
  standard_cost_fen: number | null;
  cost_unit: string;
  barcode: string | null;
  spec: string | null;
  shelf_life_days: number | null;
  tax_category: string;
}

export interface MenuItemTable extends MasterRecordColumns {
  name: string;
  category: string | null;
  price_fen: number | null;
  sellable: DbBoolean;
  tax_category: string;
  recipe_yield: number;
}

export interface MenuItemComponentTable {
  menu_item_code: string;
  /** The line's place in the recipe, from 0. */
  position: number;
  component_type: string;
  component_code: string;
  quantity: number;
  unit: string | null;
  base_quantity: number;
  loss_rate: number;
}

export interface SupplierTable extends MasterRecordColumns {
  name: string;
  uscc: string | null;
  contact_name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  payment_terms_days: number | null;
  bank_name: string | null;
  bank_account: string | null;
}

export interface EmployeeTable extends MasterRecordColumns {
  name: string;
  role: string;
  store_code: string | null;
  hourly_cost_fen: number | null;
  /** JSON array of `{skill, level}`. */
  skills: string;
  phone: string | null;
  home_latitude: number | null;
  home_longitude: number | null;
  hired_on: string | null;
  left_on: string | null;
}

export interface AssetTable extends MasterRecordColumns {
  store_code: string;
  category: string;
  name: string;
  model: string | null;
  manufacturer: string | null;
  serial_number: string | null;
  installed_on: string | null;
  warranty_end: string | null;
  purchase_cost_fen: number | null;
  status: string;
}

export interface Database {
  api_tokens: ApiTokenTable;
  idempotency_keys: IdempotencyKeyTable;
  audit_events: AuditEventTable;
  regions: RegionTable;
  stores: StoreTable;
  items: ItemTable;
  menu_items: MenuItemTable;
  menu_item_components: MenuItemComponentTable;
  suppliers: SupplierTable;
  employees: EmployeeTable;
  assets: AssetTable;
}
