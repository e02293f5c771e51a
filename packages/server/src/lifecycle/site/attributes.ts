import type { Kysely, Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import { diffRecords, recordChange, type Actor } from '../../audit/record.js';
import type { Database } from '../../db/schema.js';
import { ApiError } from '../../http/api-error.js';
import { assertVersion, etagOf, parseIfMatch } from '../../http/etag.js';
import type { Handler } from '../../http/handler.js';
import { loadStore } from '../store-access.js';
import type { StoreSiteAttributesTable } from '../tables.js';

export type SiteAttributes = components['schemas']['SiteAttributes'];
type AttributeFields = components['schemas']['SiteAttributeFields'];

export const ATTRIBUTE_FIELDS = ['rent_fen_per_m2_month', 'footfall_daily', 'nearby_population', 'competitors_500m', 'surveyed_on', 'source', 'note'] as const;

export function attributesToApi(row: Selectable<StoreSiteAttributesTable>): SiteAttributes {
  return {
    store_code: row.store_code,
    rent_fen_per_m2_month: row.rent_fen_per_m2_month === null ? null : Number(row.rent_fen_per_m2_month),
    footfall_daily: row.footfall_daily ?? null,
    nearby_population: row.nearby_population ?? null,
    competitors_500m: row.competitors_500m ?? null,
    surveyed_on: row.surveyed_on ?? null,
    source: row.source ?? null,
    note: row.note ?? null,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Copy every attribute field of `input`, absent ones as null, because a PUT replaces the record. */
function completeFields(input: AttributeFields): Record<(typeof ATTRIBUTE_FIELDS)[number], unknown> {
  return Object.fromEntries(ATTRIBUTE_FIELDS.map((field) => [field, input[field] ?? null])) as Record<(typeof ATTRIBUTE_FIELDS)[number], unknown>;
}

/**
 * Replace a store's site attributes and write the change to the store's audit history as
 * `site_attributes`, with each changed field prefixed `site.`. Unchanged values keep the version.
 */
export async function writeSiteAttributes(
  db: Kysely<Database>,
  storeCode: string,
  input: AttributeFields,
  actor: Actor,
  expected: number | 'any' | undefined,
): Promise<SiteAttributes> {
  const existing = await db.selectFrom('store_site_attributes').selectAll().where('store_code', '=', storeCode).executeTakeFirst();
  assertVersion(expected, existing?.version ?? 0, 'site_attributes', storeCode);

  const fields = completeFields(input);
  const before = existing ? completeFields(attributesToApi(existing)) : null;
  const changes = diffRecords(before, fields).map((change) => ({ ...change, field: `site.${change.field}` }));
  if (existing && changes.length === 0) return attributesToApi(existing);

  const at = new Date().toISOString();
  const values = fields as Omit<StoreSiteAttributesTable, 'store_code' | 'version' | 'created_at' | 'updated_at'>;
  if (existing) {
    await db.updateTable('store_site_attributes').set({ ...values, version: existing.version + 1, updated_at: at }).where('store_code', '=', storeCode).execute();
  } else {
    await db.insertInto('store_site_attributes').values({ store_code: storeCode, ...values, version: 1, created_at: at, updated_at: at }).execute();
  }
  await recordChange(db, { resource: 'store', key: storeCode, action: 'site_attributes', actor, changes, at });
  const row = await db.selectFrom('store_site_attributes').selectAll().where('store_code', '=', storeCode).executeTakeFirstOrThrow();
  return attributesToApi(row);
}

const getStoreSiteAttributes: Handler<'getStoreSiteAttributes'> = async (c) => {
  await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const row = await c.db.selectFrom('store_site_attributes').selectAll().where('store_code', '=', c.params.code).executeTakeFirst();
  if (!row) throw new ApiError(404, 'site_attributes_not_found', { store_code: c.params.code });
  return { status: 200, body: attributesToApi(row), headers: { ETag: etagOf(row.version) } };
};

const putStoreSiteAttributes: Handler<'putStoreSiteAttributes'> = async (c) => {
  const expected = parseIfMatch(c.headers['if-match']);
  await loadStore(c.db, c.database.dialect, c.principal, c.params.code, true);
  const attributes = await writeSiteAttributes(c.db, c.params.code, c.body, c.actor, expected);
  return { status: 200, body: attributes, headers: { ETag: etagOf(attributes.version) } };
};

export const attributeHandlers = { getStoreSiteAttributes, putStoreSiteAttributes };
