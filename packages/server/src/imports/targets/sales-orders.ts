import type { Role } from '../../auth/roles.js';
import type { OrderInput } from '../../sales/canonical.js';
import type { PostingOutcome } from '../../sales/outcomes.js';
import { postSalesBatch } from '../../sales/post-batch.js';
import { operationRoles, validateFields } from '../row-schema.js';
import type { BatchPlan, ImportRow, ImportTarget, RowIssue, RowResult } from '../target.js';
import { ORDER_NUMBER_FIELD, orderInputOf, rowFieldOf } from './sales-order-rows.js';

interface SalesOrderPlan extends BatchPlan {
  orders: OrderInput[];
}

/** The field path that posting gives the order itself; its issues are stripped of it. */
const ORDER_PREFIX = 'order';

/**
 * Import sales orders: each row is one order with its lines and payments, posted by the same
 * service as `POST /orders/batch`, in the batch's transaction. A new order is `created`. An
 * order whose store and number were posted before with the same content is `unchanged`, so a
 * file imported twice posts nothing the second time. The same number with other content is
 * rejected, because a posted order is corrected by a refund, never edited. Stores, menu items,
 * closed periods and payments that do not add up reject the order, and nothing of it is written.
 */
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
    keyOf: (row) => (typeof row.fields[ORDER_NUMBER_FIELD] === 'string' ? row.fields[ORDER_NUMBER_FIELD] : null),

    validate(rows) {
      return rows.map((row) => validateFields('OrderInput', inputOf(row) as unknown as Record<string, unknown>, new Set()).map(toRowIssue));
    },

    // The outcome of an order is known only once posting has valued it, so `plan` marks every
    // order as created and `apply` settles the outcomes that posting returns.
    async plan(_context, rows) {
      return {
        orders: rows.map(inputOf),
        results: rows.map((row) => ({ line: row.line, outcome: 'created', key: inputOf(row).order_number })),
      };
    },

    async apply(context, plan) {
      const posted = await postSalesBatch(
        { db: context.db, dialect: context.dialect, actor: context.actor, now: context.now },
        { orders: plan.orders },
        { principal: context.principal, fieldPrefix: () => ORDER_PREFIX },
      );
      posted.orders.forEach((outcome, index) => settle(plan.results[index]!, outcome));
    },
  };
}

function settle(result: RowResult, outcome: PostingOutcome): void {
  if (outcome.outcome === 'posted') return;
  if (outcome.outcome === 'duplicate') {
    result.outcome = 'unchanged';
    return;
  }
  result.outcome = 'rejected';
  if (outcome.outcome === 'conflict') {
    const fields = (outcome.differences ?? []).map((difference) => rowFieldOf(difference.field) ?? difference.field);
    result.issues = [{ field: ORDER_NUMBER_FIELD, code: 'import_order_conflict', params: { fields, value: result.key }, value: result.key }];
    return;
  }
  result.issues = (outcome.issues ?? []).map((issue) => toRowIssue({ ...issue, field: withoutPrefix(issue.field) }));
}

function withoutPrefix(field: string): string {
  if (field === ORDER_PREFIX) return '';
  return field.startsWith(`${ORDER_PREFIX}.`) ? field.slice(ORDER_PREFIX.length + 1) : field;
}

function toRowIssue(issue: { field: string | null; code: string; params?: Record<string, unknown>; value?: unknown }): RowIssue {
  return { field: rowFieldOf(issue.field), code: issue.code, ...(issue.params ? { params: issue.params } : {}), ...(issue.value !== undefined ? { value: issue.value } : {}) };
}
