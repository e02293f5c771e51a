import { sql } from 'kysely';
import { etagOf } from '../../http/etag.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Handler } from '../../http/handler.js';
import { callerOf, createRecord } from '../../masterdata/resource.js';
import { sortExpression } from '../../masterdata/sorting.js';
import { stores } from '../../masterdata/stores.js';
import { ATTRIBUTE_FIELDS, attributesToApi, writeSiteAttributes } from './attributes.js';

const STORE_FIELDS = ['code', 'name', 'brand', 'region_code', 'city', 'address', 'latitude', 'longitude', 'area_m2', 'timezone'] as const;

/** Create a store in site_selection and its site attributes in the request's one transaction. */
const createSite: Handler<'createSite'> = async (c) => {
  const storeInput = Object.fromEntries(STORE_FIELDS.filter((field) => field in c.body).map((field) => [field, c.body[field]])) as { code: string; name: string };
  const created = await createRecord(stores, callerOf(c), { ...storeInput, lifecycle_stage: 'site_selection' });
  const attributeInput = Object.fromEntries(ATTRIBUTE_FIELDS.filter((field) => field in c.body).map((field) => [field, c.body[field]]));
  const attributes = await writeSiteAttributes(c.db, created.body.code, attributeInput, c.actor, undefined);
  return { status: 201, body: { store: created.body, attributes }, headers: { ETag: etagOf(created.body.version) } };
};

/** Stores of one stage (site_selection unless asked) with their attributes, in code order. */
const listSites: Handler<'listSites'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const stage = c.query.stage ?? 'site_selection';
  const sort = `sites:${stage}`;
  const code = sortExpression(c.database.dialect, { column: 'stores.code', text: true });

  let query = c.db.selectFrom('stores').selectAll('stores').where('lifecycle_stage', '=', stage);
  if (c.query.city) query = query.where('city', '=', c.query.city);
  if (c.query.cursor) query = query.where(sql<boolean>`${code} > ${decodeCursor(c.query.cursor, sort).key}`);
  const rows = await query.orderBy(code).limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const codes = page.map((row) => row.code);
  const attributes = codes.length > 0 ? await c.db.selectFrom('store_site_attributes').selectAll().where('store_code', 'in', codes).execute() : [];
  const byStore = new Map(attributes.map((row) => [row.store_code, attributesToApi(row)]));
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort, value: null, key: last.code }) : null;
  const data = page.map((row) => ({ store: stores.toApi(row), attributes: byStore.get(row.code) ?? null }));
  return { status: 200, body: { data, next_cursor: next } };
};

export const siteHandlers = { createSite, listSites };
