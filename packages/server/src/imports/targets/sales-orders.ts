import type { Role } from '../../auth/roles.js';
import type { BatchRefundInput, OrderInput } from '../../sales/canonical.js';
import { loadOrders, orderKey } from '../../sales/order-state.js';
import type { PostingOutcome } from '../../sales/outcomes.js';
import { postSalesBatch } from '../../sales/post-batch.js';
import { operationRoles, validateFields } from '../row-schema.js';
import type { BatchPlan, ImportContext, ImportRow, ImportTarget, RowIssue, RowResult } from '../target.js';
import { ORDER_NUMBER_FIELD, orderInputOf, rowFieldOf } from './sales-order-rows.js';
import { isRefundRow, refundNumberOf, refundRowIssues, resolveRefund, viewOfInput, viewOfState, type OrderView } from './sales-refund-rows.js';

/** The rows of a plan, split into orders and refunds, each with its place among the plan's results. */
interface SalesOrderPlan extends BatchPlan {
  orders: { result: number; input: OrderInput }[];
  refunds: { result: number; fields: Record<string, unknown> }[];
}

/** The field paths that posting gives an order and a refund; their issues are stripped of them. */
const ORDER_PREFIX = 'order';
const REFUND_PREFIX = 'refund';

/**
 * Import sales orders and their refunds. Each order row is one order with its lines and
 * payments, posted by the same service as `POST /orders/batch`, in the batch's transaction. A new
 * order is `created`. An order whose store and number were posted before with the same content
 * is `unchanged`, so a file imported twice posts nothing the second time. The same number with
 * other content is rejected, because a posted order is corrected by a refund, never edited.
 * Stores, menu items, closed periods and payments that do not add up reject the order, and
 * nothing of it is written.
 *
 * Refund rows (see isRefundRow) are posted after the orders of the same plan, by the same
 * refund rules as `POST /orders/{store}/{number}/refunds`, and keyed by their refund number in
 * the same way: the same refund again is `unchanged`.
 */
// The tables a posting writes: the orders and refunds, stock, journal and the sales summaries.
const POSTING_TABLES = [
  'orders',
  'order_lines',
  'order_payments',
  'refunds',
  'refund_lines',
  'refund_payments',
  'posting_batches',
  'stock_movements',
  'stock_balances',
  'journal_entries',
  'journal_lines',
  'ledger_balances',
  'sales_daily_summary',
  'sales_hourly_summary',
  'item_sales_daily',
  'payment_daily_summary',
];

export function salesOrderTarget(unitSize: number): ImportTarget<SalesOrderPlan> {
  const inputs = new WeakMap<ImportRow, OrderInput>();
  const inputOf = (row: ImportRow) => {
    let input = inputs.get(row);
    if (!input) {
      input = orderInputOf(row.fields);
      inputs.set(row, input);
    }
    return input;
  };

  return {
    resource: 'sales_order',
    roles: operationRoles('postOrderBatch') as Role[],
    matchableFields: new Set(),
    // A posted order never changes, so an import that only updates has nothing to do.
    modes: ['insert', 'upsert'],
    unitSize,
    tables: POSTING_TABLES,
    keyOf(row) {
      if (isRefundRow(row.fields)) return refundNumberOf(row.fields);
      const orderNumber = row.fields[ORDER_NUMBER_FIELD];
      return typeof orderNumber === 'string' ? orderNumber : null;
    },

    validate(rows) {
      return rows.map((row) => {
        if (isRefundRow(row.fields)) return refundRowIssues(row.fields);
        return validateFields('OrderInput', inputOf(row) as unknown as Record<string, unknown>, new Set()).map((issue) => toRowIssue(issue, rowFieldOf));
      });
    },

    // The outcome of an order is known only once posting has valued it, so `plan` marks every
    // row as created and `apply` settles the outcomes that posting returns.
    async plan(_context, rows) {
      const plan: SalesOrderPlan = { orders: [], refunds: [], results: [] };
      rows.forEach((row, index) => {
        if (isRefundRow(row.fields)) {
          plan.refunds.push({ result: index, fields: row.fields });
          plan.results.push({ line: row.line, outcome: 'created', key: refundNumberOf(row.fields) });
        } else {
          plan.orders.push({ result: index, input: inputOf(row) });
          plan.results.push({ line: row.line, outcome: 'created', key: inputOf(row).order_number });
        }
      });
      return plan;
    },

    async apply(context, plan) {
      const refunds = await resolveRefunds(context, plan);
      const posted = await postSalesBatch(
        { db: context.db, dialect: context.dialect, actor: context.actor, now: context.now },
        { orders: plan.orders.map((order) => order.input), refunds: refunds.map((refund) => refund.input) },
        { principal: context.principal, fieldPrefix: (kind) => (kind === 'orders' ? ORDER_PREFIX : REFUND_PREFIX) },
      );
      posted.orders.forEach((outcome, index) => settle(plan.results[plan.orders[index]!.result]!, outcome, ORDER_PREFIX, rowFieldOf, 'import_order_conflict'));
      posted.refunds.forEach((outcome, index) => {
        const refund = refunds[index]!;
        settle(plan.results[refund.result]!, outcome, REFUND_PREFIX, refund.rowFieldOf, 'import_refund_conflict');
      });
    },
  };
}

/**
 * Resolve the plan's refund rows against their orders: an order of the same plan, else a stored
 * one. Rows that cannot be resolved are rejected here and left out of posting.
 */
async function resolveRefunds(context: ImportContext, plan: SalesOrderPlan): Promise<{ result: number; input: BatchRefundInput; rowFieldOf: (path: string | null) => string | null }[]> {
  if (plan.refunds.length === 0) return [];
  const views = new Map<string, OrderView>();
  for (const order of plan.orders) views.set(orderKey(order.input.store_code, order.input.order_number), viewOfInput(order.input));

  const keys = plan.refunds.map(({ fields }) => ({ storeCode: fields.store_code as string, orderNumber: originalNumber(fields) }));
  const stored = await loadOrders(context.db, keys.filter((key) => !views.has(orderKey(key.storeCode, key.orderNumber))));
  for (const [key, order] of stored) views.set(key, viewOfState(order));

  const resolved: { result: number; input: BatchRefundInput; rowFieldOf: (path: string | null) => string | null }[] = [];
  plan.refunds.forEach(({ result, fields }, index) => {
    const { storeCode, orderNumber } = keys[index]!;
    const refund = resolveRefund(fields, views.get(orderKey(storeCode, orderNumber)));
    const rowFieldOfRefund = (path: string | null) => (path ? (refund.rowFields.get(path) ?? path) : null);

    const issues = refund.input ? validateFields('BatchRefundInput', refund.input as unknown as Record<string, unknown>, new Set()).map((issue) => toRowIssue(issue, rowFieldOfRefund)) : refund.issues;
    if (issues.length > 0 || !refund.input) {
      plan.results[result]!.outcome = 'rejected';
      plan.results[result]!.issues = issues;
      return;
    }
    resolved.push({ result, input: refund.input, rowFieldOf: rowFieldOfRefund });
  });
  return resolved;
}

function originalNumber(fields: Record<string, unknown>): string {
  return String(fields.original_order_no ?? fields.order_no);
}

function settle(result: RowResult, outcome: PostingOutcome, prefix: string, rowField: (path: string | null) => string | null, conflictCode: string): void {
  if (outcome.outcome === 'posted') return;
  if (outcome.outcome === 'duplicate') {
    result.outcome = 'unchanged';
    return;
  }
  result.outcome = 'rejected';
  if (outcome.outcome === 'conflict') {
    const fields = (outcome.differences ?? []).map((difference) => rowField(difference.field) ?? difference.field);
    const keyField = prefix === ORDER_PREFIX ? ORDER_NUMBER_FIELD : (rowField('refund_number') ?? ORDER_NUMBER_FIELD);
    result.issues = [{ field: keyField, code: conflictCode, params: { fields, value: result.key }, value: result.key }];
    return;
  }
  result.issues = (outcome.issues ?? []).map((issue) => toRowIssue({ ...issue, field: withoutPrefix(issue.field, prefix) }, rowField));
}

function withoutPrefix(field: string, prefix: string): string {
  if (field === prefix) return '';
  return field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
}

function toRowIssue(issue: { field: string | null; code: string; params?: Record<string, unknown>; value?: unknown }, rowField: (path: string | null) => string | null): RowIssue {
  return { field: rowField(issue.field || null), code: issue.code, ...(issue.params ? { params: issue.params } : {}), ...(issue.value !== undefined ? { value: issue.value } : {}) };
}
