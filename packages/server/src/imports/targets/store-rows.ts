import { canAccessStore } from '../../auth/roles.js';
import { chunks } from '../../ledger/journal.js';
import type { ImportContext, ImportMode, ImportRow, RowIssue } from '../target.js';

// Shared steps of the targets whose rows each name a store in `store_code` (opening stock,
// labour hours, footfall): checking the store, reading stored records store by store, and
// applying the import mode to a row keyed by store and date.

// Values named in one `in (…)` list, well under the bind-parameter limits of SQLite and PostgreSQL.
const VALUES_PER_QUERY = 1000;

/** Read which of the rows' store codes exist. */
export async function knownStores(context: ImportContext, rows: readonly ImportRow[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const chunk of chunks([...new Set(rows.map((row) => row.fields.store_code as string))], VALUES_PER_QUERY)) {
    const found = await context.db.selectFrom('stores').select('code').where('code', 'in', chunk).execute();
    for (const store of found) known.add(store.code as string);
  }
  return known;
}

/** Return the issues of a row's store: it does not exist, or the importing token may not write to it. */
export function storeIssues(context: ImportContext, known: { has(code: string): boolean }, storeCode: string): RowIssue[] {
  if (!known.has(storeCode)) return [{ field: 'store_code', code: 'reference_not_found', params: { resource: 'store', value: storeCode }, value: storeCode }];
  if (!canAccessStore(context.principal, storeCode)) {
    return [{ field: 'store_code', code: 'store_out_of_scope', params: { allowed: context.principal.storeCodes, store_code: storeCode }, value: storeCode }];
  }
  return [];
}

/**
 * Read the stored records of the rows' stores: `read` is called once per store and chunk of the
 * distinct values the rows give in `field` (business dates, item codes), and the records it
 * returns are collected in call order.
 */
export async function readByStore<T>(rows: readonly ImportRow[], field: string, read: (storeCode: string, values: string[]) => Promise<T[]>): Promise<T[]> {
  const valuesByStore = new Map<string, Set<string>>();
  for (const row of rows) {
    const storeCode = row.fields.store_code as string;
    let values = valuesByStore.get(storeCode);
    if (!values) valuesByStore.set(storeCode, (values = new Set()));
    values.add(row.fields[field] as string);
  }

  const records: T[] = [];
  for (const [storeCode, values] of valuesByStore) {
    for (const chunk of chunks([...values], VALUES_PER_QUERY)) records.push(...(await read(storeCode, chunk)));
  }
  return records;
}

/**
 * Return the issue of a changed row that the import's mode does not allow, or undefined. An
 * insert import never changes a stored record and an update import never creates one.
 * `fields` names the values that differ from the stored record.
 */
export function modeIssue(mode: ImportMode, stored: boolean, key: string, fields: readonly string[]): RowIssue | undefined {
  if (stored && mode === 'insert') return { field: null, code: 'import_record_exists', params: { key, fields } };
  if (!stored && mode === 'update') return { field: null, code: 'import_record_missing', params: { key } };
  return undefined;
}
