import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { canAccessStore, type Principal } from '../auth/roles.js';
import { diffRecords, recordChange, type Actor } from '../audit/record.js';
import type { DialectName } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { ApiError, notFound, validationError, type FieldIssue } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import { afterPosition, parseSort, sortExpression, type SortColumn } from './sorting.js';

type Row = Record<string, any>;
type Fields = Record<string, unknown>;

/** How one kind of master data is stored, shown and checked. */
export interface MasterResource<Api extends { code: string }> {
  /** The name in audit events and messages: `store`. */
  resource: string;
  table: string;
  toApi(row: Row): Api;
  /** Map API fields (only those present) to column values. */
  toColumns(fields: Fields): Row;
  /** Column values of a new record for fields the request left out; a function gets the request's fields. */
  defaults: Row | ((input: Fields) => Row);
  sorts: Record<string, SortColumn>;
  /** Apply the resource's own list filters. */
  filter(query: SelectQueryBuilder<any, any, any>, params: Fields): SelectQueryBuilder<any, any, any>;
  /** The column with the store a record belongs to, for store_manager scoping. */
  storeColumn?: string;
  /**
   * Business checks beyond the schema: references, check digits, date order. `db` is the
   * transaction of the write.
   */
  check?(db: Kysely<any>, record: Api, existing: Api | undefined, dialect: DialectName): Promise<FieldIssue[]>;
  /** Lists kept in tables of their own, read and written with the record. */
  children?: ChildList[];
  /**
   * Fill in fields the server derives from other records, such as a recipe line's quantity in
   * base units. Runs before the checks, so it must leave a field it cannot derive for them to report.
   */
  complete?(db: Kysely<any>, record: Api): Promise<Api>;
}

/** A list of a record stored in a child table, such as the components of a recipe. */
export interface ChildList {
  /** The API field that contains the list. */
  field: string;
  /** Read the lists of the records with these codes, in the API's shape; a record without lines maps to []. */
  load(db: Kysely<any>, codes: readonly string[]): Promise<Map<string, unknown[]>>;
  /** Replace the list of one record. Runs in the transaction of the write. */
  save(db: Kysely<any>, code: string, list: unknown[]): Promise<void>;
}

export interface ListParams extends Fields {
  limit?: number;
  cursor?: string;
  sort?: string;
  active?: boolean;
  q?: string;
  updated_since?: string;
}

export interface Caller {
  db: Kysely<any>;
  dialect: DialectName;
  principal: Principal;
  actor: Actor;
}

/** List one page of records with the common filters, the resource's filters and keyset paging. */
export async function listRecords<Api extends { code: string }>(
  definition: MasterResource<Api>,
  caller: Caller,
  params: ListParams,
): Promise<{ data: Api[]; next_cursor: string | null }> {
  const limit = params.limit ?? 50;
  const sortName = params.sort ?? 'code';
  const { name, descending } = parseSort(sortName);
  const sort = definition.sorts[name] ?? { column: 'code', text: true };
  const sortExpr = sortExpression(caller.dialect, sort);
  const keyExpr = sortExpression(caller.dialect, { column: 'code', text: true });

  let query = caller.db.selectFrom(definition.table).selectAll();
  if (params.active !== undefined) query = query.where('active', '=', params.active);
  if (params.updated_since) query = query.where('updated_at', '>=', params.updated_since);
  if (params.q) {
    const pattern = `%${params.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(code)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (definition.storeColumn && caller.principal.role === 'store_manager') {
    const stores = caller.principal.storeCodes;
    query = stores.length > 0 ? query.where(definition.storeColumn, 'in', stores) : query.where(sql<boolean>`1 = 0`);
  }
  query = definition.filter(query, params);

  if (params.cursor) {
    const position = decodeCursor(params.cursor, sortName);
    query = query.where(afterPosition(sortExpr, keyExpr, position.value, position.key, descending));
  }

  const direction = descending ? 'desc' : 'asc';
  const rows = await query.orderBy(sortExpr, direction).orderBy(keyExpr, direction).limit(limit + 1).execute();

  const page = await withChildren(caller.db, definition, rows.slice(0, limit));
  const last = page.at(-1);
  const next =
    rows.length > limit && last
      ? encodeCursor({ sort: sortName, value: sortValue(last, sort), key: last.code as string })
      : null;
  return { data: page.map((row) => definition.toApi(row)), next_cursor: next };
}

function sortValue(row: Row, sort: SortColumn): string | number | null {
  const value = row[sort.column];
  if (sort.nullable && (value === null || value === undefined)) return '';
  return value as string | number | null;
}

/** Read one record, or 404; store managers get 403 for another store's record. */
export async function getRecord<Api extends { code: string }>(
  definition: MasterResource<Api>,
  caller: Caller,
  code: string,
): Promise<{ status: 200; body: Api; headers: Record<string, string> }> {
  const row = await findRow(caller, definition, code);
  if (!row) throw notFound(definition.resource, code);
  assertStoreAccess(definition, caller.principal, row);
  const [withLists] = await withChildren(caller.db, definition, [row]);
  return { status: 200, body: definition.toApi(withLists!), headers: { ETag: etagOf(row.version) } };
}

/** Create a record after the schema's and the resource's checks; 409 when the code is taken. */
export async function createRecord<Api extends { code: string }>(
  definition: MasterResource<Api>,
  caller: Caller,
  input: Fields & { code: string },
): Promise<{ status: 201; body: Api; headers: Record<string, string> }> {
  const now = new Date().toISOString();
  const defaults = typeof definition.defaults === 'function' ? definition.defaults(input) : definition.defaults;
  const row: Row = {
    ...defaults,
    ...definition.toColumns(input),
    code: input.code,
    active: true,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  assertStoreAccess(definition, caller.principal, row);

  if (await findRow(caller, definition, input.code)) {
    throw new ApiError(409, 'already_exists', { resource: definition.resource, key: input.code });
  }
  const record = await completeRecord(definition, caller.db, definition.toApi(row));
  await runChecks(definition, caller, record, undefined);

  try {
    await caller.db.insertInto(definition.table).values(withoutChildren(definition, row)).execute();
  } catch (error) {
    if (isUniqueViolation(error, definition.table)) {
      throw new ApiError(409, 'already_exists', { resource: definition.resource, key: input.code });
    }
    throw error;
  }
  await saveChildren(caller.db, definition, input.code, record, undefined);
  await recordChange(caller.db, {
    resource: definition.resource,
    key: input.code,
    action: 'create',
    actor: caller.actor,
    changes: diffRecords(null, record as Fields),
    at: now,
  });
  return { status: 201, body: record, headers: { ETag: etagOf(1) } };
}

/**
 * Apply a partial update. With If-Match, a record changed since that version is rejected with
 * 412. A change that alters nothing returns the record as it is, without a new version.
 */
export async function updateRecord<Api extends { code: string }>(
  definition: MasterResource<Api>,
  caller: Caller,
  code: string,
  changes: Fields,
  ifMatch: string | undefined,
  action = 'update',
): Promise<{ status: 200; body: Api; headers: Record<string, string> }> {
  const expected = parseIfMatch(ifMatch);
  const found = await findRow(caller, definition, code, true);
  if (!found) throw notFound(definition.resource, code);
  const [row] = (await withChildren(caller.db, definition, [found])) as [Row];
  assertStoreAccess(definition, caller.principal, row);
  assertVersion(expected, row.version, definition.resource, code);

  const before = definition.toApi(row);
  const columnChanges = { ...definition.toColumns(changes), ...('active' in changes ? { active: changes.active } : {}) };
  const updatedColumns = { ...row, ...columnChanges };
  assertStoreAccess(definition, caller.principal, updatedColumns);
  const after = await completeRecord(definition, caller.db, definition.toApi(updatedColumns));
  const fieldChanges = diffRecords(before as Fields, after as Fields);
  if (fieldChanges.length === 0) {
    return { status: 200, body: before, headers: { ETag: etagOf(row.version) } };
  }
  await runChecks(definition, caller, after, before);

  const now = new Date().toISOString();
  const version = row.version + 1;
  const result = await caller.db
    .updateTable(definition.table)
    .set({ ...withoutChildren(definition, columnChanges), version, updated_at: now })
    .where('code', '=', code)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    // Another writer got in between the read and the write; on PostgreSQL the row lock makes
    // this unreachable, on SQLite the single writer does.
    throw new ApiError(412, 'precondition_failed', { resource: definition.resource, key: code, current: 'unknown', expected: row.version });
  }

  await saveChildren(caller.db, definition, code, after, before);
  await recordChange(caller.db, { resource: definition.resource, key: code, action, actor: caller.actor, changes: fieldChanges, at: now });
  const body = { ...after, version, updated_at: now };
  return { status: 200, body, headers: { ETag: etagOf(version) } };
}

async function findRow(caller: Caller, definition: MasterResource<any>, code: string, lock = false): Promise<Row | undefined> {
  let query = caller.db.selectFrom(definition.table).selectAll().where('code', '=', code);
  // SELECT … FOR UPDATE holds the row until the transaction ends; SQLite has no such clause and
  // needs none, because it runs one write transaction at a time.
  if (lock && caller.dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

function assertStoreAccess(definition: MasterResource<any>, principal: Principal, row: Row): void {
  if (!definition.storeColumn) return;
  const storeCode = row[definition.storeColumn] as string | null;
  if (!canAccessStore(principal, storeCode)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: principal.storeCodes, store_code: storeCode ?? '' });
  }
}

async function runChecks<Api extends { code: string }>(
  definition: MasterResource<Api>,
  caller: Caller,
  record: Api,
  existing: Api | undefined,
): Promise<void> {
  const issues = definition.check ? await definition.check(caller.db, record, existing, caller.dialect) : [];
  if (issues.length > 0) throw validationError(issues);
}

async function completeRecord<Api extends { code: string }>(definition: MasterResource<Api>, db: Kysely<any>, record: Api): Promise<Api> {
  return definition.complete ? definition.complete(db, record) : record;
}

/** Add each child list to its rows, under the list's API field. */
async function withChildren(db: Kysely<any>, definition: MasterResource<any>, rows: Row[]): Promise<Row[]> {
  if (!definition.children || rows.length === 0) return rows;
  const codes = rows.map((row) => row.code as string);
  const result = rows.map((row) => ({ ...row }));
  for (const child of definition.children) {
    const lists = await child.load(db, codes);
    for (const row of result) row[child.field] = lists.get(row.code) ?? [];
  }
  return result;
}

/** Copy the row without the child lists, which have no columns. */
function withoutChildren(definition: MasterResource<any>, row: Row): Row {
  if (!definition.children) return row;
  const columns = { ...row };
  for (const child of definition.children) delete columns[child.field];
  return columns;
}

/** Write the child lists that are new or differ from `before`. */
async function saveChildren(db: Kysely<any>, definition: MasterResource<any>, code: string, record: Fields, before: Fields | undefined): Promise<void> {
  for (const child of definition.children ?? []) {
    const list = (record[child.field] ?? []) as unknown[];
    if (before && JSON.stringify(before[child.field] ?? []) === JSON.stringify(list)) continue;
    await child.save(db, code, list);
  }
}

/** The caller of a handler in the shape the record functions take. */
export function callerOf(context: { db: Kysely<any>; database: { dialect: DialectName }; principal: Principal; actor: Actor }): Caller {
  return { db: context.db, dialect: context.database.dialect, principal: context.principal, actor: context.actor };
}

/** Copy the named fields that are present; absent fields stay absent so updates are partial. */
export function pick(fields: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  // A plain loop, because an import calls this for every row and the array methods cost several times more.
  const picked: Record<string, unknown> = {};
  for (const name of names) if (name in fields) picked[name] = fields[name];
  return picked;
}
