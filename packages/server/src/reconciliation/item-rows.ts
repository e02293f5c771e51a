import { signed, sumSigned, type MatchItem } from './item.js';
import type { ReconciliationItemTable } from './tables.js';

/**
 * The columns a new item of a channel run sets. The insert leaves out the other six, which are
 * null for such an item: `channel` (set only by a bank run) and the five that a resolution sets.
 * That binds 20 values per row instead of 26.
 */
export type NewItemRow = Omit<ReconciliationItemTable, 'channel' | 'resolution' | 'resolution_note' | 'journal_entry_id' | 'resolved_by' | 'resolved_at'>;

/**
 * The stored row of an item. Its `amount_fen` is what the summary adds up per state: the POS
 * amount of a match, the difference of an amount mismatch or write-off, and the record's own
 * amount when it is missing on the other side or a duplicate.
 */
export function itemRow(reconciliationId: string, itemId: number, item: MatchItem): NewItemRow {
  const firstPos = item.pos[0];
  const firstLine = item.lines[0];
  const posAmount = item.pos.length > 0 ? sumSigned(item.pos) : null;
  const lineAmount = item.lines.length > 0 ? sumSigned(item.lines) : null;
  let fee = 0;
  for (const line of item.lines) fee += line.feeMilliFen;

  let amount: number;
  if (item.state === 'matched' || item.state === 'timing_difference') amount = posAmount ?? 0;
  else if (item.state === 'amount_mismatch' || item.state === 'written_off') amount = item.differenceFen;
  else amount = firstPos ? signed(firstPos) : signed(firstLine!);

  return {
    reconciliation_id: reconciliationId,
    item_id: itemId,
    state: item.state,
    reason: item.reason,
    rule: item.rule,
    score: item.score,
    amount_fen: amount,
    difference_fen: item.differenceFen,
    fee_milli_fen: fee,
    business_date: firstPos?.businessDate ?? firstPos?.localDate ?? firstLine?.localDate ?? null,
    store_code: firstPos?.storeCode ?? null,
    pos_refs: item.pos.map((record) => record.key).join(' '),
    pos_amount_fen: posAmount,
    pos_at: firstPos ? new Date(firstPos.atMs).toISOString() : null,
    line_refs: item.lines.map((line) => line.key).join(' '),
    line_amount_fen: lineAmount,
    line_at: firstLine?.atMs != null ? new Date(firstLine.atMs).toISOString() : null,
    transaction_id: firstLine?.transactionId ?? firstPos?.transactionId ?? null,
    merchant_order_number: firstLine?.merchantOrderNumber ?? firstPos?.merchantOrderNumber ?? firstPos?.originalMerchantOrderNumber ?? null,
    candidates: item.candidates.length > 0 ? JSON.stringify(item.candidates) : null,
  };
}
