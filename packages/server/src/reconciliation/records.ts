// What the matching engine works on: POS payments and refunds on one side, statement lines on
// the other, both reduced to the fields matching needs. Amounts are positive integer fen; the
// kind gives the direction of the money.

export type RecordKind = 'payment' | 'refund';

/** A payment of an order, or the money given back by a refund, as the POS recorded it. */
export interface PosRecord {
  /** `store/order/sequence` for a payment, `r:store/refund/sequence` for a refund. */
  readonly key: string;
  readonly kind: RecordKind;
  readonly storeCode: string;
  readonly amountFen: number;
  readonly atMs: number;
  /** Local calendar date of the payment in the store's time zone. */
  readonly localDate: string;
  /**
   * The business date of the order or refund (the store's day-end cut-off applied), shown on
   * the item; the local date when absent.
   */
  readonly businessDate?: string;
  /** Whether the record belongs to the reconciled period (by the order's business date). */
  readonly inPeriod: boolean;
  /**
   * True for a record of the period whose statement line falls in the next calendar month: paid
   * after midnight on the last business day, or within the match window before midnight.
   */
  readonly settlesAfterPeriod?: boolean;
  /** The channel's transaction id: of the payment, or of the refund. */
  readonly transactionId: string | null;
  readonly merchantOrderNumber: string | null;
  /** The refund number (退款单号) of a refund. */
  readonly refundNumber: string | null;
  /** For a refund: the ids of the payment it gives money back to. */
  readonly originalTransactionId: string | null;
  readonly originalMerchantOrderNumber: string | null;
}

/** A payment or refund line of a statement. */
export interface LineRecord {
  /** `statement:line`. */
  readonly key: string;
  readonly kind: RecordKind;
  readonly amountFen: number;
  readonly feeMilliFen: number;
  /** Null when the statement gives only a date; such a line never matches on time. */
  readonly atMs: number | null;
  readonly localDate: string;
  readonly inPeriod: boolean;
  /** For a refund line, the id of the payment refunded (微信订单号 stays the payment's). */
  readonly transactionId: string | null;
  readonly merchantOrderNumber: string | null;
  readonly refundId: string | null;
  readonly merchantRefundId: string | null;
}

export interface MatchOptions {
  /** Differences up to this many fen (absolute) are written off. */
  readonly toleranceFen: number;
  /** How far apart in time a POS payment and a line may be to match on amount alone. */
  readonly windowSeconds: number;
  /**
   * Time zone of each store. A matched line's date is then read in its POS store's zone, so a
   * store outside China is not told that a payment crossed a day it did not cross.
   */
  readonly storeZones?: ReadonlyMap<string, string>;
}
