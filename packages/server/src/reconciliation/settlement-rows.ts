import type { SettlementItem } from './settlement-match.js';
import type { ReconciliationItemTable } from './tables.js';

/**
 * Build the stored row of a settlement item. The POS side contains the settlement days, the
 * statement side the bank credits. Its `amount_fen` follows the channel items: the days' net for a match
 * or a timing difference, the difference for an amount mismatch or write-off, and the record's
 * own amount otherwise.
 */
export function settlementRow(reconciliationId: string, itemId: number, item: SettlementItem): ReconciliationItemTable {
  const daysFen = item.days.length > 0 ? item.days.reduce((total, day) => total + day.netFen, 0) : null;
  const creditsFen = item.credits.length > 0 ? item.credits.reduce((total, credit) => total + credit.amountFen, 0) : null;
  const firstCredit = item.credits[0];
  let creditAt: string | null = null;
  if (firstCredit) creditAt = firstCredit.atMs !== null ? new Date(firstCredit.atMs).toISOString() : firstCredit.date;

  let amount: number;
  if (item.state === 'matched' || item.state === 'timing_difference') amount = daysFen ?? creditsFen ?? 0;
  else if (item.state === 'amount_mismatch' || item.state === 'written_off') amount = item.differenceFen;
  else amount = daysFen ?? creditsFen ?? 0;

  return {
    reconciliation_id: reconciliationId,
    channel: item.channel,
    item_id: itemId,
    state: item.state,
    reason: item.reason,
    rule: item.rule,
    score: item.rule === null ? 0 : 100,
    amount_fen: amount,
    difference_fen: item.differenceFen,
    fee_milli_fen: 0,
    business_date: item.days[0]?.date ?? firstCredit?.date ?? null,
    store_code: null,
    pos_refs: item.days.map((day) => day.key).join(' '),
    pos_amount_fen: daysFen,
    pos_at: null,
    line_refs: item.credits.map((credit) => credit.key).join(' '),
    line_amount_fen: creditsFen,
    line_at: creditAt,
    transaction_id: firstCredit?.transactionId ?? null,
    merchant_order_number: null,
    candidates: item.candidates.length > 0 ? JSON.stringify(item.candidates) : null,
    resolution: null,
    resolution_note: null,
    journal_entry_id: null,
    resolved_by: null,
    resolved_at: null,
  };
}
