import { periodClosedError } from '../ledger/periods.js';
import { businessTime, periodOf } from '../time/business-date.js';
import { lineAmounts, type LineAmounts } from './amounts.js';
import type { BatchScope, StoreInfo } from './batch-scope.js';
import type { CanonicalOrder } from './canonical.js';
import { addAmount } from './entry-builder.js';
import { summaryCode, type LineState, type OrderState, type PaymentState, type Taking } from './order-state.js';
import { Rejection, issuesOfError, type PostingIssue } from './outcomes.js';
import { consumeMicro } from './recipe-book.js';

/** One line resolved against master data. */
interface ResolvedLine {
  taxCategory: string;
  rateBp: number;
  /** The stock the line takes: [item, millionths of its base unit]. */
  takings: [string, number][];
}


/**
 * Check and value one order of a batch. The lines are resolved, the amounts and VAT computed, and
 * the payments, the accounts and (under the reject policy) the stock checked. Then the order takes
 * its stock through the recipes and adds its effects to the batch's journal entry and summaries.
 * Every check comes before the first change, so a Rejection leaves nothing behind.
 */
export function evaluateOrder(scope: BatchScope, order: CanonicalOrder, inputHash: string, store: StoreInfo, prefix: string): OrderState {
  const { businessDate: date, hour } = businessTime(order.ordered_at, store.timezone, store.dayEndCutoff);
  const period = periodOf(date);
  const status = scope.periods.get(period) ?? 'open';
  if (status !== 'open') throw new Rejection(issuesOfError(periodClosedError(period, status), prefix));

  const resolved = resolveLines(scope, order, date, prefix);
  const amounts = lineAmounts(
    order.lines.map((line, index) => ({ quantityMicro: line.quantity_micro, unitPriceFen: line.unit_price_fen, discountFen: line.discount_fen, rateBp: resolved[index]!.rateBp })),
    order.discount_fen,
  );
  if (!amounts.lines) {
    throw new Rejection(
      amounts.issues.map((issue) => ({
        field: issue.line === -1 ? `${prefix}.discount_fen` : `${prefix}.lines[${issue.line}].discount_fen`,
        code: issue.code,
        params: issue.params,
        value: issue.params.discount_fen,
      })),
    );
  }

  const netFen = amounts.lines.reduce((sum, line) => sum + line.netFen, 0);
  const paidFen = order.payments.reduce((sum, payment) => sum + payment.amount_fen, 0);
  if (paidFen !== netFen) {
    throw new Rejection([{ field: `${prefix}.payments`, code: 'payments_mismatch', params: { paid_fen: paidFen, net_fen: netFen, difference_fen: paidFen - netFen } }]);
  }

  // Accounts, then stock: the last checks before anything changes.
  let payments: PaymentState[];
  let revenueAccount: string;
  let taxAccount: string;
  const stockAccounts = scope.stockAccounts;
  try {
    revenueAccount = scope.rules.revenue(order.channel);
    taxAccount = scope.rules.account('output_vat');
    payments = order.payments.map((payment, index) => ({
      sequence: index + 1,
      method: payment.method,
      amountFen: payment.amount_fen,
      transactionId: payment.transaction_id,
      merchantOrderNumber: payment.merchant_order_number,
      accountCode: scope.rules.payment(payment.method, order.channel),
      refundedFen: 0,
    }));
    for (const line of resolved) {
      for (const [itemCode] of line.takings) {
        if (stockAccounts.has(itemCode)) continue;
        const kind = scope.book.item(itemCode).kind;
        stockAccounts.set(itemCode, { cogs: scope.rules.cogs(kind), inventory: scope.rules.inventory(kind) });
      }
    }
  } catch (error) {
    throw new Rejection(issuesOfError(error, prefix));
  }
  const shortfall = scope.book.rejectsNegative ? scope.book.shortfall(order.store_code, totalTakings(resolved)) : undefined;
  if (shortfall) throw new Rejection(issuesOfError(shortfall, prefix));

  const entry = scope.entries.entryFor('sales', order.store_code, date);
  const flags = new Set<string>();
  const lines = takeStock(scope, order, date, resolved, amounts.lines, flags);
  const taxFen = lines.reduce((sum, line) => sum + line.taxFen, 0);
  entry.documents += 1;
  for (const payment of payments) addAmount(entry, payment.accountCode, payment.amountFen);
  addAmount(entry, revenueAccount, -(netFen - taxFen));
  addAmount(entry, taxAccount, -taxFen);

  const state: OrderState = {
    storeCode: order.store_code,
    orderNumber: order.order_number,
    channel: order.channel,
    orderedAt: order.ordered_at,
    businessDate: date,
    period,
    localHour: hour,
    guests: order.guests,
    grossFen: lines.reduce((sum, line) => sum + line.grossFen, 0),
    discountFen: lines.reduce((sum, line) => sum + line.discountFen + line.allocatedDiscountFen, 0),
    orderDiscountFen: order.discount_fen,
    netFen,
    taxFen,
    cogsFen: lines.reduce((sum, line) => sum + line.cogsFen, 0),
    refundedFen: 0,
    status: 'posted',
    flags,
    note: order.note,
    inputHash,
    batchId: 0,
    journalEntryId: null,
    postedAt: scope.now,
    lines,
    payments,
    isNew: true,
    changedLines: new Set(),
    changedPayments: new Set(),
  };
  addToSummaries(scope, state);
  return state;
}

function resolveLines(scope: BatchScope, order: CanonicalOrder, date: string, prefix: string): ResolvedLine[] {
  const issues: PostingIssue[] = [];
  const resolved = order.lines.map((line, index): ResolvedLine | undefined => {
    const field = `${prefix}.lines[${index}]`;
    let taxCategory: string;
    let takings: [string, number][];

    if (line.menu_item_code !== null) {
      const menuItem = scope.recipes.menuItem(line.menu_item_code);
      if (!menuItem) {
        issues.push({ field: `${field}.menu_item_code`, code: 'reference_not_found', params: { resource: 'menu_item', value: line.menu_item_code }, value: line.menu_item_code });
        return undefined;
      }
      const expansion = scope.recipes.expand(menuItem.code);
      const missing = firstMissing(expansion.keys(), scope.items);
      if (missing !== undefined) {
        issues.push({ field: `${field}.menu_item_code`, code: 'recipe_item_missing', params: { value: menuItem.code, item: missing }, value: menuItem.code });
        return undefined;
      }
      taxCategory = menuItem.taxCategory;
      takings = [];
      for (const [item, fraction] of expansion) {
        const quantity = consumeMicro(line.quantity_micro, fraction);
        if (quantity !== 0) takings.push([item, quantity]);
      }
    } else {
      const item = scope.items.get(line.item_code!);
      if (!item) {
        issues.push({ field: `${field}.item_code`, code: 'reference_not_found', params: { resource: 'item', value: line.item_code }, value: line.item_code });
        return undefined;
      }
      taxCategory = item.taxCategory;
      takings = [[item.code, line.quantity_micro]];
    }

    const rateBp = scope.taxRates.rateOn(taxCategory, date);
    if (rateBp === undefined) {
      issues.push({ field, code: 'tax_rate_missing', params: { tax_category: taxCategory, date } });
      return undefined;
    }
    return { taxCategory, rateBp, takings };
  });
  if (issues.length > 0) throw new Rejection(issues);
  return resolved as ResolvedLine[];
}

function firstMissing(codes: Iterable<string>, items: ReadonlyMap<string, unknown>): string | undefined {
  for (const code of codes) if (!items.has(code)) return code;
  return undefined;
}

function totalTakings(lines: ResolvedLine[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) for (const [item, quantity] of line.takings) totals.set(item, (totals.get(item) ?? 0) + quantity);
  return totals;
}

/**
 * Take each line's stock at moving-average cost, one item after the other, and build the line
 * states. The movements go into the batch's one sale movement per store, date and item, whose
 * values `addSaleCosts` books once the batch's orders are taken.
 */
function takeStock(scope: BatchScope, order: CanonicalOrder, date: string, resolved: ResolvedLine[], amounts: LineAmounts[], flags: Set<string>): LineState[] {
  const group = `sale\u0000${date}`;
  return order.lines.map((line, index) => {
    const consumption: Taking[] = [];
    let cogsFen = 0;
    for (const [itemCode, quantity] of resolved[index]!.takings) {
      const valuation = scope.book.take(order.store_code, itemCode, quantity, group, date, order.ordered_at);
      if (valuation.negative) flags.add('negative_stock');
      if (valuation.estimated) flags.add('estimated_cost');
      const value = -valuation.delta;
      consumption.push([itemCode, quantity, value]);
      cogsFen += value;
    }

    const lineAmount = amounts[index]!;
    return {
      lineNumber: index + 1,
      menuItemCode: line.menu_item_code,
      itemCode: line.item_code,
      quantityMicro: line.quantity_micro,
      unitPriceFen: line.unit_price_fen,
      grossFen: lineAmount.grossFen,
      discountFen: lineAmount.discountFen,
      allocatedDiscountFen: lineAmount.allocatedDiscountFen,
      netFen: lineAmount.netFen,
      taxCategory: resolved[index]!.taxCategory,
      taxRateBp: resolved[index]!.rateBp,
      taxFen: lineAmount.taxFen,
      cogsFen,
      consumption,
      refundedQuantityMicro: 0,
      refundedFen: 0,
      refundedTaxFen: 0,
      settled: [],
    };
  });
}

/**
 * Book the cost of the stock the batch's orders took: cost of goods sold against inventory, on
 * each store and date's sales entry, from the sale movements. A movement sums the takes of one
 * store, date and item, so this adds a few hundred amounts instead of one per take.
 */
export function addSaleCosts(scope: BatchScope): void {
  for (const row of scope.book.rows) {
    if (row.kind !== 'sale' || row.value_fen === 0) continue;
    const accounts = scope.stockAccounts.get(row.item_code)!;
    const entry = scope.entries.entryFor('sales', row.store_code, row.business_date);
    addAmount(entry, accounts.cogs, -row.value_fen);
    addAmount(entry, accounts.inventory, row.value_fen);
  }
}

function addToSummaries(scope: BatchScope, order: OrderState): void {
  const { storeCode: store, businessDate: date } = order;
  const daily = scope.summaries.daily(store, date, order.channel);
  daily.orders += 1;
  daily.guests += order.guests;
  daily.gross_fen += order.grossFen;
  daily.discount_fen += order.discountFen;
  daily.net_fen += order.netFen;
  daily.tax_fen += order.taxFen;
  daily.cogs_fen += order.cogsFen;

  const hourly = scope.summaries.hourly(store, date, order.localHour);
  hourly.orders += 1;
  hourly.net_fen += order.netFen;

  for (const line of order.lines) {
    const item = scope.summaries.item(store, date, summaryCode(line));
    item.quantity_micro += line.quantityMicro;
    item.net_fen += line.netFen;
    item.cogs_fen += line.cogsFen;
  }
  for (const payment of order.payments) {
    const method = scope.summaries.payment(store, date, payment.method);
    method.payments += 1;
    method.amount_fen += payment.amountFen;
  }
}
