import type { Kysely, Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import type { StagePeriod } from './periods.js';
import { allowedFrom, type Stage } from './stages.js';
import type { StoreChecklistItemTable } from './tables.js';
import { checklistTemplate } from './templates.js';

export type ChecklistItem = components['schemas']['ChecklistItem'];

/** Convert a stored checklist item to the API's shape. */
export function itemToApi(row: Selectable<StoreChecklistItemTable>): ChecklistItem {
  return {
    key: row.item_key,
    title: { en: row.title_en, 'zh-CN': row.title_zh },
    position: row.position,
    mandatory: Boolean(row.mandatory),
    mandatory_for: row.mandatory_for === null ? null : (JSON.parse(row.mandatory_for) as Stage[]),
    roles: JSON.parse(row.roles) as ChecklistItem['roles'],
    evidence_required: Boolean(row.evidence_required),
    done: Boolean(row.done),
    done_at: row.done_at ?? null,
    done_by: row.done_by ?? null,
    note: row.note ?? null,
    evidence_ref: row.evidence_ref ?? null,
    version: row.version,
  };
}

/** Build the items a stay in `stage` starts with, from the stage's template, none of them done. */
export function freshItems(stage: Stage): ChecklistItem[] {
  return checklistTemplate(stage).items.map((item, position) => ({
    key: item.key,
    title: item.title,
    position,
    mandatory: item.mandatory,
    mandatory_for: item.mandatory_for,
    roles: item.roles as ChecklistItem['roles'],
    evidence_required: item.evidence_required,
    done: false,
    done_at: null,
    done_by: null,
    note: null,
    evidence_ref: null,
    version: 1,
  }));
}

/**
 * Read the checklist of a stay. A stay whose items were not copied yet (a recorded stay before its
 * first tick, or the initial stay of a store) shows the template's items, as they will be copied.
 */
export async function itemsOf(db: Kysely<Database>, period: StagePeriod): Promise<ChecklistItem[]> {
  if (period.id === null || !period.checklist_ready) return freshItems(period.stage);
  const rows = await db.selectFrom('store_checklist_items').selectAll().where('period_id', '=', period.id).orderBy('position').execute();
  return rows.map(itemToApi);
}

/**
 * Copy the stage's template into the stay's checklist, once. Later edits of the template change
 * the checklists of stays that begin afterwards, never one already under way.
 */
export async function materialiseChecklist(db: Kysely<Database>, period: StagePeriod & { id: number }): Promise<void> {
  if (period.checklist_ready) return;
  const items = freshItems(period.stage);
  if (items.length > 0) {
    await db
      .insertInto('store_checklist_items')
      .values(
        items.map((item) => ({
          period_id: period.id,
          item_key: item.key,
          store_code: period.store_code,
          stage: period.stage,
          position: item.position,
          title_en: item.title.en,
          title_zh: item.title['zh-CN'],
          mandatory: item.mandatory,
          mandatory_for: item.mandatory_for === null ? null : JSON.stringify(item.mandatory_for),
          roles: JSON.stringify(item.roles),
          evidence_required: item.evidence_required,
          done: false,
          done_at: null,
          done_by: null,
          done_by_token_id: null,
          note: null,
          evidence_ref: null,
          version: 1,
        })),
      )
      .execute();
  }
  await db.updateTable('store_stage_periods').set({ checklist_ready: true }).where('id', '=', period.id).execute();
  period.checklist_ready = true;
}

/** Keys of the mandatory items still open that a move to `target` needs done. */
export function openMandatoryItems(items: readonly ChecklistItem[], target: Stage): string[] {
  return items
    .filter((item) => item.mandatory && !item.done && (item.mandatory_for === null || item.mandatory_for.includes(target)))
    .map((item) => item.key);
}

/** For each stage the stay may move to, the mandatory items still open. */
export function blockingItems(items: readonly ChecklistItem[], stage: Stage): { to_stage: Stage; open_items: string[] }[] {
  return allowedFrom(stage).map((target) => ({ to_stage: target, open_items: openMandatoryItems(items, target) }));
}
