import type { HandlerContext } from '../http/handler.js';
import { postedWriteOffsAmong, type DroppedWriteOff } from './write-off.js';

/** What a re-run keeps of the items before it, and what it dropped. */
export interface SettledItems {
  /** Record keys (POS and statement refs) that kept items already use. */
  locked: Set<string>;
  /** The highest item id so far; new items are numbered after it. */
  lastId: number;
  /** Posted write-offs among the dropped items, to reverse. */
  dropped: DroppedWriteOff[];
}

/**
 * Prepare a reconciliation for a run: keep the matched, written-off and resolved items and
 * delete the rest. A kept match is dropped too, unless it is resolved, when its statement is
 * no longer named or when `rematch` says the run's inputs changed.
 */
export async function keepSettledItems(
  c: HandlerContext<'runReconciliation'>,
  reconciliationId: string,
  statementIds: readonly string[],
  rematch = false,
): Promise<SettledItems> {
  const kept = await c.db
    .selectFrom('reconciliation_items')
    .select(['item_id', 'pos_refs', 'line_refs', 'resolution'])
    .where('reconciliation_id', '=', reconciliationId)
    .where((eb) => eb.or([eb('state', 'in', ['matched', 'written_off']), eb('resolution', 'is not', null)]))
    .execute();

  const locked = new Set<string>();
  const stale: number[] = [];
  let lastId = 0;
  for (const item of kept) {
    lastId = Math.max(lastId, Number(item.item_id));
    const lineRefs = item.line_refs.split(' ').filter((ref) => ref !== '');
    const statementGone = lineRefs.some((ref) => !statementIds.includes(ref.slice(0, ref.lastIndexOf(':'))));
    if (item.resolution === null && (rematch || statementGone)) {
      stale.push(Number(item.item_id));
      continue;
    }
    for (const ref of `${item.pos_refs} ${item.line_refs}`.split(' ')) if (ref !== '') locked.add(ref);
  }

  const dropped = await postedWriteOffsAmong(c, reconciliationId, stale);
  await c.db
    .deleteFrom('reconciliation_items')
    .where('reconciliation_id', '=', reconciliationId)
    .where((eb) => eb.or([eb.and([eb('state', 'not in', ['matched', 'written_off']), eb('resolution', 'is', null)]), ...(stale.length > 0 ? [eb('item_id', 'in', stale)] : [])]))
    .execute();
  return { locked, lastId, dropped };
}
