import type { Kysely, Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database, StoreTable } from '../db/schema.js';
import { diffRecords, recordChange, type FieldChange } from '../audit/record.js';
import { ApiError, validationError, type NestedMessage } from '../http/api-error.js';
import { translate } from '../i18n/messages.js';
import { assertVersion, parseIfMatch } from '../http/etag.js';
import type { Caller } from '../masterdata/resource.js';
import { stores } from '../masterdata/stores.js';
import { itemsOf, materialiseChecklist, openMandatoryItems } from './checklist.js';
import { findClosingBlockers } from './closing-guards.js';
import { businessDate } from '../time/business-date.js';
import { initialPeriod, openPeriod, recordCurrentPeriod, type StagePeriod } from './periods.js';
import { allowedFrom, OVERRIDE_ROLES, stageLabel, stageLabels, type Stage } from './stages.js';
import { loadStore } from './store-access.js';
import type { StoreTransitionTable } from './tables.js';

type Store = components['schemas']['Store'];
export type StageTransition = components['schemas']['StageTransition'];

export interface TransitionInput {
  to_stage: Stage;
  note?: string | null;
  override_reason?: string | null;
  effective_on?: string | null;
}

export interface TransitionOutcome {
  transition: StageTransition;
  store: Store;
}

/** Convert a stored move to the API's shape. */
export function transitionToApi(row: Selectable<StoreTransitionTable>): StageTransition {
  return {
    id: String(row.id),
    store_code: row.store_code,
    from_stage: row.from_stage as Stage,
    to_stage: row.to_stage as Stage,
    effective_on: row.effective_on,
    at: row.at,
    actor: row.actor ?? null,
    note: row.note ?? null,
    overridden: Boolean(row.overridden),
    override_reason: row.override_reason ?? null,
    overridden_items: JSON.parse(row.overridden_items) as string[],
  };
}

/**
 * Move a store to another stage, in the caller's transaction. First it checks that the move is
 * allowed from the current stage and that the effective date lies within the current stay and
 * not in the future. Then it checks that the mandatory checklist items are done, or overridden by
 * a role that may override. For `closed`, no closing guard may find anything left. Finally it
 * ends the current stay, starts the next with its checklist, updates the store and writes the
 * audit event.
 */
export async function applyTransition(caller: Caller, storeCode: string, input: TransitionInput, ifMatch?: string): Promise<TransitionOutcome> {
  const db = caller.db as Kysely<Database>;
  const expected = parseIfMatch(ifMatch);
  const store = await loadStore(db, caller.dialect, caller.principal, storeCode, true);
  assertVersion(expected, store.version, 'store', storeCode);

  const from = store.lifecycle_stage as Stage;
  const target = input.to_stage;
  const allowed = allowedFrom(from);
  if (!allowed.includes(target)) {
    throw new ApiError(409, 'transition_not_allowed', {
      store_code: storeCode,
      from,
      to: target,
      allowed,
      from_label: stageLabel(from),
      to_label: stageLabel(target),
      allowed_labels: stageLabels(allowed),
    });
  }

  const period = await recordCurrentPeriod(db, store);
  await materialiseChecklist(db, period);
  const now = new Date();
  const today = businessDate(now.toISOString(), store.timezone, store.day_end_cutoff);
  const effectiveOn = input.effective_on ?? today;
  if (effectiveOn < period.started_on && startsWhenCreated(period, store)) {
    // The first stay of a store entered after the fact began at an unknown date, so a move
    // recorded with an earlier date moves that start back instead of being rejected.
    await db.updateTable('store_stage_periods').set({ started_on: effectiveOn }).where('id', '=', period.id).execute();
    period.started_on = effectiveOn;
  }
  checkEffectiveDate(effectiveOn, today, period.started_on, from);

  const openItems = openMandatoryItems(await itemsOf(db, period), target);
  const overridden = openItems.length > 0;
  if (overridden && !input.override_reason) {
    throw new ApiError(409, 'checklist_incomplete', {
      store_code: storeCode,
      stage: from,
      to: target,
      count: openItems.length,
      items: openItems,
      stage_label: stageLabel(from),
      to_label: stageLabel(target),
    });
  }
  if (overridden && !OVERRIDE_ROLES.includes(caller.principal.role)) {
    throw new ApiError(403, 'override_not_allowed', { role: caller.principal.role, allowed: OVERRIDE_ROLES, store_code: storeCode, items: openItems });
  }

  if (target === 'closed') await assertMayClose(caller, storeCode);

  const at = now.toISOString();
  const inserted = await db
    .insertInto('store_transitions')
    .values({
      store_code: storeCode,
      from_stage: from,
      to_stage: target,
      effective_on: effectiveOn,
      at,
      actor: caller.actor.name,
      actor_token_id: caller.actor.tokenId,
      request_id: caller.actor.requestId,
      note: input.note ?? null,
      overridden,
      override_reason: overridden ? input.override_reason! : null,
      overridden_items: JSON.stringify(overridden ? openItems : []),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const transitionId = Number(inserted.id);

  await db.updateTable('store_stage_periods').set({ ended_on: effectiveOn, ended_at: at }).where('id', '=', period.id).execute();
  const next = await openPeriod(db, { storeCode, stage: target, startedOn: effectiveOn, startedAt: at, transitionId });
  await materialiseChecklist(db, next);

  const updatedStore = await updateStoreStage(caller, store, target, effectiveOn, at);
  const changes: FieldChange[] = [
    ...diffRecords(stores.toApi(store) as Record<string, unknown>, updatedStore as Record<string, unknown>),
    ...extraChanges(input, overridden, openItems),
  ];
  await recordChange(db, { resource: 'store', key: storeCode, action: 'transition', actor: caller.actor, changes, at });

  const row = await db.selectFrom('store_transitions').selectAll().where('id', '=', transitionId).executeTakeFirstOrThrow();
  return { transition: transitionToApi(row), store: updatedStore };
}

/** True for the stay a store was created in when its start is only the day the record was made. */
function startsWhenCreated(period: StagePeriod, store: StoreTable): boolean {
  return period.entry_transition_id === null && period.started_on === initialPeriod(store).started_on && period.started_on === createdOn(store);
}

function createdOn(store: StoreTable): string {
  return businessDate(new Date(store.created_at).toISOString(), store.timezone, store.day_end_cutoff);
}

function checkEffectiveDate(effectiveOn: string, today: string, startedOn: string, stage: Stage): void {
  if (effectiveOn > today) {
    throw validationError([{ field: 'body.effective_on', code: 'effective_in_future', params: { today }, value: effectiveOn }]);
  }
  if (effectiveOn < startedOn) {
    throw validationError([{ field: 'body.effective_on', code: 'effective_before_stage', params: { stage, started_on: startedOn }, value: effectiveOn }]);
  }
}

async function assertMayClose(caller: Caller, storeCode: string): Promise<void> {
  const blockers = await findClosingBlockers(caller.db, storeCode);
  if (blockers.length === 0) return;
  const summary: NestedMessage[] = blockers.map((blocker) => ({
    messageKey: 'lifecycle.closing_blocker',
    params: { guard: guardLabel(blocker.guard), count: blocker.remaining.length, items: shortList(blocker.remaining) },
  }));
  const count = blockers.reduce((sum, blocker) => sum + blocker.remaining.length, 0);
  throw new ApiError(409, 'closing_blocked', { store_code: storeCode, count, remaining: blockers, summary });
}

// A guard registered without a label in any catalogue is shown by its name.
function guardLabel(guard: string): NestedMessage | string {
  const key = `closing_guard.${guard}`;
  return translate('en', key) === key ? guard : { messageKey: key };
}

// Messages name at most 20 records; `params.remaining` of the problem lists them all.
function shortList(items: string[]): string[] {
  return items.length > 20 ? [...items.slice(0, 20), `… (+${items.length - 20})`] : items;
}

async function updateStoreStage(caller: Caller, store: StoreTable, target: Stage, effectiveOn: string, at: string): Promise<Store> {
  const changes: { lifecycle_stage: Stage; opened_on?: string; closed_on?: string } = { lifecycle_stage: target };
  if (target === 'operating' && !store.opened_on) changes.opened_on = effectiveOn;
  if (target === 'closed') changes.closed_on = effectiveOn;

  const version = store.version + 1;
  const result = await caller.db
    .updateTable('stores')
    .set({ ...changes, version, updated_at: at })
    .where('code', '=', store.code)
    .where('version', '=', store.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    // Unreachable while the row is locked (PostgreSQL) or SQLite runs one writer at a time.
    throw new ApiError(412, 'precondition_failed', { resource: 'store', key: store.code, current: 'unknown', expected: store.version });
  }
  return stores.toApi({ ...store, ...changes, version, updated_at: at });
}

/** List the move's own facts, which the store's audit history shows next to the changed fields. */
function extraChanges(input: TransitionInput, overridden: boolean, openItems: string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  if (input.note) changes.push({ field: 'transition_note', before: null, after: input.note });
  if (overridden) {
    changes.push({ field: 'override_reason', before: null, after: input.override_reason });
    changes.push({ field: 'overridden_items', before: null, after: openItems });
  }
  return changes;
}
