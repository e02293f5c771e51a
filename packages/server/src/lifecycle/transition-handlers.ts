import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { etagOf } from '../http/etag.js';
import type { Handler } from '../http/handler.js';
import { callerOf } from '../masterdata/resource.js';
import { businessDate } from '../time/business-date.js';
import { daysBetween } from './dates.js';
import { listPeriods, type StagePeriod } from './periods.js';
import { loadStore } from './store-access.js';
import { applyTransition, transitionToApi } from './transition.js';

const transitionStore: Handler<'transitionStore'> = async (c) => {
  const outcome = await applyTransition(callerOf(c), c.params.code, c.body, c.headers['if-match']);
  return { status: 201, body: outcome, headers: { ETag: etagOf(outcome.store.version) } };
};

const listStoreTransitions: Handler<'listStoreTransitions'> = async (c) => {
  await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('store_transitions').selectAll().where('store_code', '=', c.params.code);
  if (c.query.cursor) query = query.where('id', '<', Number(decodeCursor(c.query.cursor, '-id').value));
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: '-id', value: Number(last.id), key: String(last.id) }) : null;
  return { status: 200, body: { data: page.map(transitionToApi), next_cursor: next } };
};

const listStoreStages: Handler<'listStoreStages'> = async (c) => {
  const store = await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const limit = c.query.limit ?? 50;
  const afterId = c.query.cursor ? Number(decodeCursor(c.query.cursor, 'id').value) : 0;
  const periods = await listPeriods(c.db, store, afterId, limit + 1);

  const today = businessDate(new Date().toISOString(), store.timezone, store.day_end_cutoff);
  const page = periods.slice(0, limit);
  const last = page.at(-1);
  const next = periods.length > limit && last?.id ? encodeCursor({ sort: 'id', value: last.id, key: String(last.id) }) : null;
  return { status: 200, body: { data: page.map((period) => periodToApi(period, today)), next_cursor: next } };
};

/** Convert a stay to the API's shape, with the days spent in it up to its end or up to `today`. */
export function periodToApi(period: StagePeriod, today: string) {
  const end = period.ended_on ?? today;
  return {
    stage: period.stage,
    started_on: period.started_on,
    ended_on: period.ended_on,
    days: Math.max(0, daysBetween(period.started_on, end)),
    current: period.ended_at === null,
    entry_transition_id: period.entry_transition_id === null ? null : String(period.entry_transition_id),
  };
}

export const transitionHandlers = { transitionStore, listStoreTransitions, listStoreStages };
