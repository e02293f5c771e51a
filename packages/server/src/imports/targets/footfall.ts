import { bulkUpsert } from '../../db/bulk-insert.js';
import { WHOLE_DAY } from '../../reports/footfall.js';
import type { FootfallCountTable } from '../../reports/tables.js';
import { operationRoles, validateFields } from '../row-schema.js';
import type { BatchPlan, ImportContext, ImportRow, ImportTarget, RowIssue, RowResult } from '../target.js';
import { knownStores, modeIssue, readByStore, storeIssues } from './store-rows.js';

interface FootfallPlan extends BatchPlan {
  writes: FootfallCountTable[];
}

/** The counts of one store day, visitors by hour (`WHOLE_DAY` for a whole-day count). */
type DayCounts = Map<number, number>;

/**
 * Import footfall counts (客流) per store and business date, for footfall conversion, with the
 * rules of `POST /footfall-counts`. A row with an empty hour is the whole-day count. A row for a
 * stored store, date and hour replaces it (`updated`), or is `unchanged` when the visitors are
 * the same. A store day has either one whole-day count or hourly counts, never both. So a row
 * whose kind differs from the day's stored counts, or from the file's earlier rows, is rejected.
 * An insert import rejects a row whose count exists with another value, and an update import a new one.
 */
export function footfallTarget(unitSize: number): ImportTarget<FootfallPlan> {
  return {
    resource: 'footfall',
    roles: operationRoles('recordFootfallCounts') as ImportTarget['roles'],
    matchableFields: new Set(),
    unitSize,
    tables: ['footfall_counts'],
    keyOf: (row) => keyOf(row.fields.store_code, row.fields.business_date, row.fields.hour ?? WHOLE_DAY),

    validate(rows) {
      return rows.map((row) => validateFields('FootfallCount', row.fields, new Set()));
    },

    async plan(context, rows) {
      const stores = await knownStores(context, rows);
      const days = await storedDays(context, rows);
      const writes = new Map<string, FootfallCountTable>();
      const results = rows.map((row): RowResult => {
        const next = toRow(row, context.now);
        const key = keyOf(next.store_code, next.business_date, next.hour);
        const issues = storeIssues(context, stores, next.store_code);
        if (issues.length > 0) return { line: row.line, outcome: 'rejected', key, issues };

        const dayKey = dayKeyOf(next.store_code, next.business_date);
        const day = days.get(dayKey) ?? new Map<number, number>();
        const before = day.get(next.hour);
        if (before === next.visitors) return { line: row.line, outcome: 'unchanged', key };
        const mixed = mixedDayIssue(next, day);
        if (mixed) return { line: row.line, outcome: 'rejected', key, issues: [mixed] };
        const modeProblem = modeIssue(context.mode, before !== undefined, key, ['visitors']);
        if (modeProblem) return { line: row.line, outcome: 'rejected', key, issues: [modeProblem] };

        // Later rows of the same day meet this count as stored.
        day.set(next.hour, next.visitors);
        days.set(dayKey, day);
        writes.set(key, next);
        return { line: row.line, outcome: before === undefined ? 'created' : 'updated', key };
      });
      return { results, writes: [...writes.values()].sort(compareCounts) };
    },

    async apply(context, plan) {
      await bulkUpsert({ db: context.db, dialect: context.dialect }, 'footfall_counts', plan.writes as unknown as Record<string, unknown>[], ['store_code', 'business_date', 'hour'], 'replace');
    },
  };
}

function toRow(row: ImportRow, now: string): FootfallCountTable {
  return {
    store_code: row.fields.store_code as string,
    business_date: row.fields.business_date as string,
    hour: (row.fields.hour as number | null | undefined) ?? WHOLE_DAY,
    visitors: row.fields.visitors as number,
    updated_at: now,
  };
}

/**
 * Return the issue of a count whose kind (whole-day or hourly) differs from the kind of its
 * day's counts, or undefined when the kinds agree. The issue names the day's counts and how to fix the row.
 */
function mixedDayIssue(count: FootfallCountTable, day: DayCounts): RowIssue | undefined {
  const wholeDay = day.get(WHOLE_DAY);
  const hourly = count.hour !== WHOLE_DAY;
  const value = hourly ? count.hour : null;
  if (hourly && wholeDay !== undefined) {
    return { field: 'hour', code: 'import_footfall_whole_day_stored', params: { store: count.store_code, date: count.business_date, visitors: wholeDay }, value };
  }

  const hours = [...day.entries()].filter(([hour]) => hour !== WHOLE_DAY);
  if (!hourly && hours.length > 0) {
    const visitors = hours.reduce((sum, [, visitors]) => sum + visitors, 0);
    return { field: 'hour', code: 'import_footfall_hourly_stored', params: { store: count.store_code, date: count.business_date, hours: hours.length, visitors }, value };
  }
  return undefined;
}

/** Read the stored counts of the rows' stores and dates, by store day. */
async function storedDays(context: ImportContext, rows: readonly ImportRow[]): Promise<Map<string, DayCounts>> {
  const found = await readByStore(rows, 'business_date', (storeCode, dates) =>
    context.db.selectFrom('footfall_counts').select(['store_code', 'business_date', 'hour', 'visitors']).where('store_code', '=', storeCode).where('business_date', 'in', dates).execute(),
  );
  const days = new Map<string, DayCounts>();
  for (const count of found) {
    const dayKey = dayKeyOf(count.store_code, count.business_date);
    let day = days.get(dayKey);
    if (!day) days.set(dayKey, (day = new Map()));
    day.set(Number(count.hour), Number(count.visitors));
  }
  return days;
}

function dayKeyOf(storeCode: string, date: string): string {
  return `${storeCode}\u0000${date}`;
}

/** Format the key of a count: `0001/2026-11-01` for a whole day, `0001/2026-11-01/09:00` for an hour. */
function keyOf(storeCode: unknown, date: unknown, hour: unknown): string {
  const day = `${String(storeCode ?? '')}/${String(date ?? '')}`;
  if (hour === WHOLE_DAY) return day;
  return typeof hour === 'number' ? `${day}/${String(hour).padStart(2, '0')}:00` : `${day}/${String(hour)}`;
}

function compareCounts(a: FootfallCountTable, b: FootfallCountTable): number {
  if (a.store_code !== b.store_code) return a.store_code < b.store_code ? -1 : 1;
  if (a.business_date !== b.business_date) return a.business_date < b.business_date ? -1 : 1;
  return a.hour - b.hour;
}
