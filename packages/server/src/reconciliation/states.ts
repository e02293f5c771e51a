// The states an item of a reconciliation ends in, and which of them need a person.

export const ITEM_STATES = ['matched', 'timing_difference', 'amount_mismatch', 'missing_in_statement', 'missing_in_pos', 'duplicate', 'written_off', 'unrelated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** States of differences that count as unexplained until their item is resolved. */
export const UNEXPLAINED_STATES: ReadonlySet<ItemState> = new Set(['amount_mismatch', 'missing_in_statement', 'missing_in_pos', 'duplicate']);

/** States a re-run keeps as they are. */
export const SETTLED_STATES: ReadonlySet<ItemState> = new Set(['matched', 'written_off']);

/** Reason codes of item states. Each has a message `reason.<code>` in the catalogue. */
export type ReasonCode =
  | 'same_amount'
  | 'split'
  | 'within_tolerance'
  | 'amount_differs'
  | 'crosses_day'
  | 'after_cut_off'
  | 'fee_differs'
  | 'duplicate_line'
  | 'duplicate_pos'
  | 'no_line'
  | 'no_pos';

/** The rule that paired the records. */
export type RuleName =
  | 'transaction_id'
  | 'merchant_order_number'
  | 'refund_id'
  | 'merchant_refund_id'
  | 'original_transaction_id'
  | 'original_merchant_order_number'
  | 'amount_time';
