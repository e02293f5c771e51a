import type { components } from '@boh/sdk/types';
import type { Handler } from '../http/handler.js';
import { checkDateOrder, checkReferences } from './checks.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';

type Asset = components['schemas']['Asset'];

const EDITABLE = [
  'store_code', 'category', 'name', 'model', 'manufacturer', 'serial_number', 'installed_on', 'warranty_end', 'purchase_cost_fen', 'status',
] as const;

export const assets: MasterResource<Asset> = {
  resource: 'asset',
  table: 'assets',
  toApi: (row) => ({
    code: row.code,
    store_code: row.store_code,
    category: row.category,
    name: row.name,
    model: row.model ?? null,
    manufacturer: row.manufacturer ?? null,
    serial_number: row.serial_number ?? null,
    installed_on: row.installed_on ?? null,
    warranty_end: row.warranty_end ?? null,
    purchase_cost_fen: row.purchase_cost_fen ?? null,
    status: row.status,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => pick(fields, EDITABLE),
  defaults: {
    model: null, manufacturer: null, serial_number: null, installed_on: null, warranty_end: null, purchase_cost_fen: null,
    status: 'in_service',
  },
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    store_code: { column: 'store_code', text: true },
    category: { column: 'category', text: true },
    status: { column: 'status', text: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => {
    let q = query;
    for (const column of ['store_code', 'category', 'status']) {
      if (params[column] !== undefined) q = q.where(column, '=', params[column]);
    }
    return q;
  },
  storeColumn: 'store_code',
  check: async (db, record, existing) => [
    ...checkDateOrder({ field: 'installed_on', value: record.installed_on }, { field: 'warranty_end', value: record.warranty_end }),
    ...(await checkReferences(db, [{ field: 'store_code', value: record.store_code, table: 'stores', resource: 'store', previous: existing?.store_code }])),
  ],
};

const listAssets: Handler<'listAssets'> = async (c) => ({ status: 200, body: await listRecords(assets, callerOf(c), c.query) });
const getAsset: Handler<'getAsset'> = async (c) => getRecord(assets, callerOf(c), c.params.code);
const createAsset: Handler<'createAsset'> = async (c) => createRecord(assets, callerOf(c), c.body);
const updateAsset: Handler<'updateAsset'> = async (c) => updateRecord(assets, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateAsset: Handler<'deactivateAsset'> = async (c) =>
  updateRecord(assets, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const assetHandlers = { listAssets, getAsset, createAsset, updateAsset, deactivateAsset };
