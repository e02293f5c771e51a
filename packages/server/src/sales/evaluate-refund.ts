import { periodClosedError } from '../ledger/periods.js';
import { allocate, mulDivRound } from '../math/integer.js';
import { fromMicro } from '../math/quantity.js';
import { businessTime, localTimestamp, periodOf } from '../time/business-date.js';
import type { BatchScope, StoreInfo } from './batch-scope.js';
import type { CanonicalRefund } from './canonical.js';
import type { AccountAmount } from './entry-builder.js';
import { orderKey, statusOf, summaryCode, type LineState, type OrderState, type Taking } from './order-state.js';
import { Rejection, issuesOfError, type PostingIssue } from './outcomes.js';

/** One line of a posted refund. */
export interface RefundLineState {
  lineNumber: number;
  quantityMicro: number;
  amountFen: number;
  taxFen: number;
  /** The stock that went back (or was written off when return_stock is false), at the cost it left with. */
  returned: Taking[];
  /** The change of stock value the returns made, which is what cost of goods sold goes down by. */
  returnedValueFen: number;
}

export interface RefundPaymentState {
  sequence: number;
  method: string;
  amountFen: number;
  transactionId: string | null;
  accountCode: string;
}

export interface RefundState {
  storeCode: string;
  refundNumber: string;
  orderNumber: string;
  kind: 'full' | 'lines' | 'amount';
  refundedAt: string;
  businessDate: string;
  period: string;
  localHour: number;
  amountFen: number;
  taxFen: number;
  returnedValueFen: number;
  returnStock: boolean;
  /** True when the refund named its payments. */
  paymentsGiven: boolean;
  reason: string | null;
  inputHash: string;
  batchId: number;
  journalEntryId: number | null;
  postedAt: string;
  lines: RefundLineState[];
  payments: RefundPaymentState[];
}

/** A share of one order line that a refund takes back. */
interface LineShare {
  line: LineState;
  quantityMicro: number;
  amountFen: number;
  taxFen: number;
}

/**
 * Check and value one refund: what it takes back of each line (money, VAT and stock), which
 * payments it goes back to, and its reversing amounts for the journal and the summaries. A line
 * refunded in parts gets its exact remainder on the last part, so refunding everything leaves
 * stock and books as they were before the order. Throws a Rejection, leaving nothing behind.
 */
export function evaluateRefund(scope: BatchScope, refund: CanonicalRefund, inputHash: string, store: StoreInfo, prefix: string): RefundState {
  const order = scope.orders.get(orderKey(refund.store_code, refund.order_number));
  if (!order) {
    throw new Rejection([{ field: `${prefix}.order_number`, code: 'order_not_found', params: { store_code: refund.store_code, value: refund.order_number }, value: refund.order_number }]);
  }
  if (refund.refunded_at < order.orderedAt) {
    const params = { value: localTimestamp(refund.refunded_at, store.timezone), ordered_at: localTimestamp(order.orderedAt, store.timezone) };
    throw new Rejection([{ field: `${prefix}.refunded_at`, code: 'refund_before_order', params, value: refund.refunded_at }]);
  }

  const { businessDate: date, hour } = businessTime(refund.refunded_at, store.timezone, store.dayEndCutoff);
  const period = periodOf(date);
  const status = scope.periods.get(period) ?? 'open';
  if (status !== 'open') throw new Rejection(issuesOfError(periodClosedError(period, status), prefix));

  const kind = refund.lines.length > 0 ? 'lines' : refund.amount_fen !== null ? 'amount' : 'full';
  const shares = kind === 'amount' ? amountShares(order, refund.amount_fen!, prefix) : quantityShares(order, refund, prefix);
  const amountFen = shares.reduce((sum, share) => sum + share.amountFen, 0);
  if (amountFen === 0 && shares.every((share) => share.quantityMicro === 0)) {
    throw new Rejection([{ field: prefix, code: 'nothing_to_refund', params: { order_number: order.orderNumber } }]);
  }
  const payments = refundPayments(order, refund, amountFen, prefix);

  let revenueAccount: string;
  let taxAccount: string;
  try {
    revenueAccount = scope.rules.revenue(order.channel);
    taxAccount = scope.rules.account('output_vat');
    // Resolve the stock accounts now, so no rule can be missing once the state starts to change.
    for (const share of shares) {
      for (const [itemCode] of share.line.consumption) {
        const kind = scope.book.item(itemCode).kind;
        scope.rules.inventory(kind);
        scope.rules.cogs(kind);
      }
    }
  } catch (error) {
    throw new Rejection(issuesOfError(error, prefix));
  }

  // Every check has passed: from here on the order's state and the stock change.
  const ledger: AccountAmount[] = [];
  const lines = shares.map((share) => settleShare(scope, order, refund, share, date, ledger));
  for (const payment of payments) {
    const original = order.payments.find((p) => p.sequence === payment.sequence)!;
    original.refundedFen += payment.amountFen;
    order.changedPayments.add(original.sequence);
    ledger.push([payment.accountCode, -payment.amountFen]);
  }
  const taxFen = lines.reduce((sum, line) => sum + line.taxFen, 0);
  ledger.push([revenueAccount, amountFen - taxFen], [taxAccount, taxFen]);
  order.refundedFen += amountFen;
  order.status = statusOf(order);

  const state: RefundState = {
    storeCode: refund.store_code,
    refundNumber: refund.refund_number,
    orderNumber: refund.order_number,
    kind,
    refundedAt: refund.refunded_at,
    businessDate: date,
    period,
    localHour: hour,
    amountFen,
    taxFen,
    returnedValueFen: lines.reduce((sum, line) => sum + line.returnedValueFen, 0),
    returnStock: refund.return_stock,
    paymentsGiven: refund.payments.length > 0,
    reason: refund.reason,
    inputHash,
    batchId: 0,
    journalEntryId: null,
    postedAt: scope.now,
    lines,
    payments,
  };
  scope.entries.add('refunds', state.storeCode, date, ledger);
  addToSummaries(scope, order, state);
  return state;
}

/** Shares of a refund by quantity: the lines named, or every line's remainder for a full refund. */
function quantityShares(order: OrderState, refund: CanonicalRefund, prefix: string): LineShare[] {
  const requested =
    refund.lines.length > 0
      ? refund.lines.map((line, index) => ({ ...line, field: `${prefix}.lines[${index}]` }))
      : order.lines.map((line) => ({ line_number: line.lineNumber, quantity_micro: line.quantityMicro - line.refundedQuantityMicro, field: prefix }));

  const issues: PostingIssue[] = [];
  const seen = new Set<number>();
  const shares: LineShare[] = [];
  for (const request of requested) {
    const line = order.lines.find((candidate) => candidate.lineNumber === request.line_number);
    if (!line) {
      issues.push({ field: `${request.field}.line_number`, code: 'refund_line_not_found', params: { value: request.line_number, count: order.lines.length }, value: request.line_number });
      continue;
    }
    if (seen.has(line.lineNumber)) {
      issues.push({ field: `${request.field}.line_number`, code: 'refund_line_repeated', params: { value: line.lineNumber }, value: line.lineNumber });
      continue;
    }
    seen.add(line.lineNumber);

    const remainingQuantity = line.quantityMicro - line.refundedQuantityMicro;
    if (request.quantity_micro > remainingQuantity) {
      issues.push({
        field: `${request.field}.quantity`,
        code: 'refund_quantity_exceeds',
        params: { line_number: line.lineNumber, value: fromMicro(request.quantity_micro), remaining: fromMicro(remainingQuantity) },
        value: fromMicro(request.quantity_micro),
      });
      continue;
    }
    const remainingNet = line.netFen - line.refundedFen;
    const remainingTax = line.taxFen - line.refundedTaxFen;
    if (request.quantity_micro === 0 && remainingNet === 0) continue;
    const whole = request.quantity_micro === remainingQuantity;
    shares.push({
      line,
      quantityMicro: request.quantity_micro,
      amountFen: whole ? remainingNet : mulDivRound(remainingNet, request.quantity_micro, remainingQuantity),
      taxFen: whole ? remainingTax : mulDivRound(remainingTax, request.quantity_micro, remainingQuantity),
    });
  }
  if (issues.length > 0) throw new Rejection(issues);
  return shares;
}

/** Shares of a refund of money only, in proportion to what is left of each line. */
function amountShares(order: OrderState, amountFen: number, prefix: string): LineShare[] {
  const remaining = order.lines.map((line) => line.netFen - line.refundedFen);
  const available = remaining.reduce((sum, value) => sum + value, 0);
  if (amountFen > available) {
    throw new Rejection([{ field: `${prefix}.amount_fen`, code: 'refund_exceeds_remaining', params: { value: amountFen, remaining_fen: available }, value: amountFen }]);
  }
  const parts = allocate(amountFen, remaining);
  return order.lines
    .map((line, index) => {
      const part = parts[index]!;
      const remainingTax = line.taxFen - line.refundedTaxFen;
      const taxFen = part === remaining[index] ? remainingTax : mulDivRound(remainingTax, part, remaining[index]!);
      return { line, quantityMicro: 0, amountFen: part, taxFen };
    })
    .filter((share) => share.amountFen > 0);
}

/** Choose the refund's payments: as requested, or the order's payments in turn up to what is left of each. */
function refundPayments(order: OrderState, refund: CanonicalRefund, amountFen: number, prefix: string): RefundPaymentState[] {
  const left = (sequence: number) => {
    const payment = order.payments.find((p) => p.sequence === sequence);
    return payment ? payment.amountFen - payment.refundedFen : 0;
  };

  if (refund.payments.length > 0) {
    const issues: PostingIssue[] = [];
    refund.payments.forEach((request, index) => {
      const field = `${prefix}.payments[${index}]`;
      const payment = order.payments.find((p) => p.sequence === request.sequence);
      if (!payment) issues.push({ field: `${field}.sequence`, code: 'refund_payment_not_found', params: { value: request.sequence, count: order.payments.length }, value: request.sequence });
      else if (request.amount_fen > left(request.sequence)) {
        issues.push({ field: `${field}.amount_fen`, code: 'refund_payment_exceeds', params: { value: request.amount_fen, sequence: request.sequence, remaining_fen: left(request.sequence) }, value: request.amount_fen });
      }
    });
    const total = refund.payments.reduce((sum, payment) => sum + payment.amount_fen, 0);
    if (issues.length === 0 && total !== amountFen) {
      issues.push({ field: `${prefix}.payments`, code: 'refund_payments_mismatch', params: { paid_fen: total, refund_fen: amountFen } });
    }
    if (issues.length > 0) throw new Rejection(issues);
    return refund.payments.map((request) => {
      const payment = order.payments.find((p) => p.sequence === request.sequence)!;
      return { sequence: payment.sequence, method: payment.method, amountFen: request.amount_fen, transactionId: request.transaction_id, accountCode: payment.accountCode };
    });
  }

  const result: RefundPaymentState[] = [];
  let open = amountFen;
  for (const payment of order.payments) {
    if (open === 0) break;
    const part = Math.min(open, payment.amountFen - payment.refundedFen);
    if (part <= 0) continue;
    result.push({ sequence: payment.sequence, method: payment.method, amountFen: part, transactionId: null, accountCode: payment.accountCode });
    open -= part;
  }
  if (open > 0) {
    throw new Rejection([{ field: `${prefix}.payments`, code: 'refund_exceeds_payments', params: { refund_fen: amountFen, remaining_fen: amountFen - open } }]);
  }
  return result;
}

/**
 * Take a share back from its line: the line's refunded counters, and for a quantity its share of
 * what the line took from stock, returned at the cost it left with unless return_stock is false.
 */
function settleShare(scope: BatchScope, order: OrderState, refund: CanonicalRefund, share: LineShare, date: string, ledger: AccountAmount[]): RefundLineState {
  const { line } = share;
  const remainingQuantity = line.quantityMicro - line.refundedQuantityMicro;
  const whole = share.quantityMicro === remainingQuantity;
  const returned: Taking[] = [];
  let returnedValueFen = 0;

  if (share.quantityMicro > 0) {
    line.consumption.forEach(([itemCode, quantity, value], index) => {
      const settled = (line.settled[index] ??= [itemCode, 0, 0]);
      const openQuantity = quantity - settled[1];
      const openValue = value - settled[2];
      const backQuantity = whole ? openQuantity : mulDivRound(openQuantity, share.quantityMicro, remainingQuantity);
      const backValue = whole ? openValue : mulDivRound(openValue, share.quantityMicro, remainingQuantity);
      settled[1] += backQuantity;
      settled[2] += backValue;
      if (backQuantity === 0 && backValue === 0) return;
      returned.push([itemCode, backQuantity, backValue]);
      if (!refund.return_stock || backQuantity === 0) return;

      const valuation = scope.book.apply({
        storeCode: order.storeCode,
        itemCode,
        kind: 'refund_return',
        quantityMicro: backQuantity,
        nominalFen: backValue,
        businessDate: date,
        occurredAt: refund.refunded_at,
        sourceType: 'refunds_batch',
        group: `refund\u0000${date}`,
      });
      returnedValueFen += valuation.delta;
      const kind = scope.book.item(itemCode).kind;
      ledger.push([scope.rules.inventory(kind), valuation.delta], [scope.rules.cogs(kind), -valuation.delta]);
    });
  }

  line.refundedQuantityMicro += share.quantityMicro;
  line.refundedFen += share.amountFen;
  line.refundedTaxFen += share.taxFen;
  order.changedLines.add(line.lineNumber);
  return { lineNumber: line.lineNumber, quantityMicro: share.quantityMicro, amountFen: share.amountFen, taxFen: share.taxFen, returned, returnedValueFen };
}

function addToSummaries(scope: BatchScope, order: OrderState, refund: RefundState): void {
  const { storeCode: store, businessDate: date } = refund;
  const daily = scope.summaries.daily(store, date, order.channel);
  daily.refund_fen += refund.amountFen;
  daily.tax_fen -= refund.taxFen;
  daily.cogs_fen -= refund.returnedValueFen;
  scope.summaries.hourly(store, date, refund.localHour).refund_fen += refund.amountFen;
  for (const line of refund.lines) {
    const orderLine = order.lines.find((candidate) => candidate.lineNumber === line.lineNumber)!;
    const item = scope.summaries.item(store, date, summaryCode(orderLine));
    item.quantity_micro -= line.quantityMicro;
    item.net_fen -= line.amountFen;
    item.cogs_fen -= line.returnedValueFen;
  }
  for (const payment of refund.payments) scope.summaries.payment(store, date, payment.method).refund_fen += payment.amountFen;
}
