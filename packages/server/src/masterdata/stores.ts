import type { components } from '@boh/sdk/types';
import type { FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { checkDateOrder, checkReferences, isTimeZone } from './checks.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';

type Store = components['schemas']['Store'];

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const EDITABLE = [
  'name', 'brand', 'region_code', 'city', 'address', 'phone', 'latitude', 'longitude', 'area_m2', 'seats',
  'timezone', 'day_end_cutoff', 'opened_on', 'closed_on', 'lifecycle_stage',
] as const;

export const stores: MasterResource<Store> = {
  resource: 'store',
  table: 'stores',
  toApi: (row) => ({
    code: row.code,
    name: row.name,
    brand: row.brand ?? null,
    region_code: row.region_code ?? null,
    city: row.city ?? null,
    address: row.address ?? null,
    phone: row.phone ?? null,
    latitude: row.latitude ?? null,
    longitude: row.longitude ?? null,
    area_m2: row.area_m2 ?? null,
    seats: row.seats ?? null,
    timezone: row.timezone,
    day_end_cutoff: row.day_end_cutoff,
    lifecycle_stage: row.lifecycle_stage,
    opened_on: row.opened_on ?? null,
    closed_on: row.closed_on ?? null,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => pick(fields, EDITABLE),
  defaults: {
    brand: null, region_code: null, city: null, address: null, phone: null, latitude: null, longitude: null,
    area_m2: null, seats: null, timezone: DEFAULT_TIMEZONE, day_end_cutoff: '00:00', lifecycle_stage: 'operating',
    opened_on: null, closed_on: null,
  },
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    city: { column: 'city', text: true, nullable: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => {
    let q = query;
    for (const column of ['region_code', 'city', 'brand', 'lifecycle_stage']) {
      if (params[column] !== undefined) q = q.where(column, '=', params[column]);
    }
    return q;
  },
  storeColumn: 'code',
  check: async (db, record, existing) => {
    const issues: FieldIssue[] = [];
    if (!isTimeZone(record.timezone)) {
      issues.push({ field: 'body.timezone', code: 'invalid_timezone', params: { value: record.timezone }, value: record.timezone });
    }
    issues.push(...checkDateOrder({ field: 'opened_on', value: record.opened_on }, { field: 'closed_on', value: record.closed_on }));
    issues.push(...(await checkReferences(db, [{ field: 'region_code', value: record.region_code, table: 'regions', resource: 'region', previous: existing?.region_code }])));
    return issues;
  },
};

const listStores: Handler<'listStores'> = async (c) => ({ status: 200, body: await listRecords(stores, callerOf(c), c.query) });
const getStore: Handler<'getStore'> = async (c) => getRecord(stores, callerOf(c), c.params.code);
const createStore: Handler<'createStore'> = async (c) => createRecord(stores, callerOf(c), c.body);
const updateStore: Handler<'updateStore'> = async (c) =>
  updateRecord(stores, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateStore: Handler<'deactivateStore'> = async (c) =>
  updateRecord(stores, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const storeHandlers = { listStores, getStore, createStore, updateStore, deactivateStore };
