import { recordChange } from '../audit/record.js';
import { ApiError, validationError } from '../http/api-error.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import type { Handler } from '../http/handler.js';
import { blockingItems, itemsOf, itemToApi, materialiseChecklist } from './checklist.js';
import { currentPeriod, latestPeriodOf, recordCurrentPeriod } from './periods.js';
import { stageLabel } from './stages.js';
import { loadStore } from './store-access.js';

const getStoreChecklist: Handler<'getStoreChecklist'> = async (c) => {
  const store = await loadStore(c.db, c.database.dialect, c.principal, c.params.code);
  const stage = c.query.stage;
  const period = stage ? await latestPeriodOf(c.db, store, stage) : await currentPeriod(c.db, store);
  if (!period) {
    throw new ApiError(404, 'stage_not_visited', {
      store_code: store.code,
      stage,
      stage_label: stageLabel(stage!),
      current_label: stageLabel(store.lifecycle_stage),
    });
  }

  const items = await itemsOf(c.db, period);
  const body = {
    store_code: store.code,
    stage: period.stage,
    current: period.ended_at === null,
    started_on: period.started_on,
    ended_on: period.ended_on,
    items,
    blocking: blockingItems(items, period.stage),
  };
  return { status: 200, body };
};

/**
 * Tick or untick an item of the current stay's checklist. The change is written to the store's
 * audit history as `checklist_tick` or `checklist_untick`, with the item's state before and after.
 */
const updateStoreChecklistItem: Handler<'updateStoreChecklistItem'> = async (c) => {
  const { code, item_key: key } = c.params;
  const expected = parseIfMatch(c.headers['if-match']);
  const store = await loadStore(c.db, c.database.dialect, c.principal, code, true);
  const period = await recordCurrentPeriod(c.db, store);
  await materialiseChecklist(c.db, period);

  const row = await c.db.selectFrom('store_checklist_items').selectAll().where('period_id', '=', period.id).where('item_key', '=', key).executeTakeFirst();
  if (!row) {
    const keys = (await itemsOf(c.db, period)).map((item) => item.key);
    throw new ApiError(404, 'checklist_item_not_found', { store_code: code, key, keys: keys.length > 0 ? keys : ['-'], stage_label: stageLabel(period.stage) });
  }
  const item = itemToApi(row);
  if (c.principal.role !== 'admin' && !(item.roles as string[]).includes(c.principal.role)) {
    throw new ApiError(403, 'checklist_role_not_allowed', { role: c.principal.role, key, store_code: code, allowed: item.roles });
  }
  assertVersion(expected, item.version, 'checklist_item', key);

  const after = {
    done: c.body.done,
    note: c.body.note === undefined ? item.note : c.body.note,
    evidence_ref: c.body.evidence_ref === undefined ? item.evidence_ref : c.body.evidence_ref,
  };
  if (after.done && item.evidence_required && !after.evidence_ref) {
    throw validationError([{ field: 'body.evidence_ref', code: 'evidence_required' }]);
  }
  const before = { done: item.done, note: item.note, evidence_ref: item.evidence_ref };
  if (JSON.stringify(before) === JSON.stringify(after)) {
    return { status: 200, body: item, headers: { ETag: etagOf(item.version) } };
  }

  const at = new Date().toISOString();
  const version = item.version + 1;
  await c.db
    .updateTable('store_checklist_items')
    .set({ ...after, done_at: at, done_by: c.actor.name, done_by_token_id: c.actor.tokenId, version })
    .where('period_id', '=', period.id)
    .where('item_key', '=', key)
    .execute();
  await recordChange(c.db, {
    resource: 'store',
    key: code,
    action: after.done ? 'checklist_tick' : 'checklist_untick',
    actor: c.actor,
    changes: [{ field: `checklist.${period.stage}.${key}`, before, after }],
    at,
  });

  const body = { ...item, ...after, done_at: at, done_by: c.actor.name, version };
  return { status: 200, body, headers: { ETag: etagOf(version) } };
};

export const checklistHandlers = { getStoreChecklist, updateStoreChecklistItem };
