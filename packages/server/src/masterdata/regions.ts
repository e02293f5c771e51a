import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { checkReferences } from './checks.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';

type Region = components['schemas']['Region'];

export const regions: MasterResource<Region> = {
  resource: 'region',
  table: 'regions',
  toApi: (row) => ({
    code: row.code,
    name: row.name,
    parent_code: row.parent_code ?? null,
    manager_name: row.manager_name ?? null,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => pick(fields, ['name', 'parent_code', 'manager_name']),
  defaults: { parent_code: null, manager_name: null },
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => (params.parent_code ? query.where('parent_code', '=', params.parent_code) : query),
  check: async (db, record, existing) => [
    ...(await checkReferences(db, [{ field: 'parent_code', value: record.parent_code, table: 'regions', resource: 'region', previous: existing?.parent_code }])),
    ...(await checkCycle(db, record)),
  ],
};

/** Reject a parent that is the region itself or one of its descendants. */
async function checkCycle(db: Kysely<any>, record: Region): Promise<FieldIssue[]> {
  const seen = new Set<string>([record.code]);
  let current = record.parent_code;
  while (current) {
    if (seen.has(current)) {
      return [{ field: 'body.parent_code', code: 'cycle', params: { value: record.code }, value: record.parent_code }];
    }
    seen.add(current);
    const parent = await db.selectFrom('regions').select('parent_code').where('code', '=', current).executeTakeFirst();
    current = parent?.parent_code ?? null;
  }
  return [];
}

const listRegions: Handler<'listRegions'> = async (c) => ({ status: 200, body: await listRecords(regions, callerOf(c), c.query) });
const getRegion: Handler<'getRegion'> = async (c) => getRecord(regions, callerOf(c), c.params.code);
const createRegion: Handler<'createRegion'> = async (c) => createRecord(regions, callerOf(c), c.body);
const updateRegion: Handler<'updateRegion'> = async (c) =>
  updateRecord(regions, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateRegion: Handler<'deactivateRegion'> = async (c) =>
  updateRecord(regions, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const regionHandlers = { listRegions, getRegion, createRegion, updateRegion, deactivateRegion };
