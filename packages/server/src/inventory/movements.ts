import { validationError } from '../http/api-error.js';
import type { PostingContext } from '../ledger/context.js';
import { assertPeriodsOpen } from '../ledger/periods.js';
import { periodOf } from '../time/business-date.js';
import { loadItems, lockStores } from './items.js';
import { loadStockPolicy } from './settings.js';
import { StockBook, type MovementRequest, type MovementRow, type NegativeStockPolicy } from './stock-book.js';

/** A movement as recorded: its row (with id) and what it did to the value of the stock. */
export interface RecordedMovement extends MovementRow {
  id: number;
}

/**
 * Record stock movements in the context's transaction, valued at moving-average cost, and
 * return them in order with their ids. This is the entry point for other domains that move
 * stock, such as goods receipts of purchasing and spare parts used by repairs. They post their own
 * journal entry with the values returned: `value_fen` is the change of stock value and
 * `variance_fen` the part that goes to cost of goods sold instead. `journalEntryId` links the entry.
 *
 * Takes the stores' posting locks, rejects movements into closed periods (409 period_closed)
 * and, under the reject policy, outflows below zero (409 insufficient_stock).
 *
 * ```ts
 * const [movement] = await recordStockMovements(context, [{
 *   storeCode: '0001', itemCode: 'BEANS', kind: 'receipt', quantityMicro: 2_000_000_000, nominalFen: 24_000,
 *   businessDate: '2024-01-05', occurredAt: '2024-01-05T02:00:00Z', sourceType: 'goods_receipt', sourceRef: 'GR-0042',
 * }]);
 * ```
 */
export async function recordStockMovements(
  context: PostingContext,
  movements: MovementRequest[],
  options: { policy?: NegativeStockPolicy; journalEntryId?: number | null } = {},
): Promise<RecordedMovement[]> {
  if (movements.length === 0) return [];
  const items = await loadItems(context.db, movements.map((m) => m.itemCode));
  const unknown = movements.map((m, index) => ({ m, index })).filter(({ m }) => !items.has(m.itemCode));
  if (unknown.length > 0) {
    throw validationError(unknown.map(({ m, index }) => ({ field: `movements[${index}].item_code`, code: 'reference_not_found', params: { resource: 'item', value: m.itemCode }, value: m.itemCode })));
  }

  await lockStores(context.db, context.dialect, movements.map((m) => m.storeCode));
  await assertPeriodsOpen(context, movements.map((m) => periodOf(m.businessDate)));
  const policy = options.policy ?? (await loadStockPolicy(context.db));
  const book = await StockBook.open(context, movements, items, policy);
  for (const movement of movements) book.apply(movement);

  for (const row of book.rows) row.journal_entry_id = options.journalEntryId ?? null;
  const ids = await book.write(context, { returnIds: true });
  return book.rows.map((row, index) => ({ ...row, id: ids[index]! }));
}

/** Record one stock movement; see recordStockMovements. */
export async function recordStockMovement(
  context: PostingContext,
  movement: MovementRequest,
  options: { policy?: NegativeStockPolicy; journalEntryId?: number | null } = {},
): Promise<RecordedMovement> {
  const [recorded] = await recordStockMovements(context, [movement], options);
  return recorded!;
}
