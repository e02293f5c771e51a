import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { HandlerContext } from '../http/handler.js';
import type { ReconciliationItemTable } from './tables.js';
import { itemIdLists } from './item-id-lists.js';
import { postedWriteOffsAmong, type DroppedWriteOff } from './write-off.js';

/** What a re-run keeps of the items before it, and what it dropped. */
export interface SettledItems {
  /** Record keys (POS and statement refs) that kept items already use. */
  locked: Set<string>;
  /** The ids of the deleted items by their records, so the same group keeps its id. */
  previousIds: Map<string, number>;
  /** The highest item id given so far, deleted items included. New items are numbered after it. */
  lastId: number;
  /** Posted write-offs among the dropped items, to reverse. */
  dropped: DroppedWriteOff[];
}

/**
 * Prepare a reconciliation for a run: keep the matched, written-off and resolved items and
 * delete the rest. A kept match is dropped too, unless it is resolved, when its statement is
 * no longer named or when `rematch` is set because the run's inputs changed. `lastItemId` is the highest
 * id the reconciliation has given before.
 */
export async function keepSettledItems(
  c: HandlerContext<'runReconciliation'>,
  reconciliationId: string,
  statementIds: readonly string[],
  lastItemId: number,
  rematch = false,
): Promise<SettledItems> {
  const kept = await c.db
    .selectFrom('reconciliation_items')
    .select(['item_id', 'pos_refs', 'line_refs', 'resolution'])
    .where('reconciliation_id', '=', reconciliationId)
    .where((eb) => eb.or([eb('state', 'in', ['matched', 'written_off']), eb('resolution', 'is not', null)]))
    .execute();

  const locked = new Set<string>();
  const previousIds = new Map<string, number>();
  const stale: number[] = [];
  let lastId = lastItemId;
  for (const item of kept) {
    lastId = Math.max(lastId, Number(item.item_id));
    const lineRefs = item.line_refs.split(' ').filter((ref) => ref !== '');
    const statementGone = lineRefs.some((ref) => !statementIds.includes(ref.slice(0, ref.lastIndexOf(':'))));
    if (item.resolution === null && (rematch || statementGone)) {
      stale.push(Number(item.item_id));
      previousIds.set(recordsKey(item), Number(item.item_id));
      continue;
    }
    for (const ref of `${item.pos_refs} ${item.line_refs}`.split(' ')) if (ref !== '') locked.add(ref);
  }

  const dropped = await postedWriteOffsAmong(c, reconciliationId, stale);
  const unsettled = (eb: ExpressionBuilder<Database, 'reconciliation_items'>) => eb.and([eb('state', 'not in', ['matched', 'written_off']), eb('resolution', 'is', null)]);
  const open = await c.db.selectFrom('reconciliation_items').select(['item_id', 'pos_refs', 'line_refs']).where('reconciliation_id', '=', reconciliationId).where(unsettled).execute();
  for (const item of open) {
    lastId = Math.max(lastId, Number(item.item_id));
    previousIds.set(recordsKey(item), Number(item.item_id));
  }
  await c.db.deleteFrom('reconciliation_items').where('reconciliation_id', '=', reconciliationId).where(unsettled).execute();
  for (const ids of itemIdLists(stale)) {
    await c.db.deleteFrom('reconciliation_items').where('reconciliation_id', '=', reconciliationId).where('item_id', 'in', ids).execute();
  }
  return { locked, previousIds, lastId, dropped };
}

/**
 * Number the new rows of a run: a row with the same POS records and statement lines as an item
 * the run deleted gets that item's id back, any other row the next id after `lastId`. Returns
 * the highest id given, to store as the reconciliation's `last_item_id`.
 */
export function numberItems(rows: Pick<ReconciliationItemTable, 'item_id' | 'pos_refs' | 'line_refs'>[], previousIds: ReadonlyMap<string, number>, lastId: number): number {
  let next = lastId;
  for (const row of rows) {
    const previous = previousIds.get(recordsKey(row));
    row.item_id = previous ?? ++next;
  }
  return next;
}

function recordsKey(item: { pos_refs: string; line_refs: string }): string {
  return `${item.pos_refs}|${item.line_refs}`;
}
