import { sql, type Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { DialectName } from '../db/connect.js';
import type { Database, StoreTable } from '../db/schema.js';
import { sortExpression } from '../masterdata/sorting.js';
import { addDays, addYears, daysBetween, overlapDays } from './dates.js';
import { initialPeriod } from './periods.js';

export type StoreCohort = components['schemas']['StoreCohort'];
export type StoreLifecycleContext = components['schemas']['StoreLifecycleContext'];

export interface LifecycleContextQuery {
  /** First and last day of the reporting period, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Only these stores (a store manager's); all stores when absent. */
  storeCodes?: readonly string[];
  regionCode?: string;
  cohort?: StoreCohort;
  /** Keyset paging: stores whose code sorts after this one. */
  afterCode?: string;
  limit?: number;
}

/**
 * Classify a store for a period. Comparable (同店) stores opened at least a full year before the
 * period began (on or before the same date a year earlier) and had not closed by its end. New
 * stores opened later but by the period's last day. not_open stores had not opened by then, and
 * closed stores closed on or before the period's last day.
 */
export function cohortOf(store: { opened_on: string | null; closed_on: string | null }, from: string, to: string): StoreCohort {
  if (!store.opened_on || store.opened_on > to) return 'not_open';
  if (store.closed_on && store.closed_on <= to) return 'closed';
  return store.opened_on <= addYears(from, -1) ? 'comparable' : 'new';
}

/**
 * Load the lifecycle context of stores for a reporting period, ordered by code: days since opening
 * (up to the period's last day), cohort, and the days of the period the store was open and was
 * renovating. The report engine calls this to split store KPIs into comparable and new stores.
 */
export async function loadStoreLifecycleContext(
  db: Kysely<Database>,
  dialect: DialectName,
  query: LifecycleContextQuery,
): Promise<StoreLifecycleContext[]> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const codeOrder = sortExpression(dialect, { column: 'code', text: true });
  const results: StoreLifecycleContext[] = [];
  let after = query.afterCode;

  // Stores are read in chunks, because the cohort filter can only be applied once a store's
  // dates are known.
  for (;;) {
    let select = db.selectFrom('stores').selectAll();
    if (query.storeCodes) select = query.storeCodes.length > 0 ? select.where('code', 'in', query.storeCodes) : select.where(sql<boolean>`1 = 0`);
    if (query.regionCode) select = select.where('region_code', '=', query.regionCode);
    if (after !== undefined) select = select.where(sql<boolean>`${codeOrder} > ${after}`);
    const chunk = await select.orderBy(codeOrder).limit(500).execute();
    if (chunk.length === 0) return results;

    const renovating = await renovatingDays(db, chunk, query.from, query.to);
    for (const store of chunk) {
      const context = contextOf(store, query.from, query.to, renovating.get(store.code) ?? 0);
      if (query.cohort && context.cohort !== query.cohort) continue;
      results.push(context);
      if (results.length >= limit) return results;
    }
    after = chunk.at(-1)!.code;
  }
}

function contextOf(store: StoreTable, from: string, to: string, renovatingDaysInPeriod: number): StoreLifecycleContext {
  const opened = store.opened_on && store.opened_on <= to ? store.opened_on : null;
  const lastTradingDay = store.closed_on ? addDays(store.closed_on, -1) : to;
  return {
    store_code: store.code,
    name: store.name,
    region_code: store.region_code ?? null,
    stage: store.lifecycle_stage as StoreLifecycleContext['stage'],
    opened_on: store.opened_on ?? null,
    closed_on: store.closed_on ?? null,
    days_since_opening: opened ? daysBetween(opened, to) : null,
    cohort: cohortOf(store, from, to),
    open_days_in_period: opened ? overlapDays(opened, lastTradingDay, from, to) : 0,
    renovating_days_in_period: renovatingDaysInPeriod,
  };
}

/** Days of [from, to] each store spent renovating, from its recorded stays or its initial one. */
async function renovatingDays(db: Kysely<Database>, stores: StoreTable[], from: string, to: string): Promise<Map<string, number>> {
  const days = new Map<string, number>();
  const codes = stores.map((store) => store.code);
  const rows = await db
    .selectFrom('store_stage_periods')
    .select(['store_code', 'started_on', 'ended_on'])
    .where('store_code', 'in', codes)
    .where('stage', '=', 'renovating')
    .where('started_on', '<=', to)
    .execute();
  for (const row of rows) {
    const end = row.ended_on ? addDays(row.ended_on, -1) : to;
    days.set(row.store_code, (days.get(row.store_code) ?? 0) + overlapDays(row.started_on, end, from, to));
  }

  const recorded = new Set((await db.selectFrom('store_stage_periods').select('store_code').distinct().where('store_code', 'in', codes).execute()).map((r) => r.store_code));
  for (const store of stores) {
    if (store.lifecycle_stage !== 'renovating' || recorded.has(store.code)) continue;
    days.set(store.code, overlapDays(initialPeriod(store).started_on, to, from, to));
  }
  return days;
}
