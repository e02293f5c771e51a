// Shapes of a parsed payment-platform or bank statement (对账单).
//
// Money units: `…Fen` fields are integer fen (1 yuan = 100 fen). Fees can carry more precision
// than a fen (WeChat Pay states 手续费 as `0.35000` yuan), so fee and net amounts are integer
// thousandths of a fen, in `…MilliFen` fields (1 fen = 1,000; 1 yuan = 100,000). No field is a float.

import type { Cell } from '../files/types.js';

export const CHANNELS = ['wechat', 'alipay', 'unionpay', 'bank', 'meituan', 'jd'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A layout id such as `wechat-merchant-trade` or `bank-icbc-debit`; profiles add their own. */
export type LayoutId = string;

/** Kind of line. Together with `Flow` it is the line's direction. */
export type LineKind = 'payment' | 'refund' | 'fee' | 'transfer' | 'other';

/**
 * Direction of money for the account holder: the merchant on a merchant bill, the card or
 * wallet owner on a personal bill or bank statement. `neutral` is the bills' 不计收支/中性交易,
 * a move between the holder's own accounts.
 */
export type Flow = 'in' | 'out' | 'neutral';

/** One transaction read from a statement. */
export interface StatementLine {
  /** Physical line (CSV) or row number (sheet) the record started on. */
  readonly line: number;
  /** Stable across re-imports of the same line; see `fingerprint.ts`. */
  readonly fingerprint: string;
  /** UTC ISO instant, or null when the file gives only a date. */
  readonly occurredAt: string | null;
  /** Local date (YYYY-MM-DD) in the statement's time zone; null when the file has no date. */
  readonly businessDate: string | null;
  /** Bank posting date (记账日期), when stated separately. */
  readonly postingDate?: string;
  readonly kind: LineKind;
  readonly flow: Flow;
  /** Amount of the payment or transfer, non-negative. */
  readonly grossFen: number;
  /** Amount refunded on this line, non-negative. */
  readonly refundFen: number;
  /** Fee charged to the holder; negative when a fee is returned (on a refund). */
  readonly feeMilliFen: number;
  /**
   * Signed effect on the holder: for the payee of a payment `gross − refund − fee`, for the payer
   * `−(gross − refund) − fee`, for a neutral line `−fee`.
   */
  readonly netMilliFen: number;
  /** Order amount before merchant-funded discounts (订单金额), when the file states it apart. */
  readonly orderAmountFen?: number;
  /** Account balance after the line, when stated and readable. */
  readonly balanceFen?: number;
  readonly currency: 'CNY';
  /** The channel's transaction id (微信订单号, 支付宝交易号, 交易单号, bank 流水号). */
  readonly channelTransactionId?: string;
  /** The merchant's order number (商户订单号, 商家订单号). */
  readonly merchantOrderNumber?: string;
  /** The channel's refund id (微信退款单号). */
  readonly channelRefundId?: string;
  /** The merchant's refund id (商户退款单号, 退款批次号/请求号). */
  readonly merchantRefundId?: string;
  /** Merchant id (商户号, or 特约商户号 on a service provider's bill). */
  readonly merchantId?: string;
  /** Store id (门店编号), when the channel records one. */
  readonly storeId?: string;
  /** Terminal or device id (终端号, 设备号). */
  readonly terminalId?: string;
  readonly counterparty?: string;
  readonly counterpartyAccount?: string;
  /** The holder's funding account (支付方式, 收/付款方式), e.g. `招商银行储蓄卡(1234)`. */
  readonly paymentMethod?: string;
  /** Goods or summary text (商品, 商品名称, 摘要, 交易说明). */
  readonly description?: string;
  readonly status?: string;
  /** The file's own type text (交易类型, 交易分类, 业务类型), unchanged. */
  readonly typeText?: string;
  /** Fee rate as stated (费率), e.g. `0.60%`. Informative only: fees are never recomputed from it. */
  readonly feeRate?: string;
  readonly memo?: string;
  /** For a refund: the payment line in the same file that it refunds. */
  readonly refundOf?: RefundLink;
}

export interface RefundLink {
  readonly line: number;
  readonly fingerprint: string;
  readonly by: 'merchant-order-number' | 'channel-transaction-id';
}

/** A message code with its parameters; the text comes from `messages.ts`. */
export interface Coded {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * A row that was read but not turned into a line. A `flagged` row was understood except for one
 * thing a person has to decide, such as a new transaction type or a foreign currency. A
 * `rejected` row could not be read, for example an unparsable amount or date.
 */
export interface QuarantinedRow extends Coded {
  readonly line: number;
  readonly disposition: 'flagged' | 'rejected';
  /** The row's cells as text joined with commas. */
  readonly rawText: string;
  readonly rawCells: readonly Cell[];
  /** Values that could be read, for the person who reviews the row. */
  readonly partial: PartialLine;
}

export type PartialLine = Partial<
  Pick<
    StatementLine,
    | 'occurredAt'
    | 'businessDate'
    | 'grossFen'
    | 'refundFen'
    | 'feeMilliFen'
    | 'channelTransactionId'
    | 'merchantOrderNumber'
    | 'counterparty'
    | 'description'
    | 'status'
    | 'typeText'
  >
> & { readonly currency?: string };

export interface StatementWarning extends Coded {
  /** The line the warning is about, when it is about one. */
  readonly line?: number;
}

/** One figure that the file states about itself, next to the same figure computed from its rows. */
export interface SummaryCheck {
  /** Name of the figure, e.g. `count`, `gross`, `fee`, `out.amount`. */
  readonly item: string;
  readonly unit: 'count' | 'fen' | 'milli-fen';
  readonly stated: number;
  readonly computed: number;
  /** The line that states the figure. */
  readonly line: number;
  readonly matches: boolean;
}

export interface StatementTotals {
  readonly lines: number;
  readonly grossFen: number;
  readonly refundFen: number;
  readonly feeMilliFen: number;
  readonly netMilliFen: number;
  /** Lines and net per flow; `out` nets are negative. */
  readonly byFlow: Readonly<Record<Flow, { readonly lines: number; readonly netMilliFen: number }>>;
}

/** Rows processed: `ok` became lines, `flagged` and `rejected` are in the quarantine. */
export interface StatementCounts {
  readonly processed: number;
  readonly ok: number;
  readonly flagged: number;
  readonly rejected: number;
}

export interface StatementAccount {
  /** Merchant id, card or account number as the file states it (often masked). */
  readonly id?: string;
  /** Holder name or nickname. */
  readonly name?: string;
}

/** Inclusive local dates (YYYY-MM-DD). */
export interface StatementPeriod {
  readonly start: string;
  readonly end: string;
}

/** A non-data row kept for the record: preamble and footer text. */
export interface TextRow {
  readonly line: number;
  readonly text: string;
}

export interface ParsedStatement {
  readonly layout: LayoutId;
  readonly channel: Channel;
  /** Header row's physical line. */
  readonly headerLine: number;
  readonly account: StatementAccount;
  readonly period: StatementPeriod | null;
  /** IANA zone or fixed offset used for wall-clock times. */
  readonly timeZone: string;
  readonly lines: readonly StatementLine[];
  readonly quarantine: readonly QuarantinedRow[];
  readonly warnings: readonly StatementWarning[];
  readonly summary: readonly SummaryCheck[];
  readonly totals: StatementTotals;
  readonly counts: StatementCounts;
  readonly preamble: readonly TextRow[];
  readonly footer: readonly TextRow[];
}
