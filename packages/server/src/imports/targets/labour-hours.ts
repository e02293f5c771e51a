import { bulkUpsert } from '../../db/bulk-insert.js';
import type { LabourHoursTable } from '../../reports/tables.js';
import { operationRoles, validateFields } from '../row-schema.js';
import type { BatchPlan, ImportContext, ImportRow, ImportTarget, RowResult } from '../target.js';
import { knownStores, modeIssue, readByStore, storeIssues } from './store-rows.js';

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
        const modeProblem = modeIssue(context.mode, before !== undefined, key, ['hours', 'cost_fen']);
        if (modeProblem) return { line: row.line, outcome: 'rejected', key, issues: [modeProblem] };
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

/** Read the stored entries of the rows' stores and dates, by store, date and role. */
async function storedEntries(context: ImportContext, rows: readonly ImportRow[]): Promise<Map<string, LabourRow>> {
  const found = await readByStore(rows, 'business_date', (storeCode, dates) =>
    context.db.selectFrom('labour_hours').selectAll().where('store_code', '=', storeCode).where('business_date', 'in', dates).execute(),
  );
  const entries = new Map<string, LabourRow>();
  for (const entry of found) {
    const stored = { store_code: entry.store_code, business_date: entry.business_date, role: entry.role, hours_milli: Number(entry.hours_milli), cost_fen: Number(entry.cost_fen), updated_at: String(entry.updated_at) };
    entries.set(keyOf(entry.store_code, entry.business_date, entry.role), stored);
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
