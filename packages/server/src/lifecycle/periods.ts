import type { Kysely, Selectable } from 'kysely';
import type { Database, StoreTable } from '../db/schema.js';
import { businessDate } from '../time/business-date.js';
import type { Stage } from './stages.js';
import type { StoreStagePeriodTable } from './tables.js';

/** One stay of a store in a stage; `id` is null for a stay not yet written (see `initialPeriod`). */
export interface StagePeriod {
  id: number | null;
  store_code: string;
  stage: Stage;
  started_on: string;
  started_at: string;
  ended_on: string | null;
  ended_at: string | null;
  entry_transition_id: number | null;
  checklist_ready: boolean;
}

/**
 * Build the stay of a store that has no recorded stage history: its current stage since it was created,
 * or since its opening (closing) date when it was created as operating (closed). Stores created
 * through `POST /stores` or by an import start this way; the first lifecycle write records it.
 */
export function initialPeriod(store: StoreTable): StagePeriod {
  let startedOn = businessDate(new Date(store.created_at).toISOString(), store.timezone, store.day_end_cutoff);
  if (store.lifecycle_stage === 'operating' && store.opened_on) startedOn = store.opened_on;
  if (store.lifecycle_stage === 'closed' && store.closed_on) startedOn = store.closed_on;
  return {
    id: null,
    store_code: store.code,
    stage: store.lifecycle_stage as Stage,
    started_on: startedOn,
    started_at: store.created_at,
    ended_on: null,
    ended_at: null,
    entry_transition_id: null,
    checklist_ready: false,
  };
}

function toPeriod(row: Selectable<StoreStagePeriodTable>): StagePeriod {
  return {
    id: Number(row.id),
    store_code: row.store_code,
    stage: row.stage as Stage,
    started_on: row.started_on,
    started_at: row.started_at,
    ended_on: row.ended_on ?? null,
    ended_at: row.ended_at ?? null,
    entry_transition_id: row.entry_transition_id === null ? null : Number(row.entry_transition_id),
    checklist_ready: Boolean(row.checklist_ready),
  };
}

/** Read the store's current stay: the open row, or the initial stay when nothing is recorded yet. */
export async function currentPeriod(db: Kysely<Database>, store: StoreTable): Promise<StagePeriod> {
  const row = await db.selectFrom('store_stage_periods').selectAll().where('store_code', '=', store.code).where('ended_at', 'is', null).executeTakeFirst();
  return row ? toPeriod(row) : initialPeriod(store);
}

/** List every stay of the store, oldest first, or the initial stay alone when nothing is recorded yet. */
export async function listPeriods(db: Kysely<Database>, store: StoreTable, afterId = 0, limit = 500): Promise<StagePeriod[]> {
  const rows = await db
    .selectFrom('store_stage_periods')
    .selectAll()
    .where('store_code', '=', store.code)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length === 0 && afterId === 0) return [initialPeriod(store)];
  return rows.map(toPeriod);
}

/** Find the latest stay of the store in `stage`, current or past; undefined when it never was in it. */
export async function latestPeriodOf(db: Kysely<Database>, store: StoreTable, stage: Stage): Promise<StagePeriod | undefined> {
  const row = await db
    .selectFrom('store_stage_periods')
    .selectAll()
    .where('store_code', '=', store.code)
    .where('stage', '=', stage)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (row) return toPeriod(row);
  const current = await currentPeriod(db, store);
  return current.stage === stage ? current : undefined;
}

/** Write the initial stay of a store that has none recorded, and return the current stay. */
export async function recordCurrentPeriod(db: Kysely<Database>, store: StoreTable): Promise<StagePeriod & { id: number }> {
  const period = await currentPeriod(db, store);
  if (period.id !== null) return period as StagePeriod & { id: number };

  const inserted = await db
    .insertInto('store_stage_periods')
    .values({
      store_code: store.code,
      stage: period.stage,
      started_on: period.started_on,
      started_at: period.started_at,
      ended_on: null,
      ended_at: null,
      entry_transition_id: null,
      checklist_ready: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...period, id: Number(inserted.id) };
}

/** Start a new stay; the caller has ended the previous one. */
export async function openPeriod(
  db: Kysely<Database>,
  values: { storeCode: string; stage: Stage; startedOn: string; startedAt: string; transitionId: number },
): Promise<StagePeriod & { id: number }> {
  const inserted = await db
    .insertInto('store_stage_periods')
    .values({
      store_code: values.storeCode,
      stage: values.stage,
      started_on: values.startedOn,
      started_at: values.startedAt,
      ended_on: null,
      ended_at: null,
      entry_transition_id: values.transitionId,
      checklist_ready: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: Number(inserted.id),
    store_code: values.storeCode,
    stage: values.stage,
    started_on: values.startedOn,
    started_at: values.startedAt,
    ended_on: null,
    ended_at: null,
    entry_transition_id: values.transitionId,
    checklist_ready: false,
  };
}
