// Inputs of the bank settlement matching: a payment channel's net settlement per settlement day
// on one side, the credits of bank statements on the other. Amounts are integer fen.

/** The net a channel settles for one settlement day: payments less refunds and fees. */
export interface SettlementDay {
  /** `channel@YYYY-MM-DD`. */
  readonly key: string;
  readonly channel: string;
  /** The settlement day, a local date in the statement's time zone. */
  readonly date: string;
  /** The date the deposit is due: the settlement day plus the channel's settlement lag. */
  readonly dueDate: string;
  readonly netFen: number;
  readonly inPeriod: boolean;
}

/** A credit (money in) of a bank statement. */
export interface BankCredit {
  /** `statement:line`. */
  readonly key: string;
  /** The channel whose bank names the credit's texts contain; null for any other credit and for refunds. */
  readonly channel: string | null;
  /** True when the credit's texts call it a refund (退款), which is no settlement even from a channel. */
  readonly refund?: boolean;
  /** The booking date in the bank statement's time zone. */
  readonly date: string;
  readonly atMs: number | null;
  readonly amountFen: number;
  readonly transactionId: string | null;
  readonly inPeriod: boolean;
}

export interface SettlementOptions {
  /** Credits differing by up to this many fen from their days are written off, per channel. */
  readonly toleranceFen: ReadonlyMap<string, number>;
  readonly periodStart: string;
  /** The last date the bank statements cover; a deposit due later cannot be in them yet. */
  readonly bankThrough: string;
  /**
   * The first due date of each channel's settlement days, counting days a re-run keeps matched
   * and leaves out of the days passed in. Without it, the first of the days passed in is used.
   */
  readonly firstDue?: ReadonlyMap<string, string>;
}
