import { ApiError } from '../http/api-error.js';
import { InsufficientStockError } from '../inventory/stock-book.js';
import { periodClosedError } from '../ledger/periods.js';
import { businessDate, localTime, periodOf } from '../time/business-date.js';
import { lineAmounts } from './amounts.js';
import type { BatchScope, StoreInfo } from './batch-scope.js';
import type { CanonicalOrder } from './canonical.js';
import type { AccountAmount } from './entry-builder.js';
import { summaryCode, type LineState, type OrderState, type PaymentState, type Taking } from './order-state.js';
import { Rejection, issuesOfError, type PostingIssue } from './outcomes.js';
import { consumeMicro } from './recipe-book.js';

/** One line resolved against master data. */
interface ResolvedLine {
  taxCategory: string;
  rateBp: number;
  /** What one unit of the line takes from stock: [item, fraction] for menu items, the item itself for items. */
  takes: (quantityMicro: number) => [string, number][];
}

/**
 * Check and value one order of a batch: resolve its lines, compute the amounts and VAT, check
 * the payments, take its stock through the recipes, and add its effects to the batch's journal
 * entry and summaries. Throws a Rejection, leaving nothing behind, when the order cannot post.
 */
export function evaluateOrder(scope: BatchScope, order: CanonicalOrder, inputHash: string, store: StoreInfo, prefix: string): OrderState {
  const date = businessDate(order.ordered_at, store.timezone, store.dayEndCutoff);
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

  let payments: PaymentState[];
  let revenueAccount: string;
  try {
    revenueAccount = scope.rules.revenue(order.channel);
    payments = order.payments.map((payment, index) => ({
      sequence: index + 1,
      method: payment.method,
      amountFen: payment.amount_fen,
      transactionId: payment.transaction_id,
      merchantOrderNumber: payment.merchant_order_number,
      accountCode: scope.rules.payment(payment.method, order.channel),
      refundedFen: 0,
    }));
  } catch (error) {
    throw new Rejection(issuesOfError(error, prefix));
  }

  const flags = new Set<string>();
  const ledger: AccountAmount[] = payments.map((payment) => [payment.accountCode, payment.amountFen]);
  const lines = takeStock(scope, order, date, resolved, amounts.lines, flags, ledger, prefix);

  const taxFen = lines.reduce((sum, line) => sum + line.taxFen, 0);
  ledger.push([revenueAccount, -(netFen - taxFen)], [scope.rules.account('output_vat'), -taxFen]);

  const state: OrderState = {
    storeCode: order.store_code,
    orderNumber: order.order_number,
    channel: order.channel,
    orderedAt: order.ordered_at,
    businessDate: date,
    period,
    localHour: localTime(order.ordered_at, store.timezone).hour,
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

  scope.entries.add('sales', state.storeCode, date, ledger);
  addToSummaries(scope, state);
  return state;
}

function resolveLines(scope: BatchScope, order: CanonicalOrder, date: string, prefix: string): ResolvedLine[] {
  const issues: PostingIssue[] = [];
  const resolved = order.lines.map((line, index): ResolvedLine | undefined => {
    const field = `${prefix}.lines[${index}]`;
    let taxCategory: string;
    let takes: ResolvedLine['takes'];

    if (line.menu_item_code !== null) {
      const menuItem = scope.recipes.menuItem(line.menu_item_code);
      if (!menuItem) {
        issues.push({ field: `${field}.menu_item_code`, code: 'reference_not_found', params: { resource: 'menu_item', value: line.menu_item_code }, value: line.menu_item_code });
        return undefined;
      }
      const expansion = scope.recipes.expand(menuItem.code);
      const missing = [...expansion.keys()].find((item) => !scope.items.has(item));
      if (missing) {
        issues.push({ field: `${field}.menu_item_code`, code: 'recipe_item_missing', params: { value: menuItem.code, item: missing }, value: menuItem.code });
        return undefined;
      }
      taxCategory = menuItem.taxCategory;
      takes = (quantity) => [...expansion].map(([item, fraction]) => [item, consumeMicro(quantity, fraction)]);
    } else {
      const item = scope.items.get(line.item_code!);
      if (!item) {
        issues.push({ field: `${field}.item_code`, code: 'reference_not_found', params: { resource: 'item', value: line.item_code }, value: line.item_code });
        return undefined;
      }
      taxCategory = item.taxCategory;
      takes = (quantity) => [[item.code, quantity]];
    }

    const rateBp = scope.taxRates.rateOn(taxCategory, date);
    if (rateBp === undefined) {
      issues.push({ field, code: 'tax_rate_missing', params: { tax_category: taxCategory, date } });
      return undefined;
    }
    return { taxCategory, rateBp, takes };
  });
  if (issues.length > 0) throw new Rejection(issues);
  return resolved as ResolvedLine[];
}

/**
 * Take each line's stock at moving-average cost, one item after the other, and build the line
 * states. The movements go into the batch's one sale movement per store, date and item.
 */
function takeStock(
  scope: BatchScope,
  order: CanonicalOrder,
  date: string,
  resolved: ResolvedLine[],
  amounts: NonNullable<ReturnType<typeof lineAmounts>['lines']>,
  flags: Set<string>,
  ledger: AccountAmount[],
  prefix: string,
): LineState[] {
  const checkpoint = scope.book.checkpoint();
  try {
    return order.lines.map((line, index) => {
      const consumption: Taking[] = [];
      for (const [itemCode, quantity] of resolved[index]!.takes(line.quantity_micro)) {
        if (quantity === 0) continue;
        const valuation = scope.book.apply({
          storeCode: order.store_code,
          itemCode,
          kind: 'sale',
          quantityMicro: -quantity,
          businessDate: date,
          occurredAt: order.ordered_at,
          sourceType: 'sales_batch',
          group: `sale\u0000${date}`,
        });
        if (valuation.negative) flags.add('negative_stock');
        if (valuation.estimated) flags.add('estimated_cost');
        const value = -valuation.delta;
        consumption.push([itemCode, quantity, value]);
        const kind = scope.book.item(itemCode).kind;
        ledger.push([scope.rules.cogs(kind), value], [scope.rules.inventory(kind), -value]);
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
        cogsFen: consumption.reduce((sum, [, , value]) => sum + value, 0),
        consumption,
        refundedQuantityMicro: 0,
        refundedFen: 0,
        refundedTaxFen: 0,
        settled: consumption.map(([item]) => [item, 0, 0] as Taking),
      };
    });
  } catch (error) {
    scope.book.rollback(checkpoint);
    if (error instanceof InsufficientStockError || error instanceof ApiError) throw new Rejection(issuesOfError(error, prefix));
    throw error;
  }
}

function addToSummaries(scope: BatchScope, order: OrderState): void {
  const { storeCode: store, businessDate: date } = order;
  scope.summaries.daily(store, date, order.channel, {
    orders: 1,
    guests: order.guests,
    gross_fen: order.grossFen,
    discount_fen: order.discountFen,
    net_fen: order.netFen,
    tax_fen: order.taxFen,
    cogs_fen: order.cogsFen,
  });
  scope.summaries.hourly(store, date, order.localHour, { orders: 1, net_fen: order.netFen });
  for (const line of order.lines) {
    scope.summaries.item(store, date, summaryCode(line), { quantity_micro: line.quantityMicro, net_fen: line.netFen, cogs_fen: line.cogsFen });
  }
  for (const payment of order.payments) {
    scope.summaries.payment(store, date, payment.method, { payments: 1, amount_fen: payment.amountFen });
  }
}
