import { canAccessStore } from '../../auth/roles.js';
import { bulkUpsert } from '../../db/bulk-insert.js';
import { chunks } from '../../ledger/journal.js';
import type { LabourHoursTable } from '../../reports/tables.js';
import { operationRoles, validateFields } from '../row-schema.js';
import type { BatchPlan, ImportContext, ImportRow, ImportTarget, RowIssue, RowResult } from '../target.js';

type LabourRow = LabourHoursTable;

interface LabourPlan extends BatchPlan {
  writes: LabourRow[];
}

/**
 * Import labour hours (工时) per store, business date and role, for sales per labour hour (人效)
 * and labour cost, with the rules of `POST /labour-hours`. A row for a stored store, date and
 * role replaces it (`updated`), or is `unchanged` when hours and cost are the same. An insert
 * import rejects a row whose entry exists with other values, and an update import a new one.
 */
export function labourHoursTarget(unitSize: number): ImportTarget<LabourPlan> {
  return {
    resource: 'labour_hours',
    roles: operationRoles('recordLabourHours') as ImportTarget['roles'],
    matchableFields: new Set(),
    unitSize,
    tables: ['labour_hours'],
    keyOf: (row) => keyOf(row.fields.store_code, row.fields.business_date, row.fields.role),

    validate(rows) {
      return rows.map((row) => validateFields('LabourHoursEntry', row.fields, new Set()));
    },

    async plan(context, rows) {
      const stores = await knownStores(context, rows);
      const stored = await storedEntries(context, rows);
      const writes = new Map<string, LabourRow>();
      const results = rows.map((row): RowResult => {
        const issues = storeIssues(context, stores, row.fields.store_code as string);
        const key = keyOf(row.fields.store_code, row.fields.business_date, row.fields.role);
        if (issues.length > 0) return { line: row.line, outcome: 'rejected', key, issues };

        const next = toRow(row, context.now);
        const before = writes.get(key) ?? stored.get(key);
        const same = before !== undefined && before.hours_milli === next.hours_milli && before.cost_fen === next.cost_fen;
        if (same) return { line: row.line, outcome: 'unchanged', key };
        if (before !== undefined && context.mode === 'insert') {
          return { line: row.line, outcome: 'rejected', key, issues: [{ field: null, code: 'import_record_exists', params: { key, fields: ['hours', 'cost_fen'] } }] };
        }
        if (before === undefined && context.mode === 'update') {
          return { line: row.line, outcome: 'rejected', key, issues: [{ field: null, code: 'import_record_missing', params: { key } }] };
        }
        writes.set(key, next);
        return { line: row.line, outcome: before === undefined ? 'created' : 'updated', key };
      });
      return { results, writes: [...writes.values()].sort((a, b) => compare(keyOf(a.store_code, a.business_date, a.role), keyOf(b.store_code, b.business_date, b.role))) };
    },

    async apply(context, plan) {
      await bulkUpsert({ db: context.db, dialect: context.dialect }, 'labour_hours', plan.writes as unknown as Record<string, unknown>[], ['store_code', 'business_date', 'role'], 'replace');
    },
  };
}

function toRow(row: ImportRow, now: string): LabourRow {
  return {
    store_code: row.fields.store_code as string,
    business_date: row.fields.business_date as string,
    role: row.fields.role as string,
    hours_milli: Math.round((row.fields.hours as number) * 1000),
    cost_fen: row.fields.cost_fen as number,
    updated_at: now,
  };
}

function storeIssues(context: ImportContext, stores: Set<string>, storeCode: string): RowIssue[] {
  if (!stores.has(storeCode)) return [{ field: 'store_code', code: 'reference_not_found', params: { resource: 'store', value: storeCode }, value: storeCode }];
  if (!canAccessStore(context.principal, storeCode)) {
    return [{ field: 'store_code', code: 'store_out_of_scope', params: { allowed: context.principal.storeCodes, store_code: storeCode }, value: storeCode }];
  }
  return [];
}

async function knownStores(context: ImportContext, rows: readonly ImportRow[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const chunk of chunks([...new Set(rows.map((row) => row.fields.store_code as string))], 1000)) {
    const found = await context.db.selectFrom('stores').select('code').where('code', 'in', chunk).execute();
    for (const store of found) known.add(store.code);
  }
  return known;
}

/** Read the stored entries of the rows' stores and dates, by store, date and role. */
async function storedEntries(context: ImportContext, rows: readonly ImportRow[]): Promise<Map<string, LabourRow>> {
  const datesByStore = new Map<string, Set<string>>();
  for (const row of rows) {
    const storeCode = row.fields.store_code as string;
    let dates = datesByStore.get(storeCode);
    if (!dates) datesByStore.set(storeCode, (dates = new Set()));
    dates.add(row.fields.business_date as string);
  }

  const entries = new Map<string, LabourRow>();
  for (const [storeCode, dates] of datesByStore) {
    for (const chunk of chunks([...dates], 1000)) {
      const found = await context.db.selectFrom('labour_hours').selectAll().where('store_code', '=', storeCode).where('business_date', 'in', chunk).execute();
      for (const entry of found) {
        const stored = { store_code: entry.store_code, business_date: entry.business_date, role: entry.role, hours_milli: Number(entry.hours_milli), cost_fen: Number(entry.cost_fen), updated_at: String(entry.updated_at) };
        entries.set(keyOf(entry.store_code, entry.business_date, entry.role), stored);
      }
    }
  }
  return entries;
}

function keyOf(storeCode: unknown, date: unknown, role: unknown): string {
  return `${String(storeCode ?? '')}/${String(date ?? '')}/${String(role ?? '')}`;
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
