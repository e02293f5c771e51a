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

export interface Database {
  api_tokens: ApiTokenTable;
  idempotency_keys: IdempotencyKeyTable;
  audit_events: AuditEventTable;
  regions: RegionTable;
  stores: StoreTable;
}
