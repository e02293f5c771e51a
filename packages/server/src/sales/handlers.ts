import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { canAccessStore } from '../auth/roles.js';
import { ApiError, notFound } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler, HandlerContext, OperationId } from '../http/handler.js';
import type { PostingContext } from '../ledger/context.js';
import type { BatchRefundInput, OrderInput } from './canonical.js';
import { rejectionError } from './issue-status.js';
import { toFieldErrors } from './issue-messages.js';
import { validateElement } from './item-validation.js';
import { loadOrders, orderKey } from './order-state.js';
import type { PostingOutcome } from './outcomes.js';
import { postSalesBatch } from './post-batch.js';
import { loadRefunds, loadRefundsOfOrders, orderFieldsToApi, orderToApi, refundToApi } from './to-api.js';
import type { OrderTable } from './tables.js';
import { checkDateRange } from '../http/date-range.js';

/** The posting context of a write request: its transaction, dialect and caller. */
export function postingContextOf<K extends OperationId>(c: HandlerContext<K>): PostingContext {
  return { db: c.db, dialect: c.database.dialect, actor: c.actor };
}

const postOrder: Handler<'postOrder'> = async (c) => {
  const result = await postSalesBatch(postingContextOf(c), { orders: [c.body] }, { principal: c.principal, fieldPrefix: () => 'body' });
  const outcome = result.orders[0]!;
  const key = orderKey(c.body.store_code, c.body.order_number);

  if (outcome.outcome === 'posted') return { status: 201, body: orderToApi(result.postedOrders.get(key)!, []) };
  if (outcome.outcome === 'duplicate') return { status: 200, body: await readOrder(c, c.body.store_code, c.body.order_number) };
  if (outcome.outcome === 'conflict') {
    throw new ApiError(409, 'order_conflict', { store_code: c.body.store_code, order_number: c.body.order_number, fields: outcome.differences!.map((d) => d.field), differences: outcome.differences });
  }
  throw rejectionError(outcome);
};

const postOrderBatch: Handler<'postOrderBatch'> = async (c) => {
  const rawOrders = c.body.orders as unknown[];
  const rawRefunds = (c.body.refunds ?? []) as unknown[];
  const invalidOrders = new Map<number, PostingOutcome>();
  const invalidRefunds = new Map<number, PostingOutcome>();
  const validOrders: { index: number; order: OrderInput }[] = [];
  const validRefunds: { index: number; refund: BatchRefundInput }[] = [];

  rawOrders.forEach((order, index) => {
    const issues = validateElement('OrderInput', order, `orders[${index}]`);
    if (issues.length === 0) validOrders.push({ index, order: order as OrderInput });
    else invalidOrders.set(index, { index, ...keyFields(order), outcome: 'rejected', issues });
  });
  rawRefunds.forEach((refund, index) => {
    const issues = validateElement('BatchRefundInput', refund, `refunds[${index}]`);
    if (issues.length === 0) validRefunds.push({ index, refund: refund as BatchRefundInput });
    else invalidRefunds.set(index, { index, ...keyFields(refund), refund_number: stringField(refund, 'refund_number'), outcome: 'rejected', issues });
  });
  if (c.body.atomic && (invalidOrders.size > 0 || invalidRefunds.size > 0)) {
    const outcomes = [...invalidOrders.values(), ...invalidRefunds.values()];
    const issues = outcomes.flatMap((o) => o.issues ?? []).map((issue) => ({ ...issue, field: `body.${issue.field}` }));
    throw new ApiError(422, 'batch_rejected', { count: outcomes.length, indexes: issues.map((i) => i.field) }, issues);
  }

  const result = await postSalesBatch(
    postingContextOf(c),
    { orders: validOrders.map((v) => v.order), refunds: validRefunds.map((v) => v.refund) },
    {
      atomic: c.body.atomic,
      principal: c.principal,
      fieldPrefix: (kind, index) => (kind === 'orders' ? `orders[${validOrders[index]!.index}]` : `refunds[${validRefunds[index]!.index}]`),
    },
  );

  const orders = merge(rawOrders.length, invalidOrders, result.orders, (i) => validOrders[i]!.index);
  const refunds = merge(rawRefunds.length, invalidRefunds, result.refunds, (i) => validRefunds[i]!.index);
  const all = [...orders, ...refunds];
  const count = (outcome: PostingOutcome['outcome']) => all.filter((o) => o.outcome === outcome).length;
  return {
    status: 200,
    body: {
      batch_id: result.batchId,
      posted: count('posted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      conflicts: count('conflict'),
      orders: orders.map((o) => outcomeToApi(c, o)),
      refunds: refunds.map((o) => outcomeToApi(c, o)),
    },
  };
};

const getOrder: Handler<'getOrder'> = async (c) => {
  if (!canAccessStore(c.principal, c.params.store_code)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: c.params.store_code });
  }
  return { status: 200, body: await readOrder(c, c.params.store_code, c.params.order_number) };
};

const refundOrder: Handler<'refundOrder'> = async (c) => {
  const { store_code, order_number } = c.params;
  const result = await postSalesBatch(postingContextOf(c), { orders: [], refunds: [{ ...c.body, store_code, order_number }] }, { principal: c.principal, fieldPrefix: () => 'body' });
  const outcome = result.refunds[0]!;

  if (outcome.outcome === 'posted') return { status: 201, body: refundToApi(result.postedRefunds.get(orderKey(store_code, c.body.refund_number))!) };
  if (outcome.outcome === 'duplicate') {
    const [refund] = await loadRefunds(c.db, store_code, { refundNumber: c.body.refund_number });
    return { status: 200, body: refund! };
  }
  if (outcome.outcome === 'conflict') {
    throw new ApiError(409, 'refund_conflict', { store_code, refund_number: c.body.refund_number, fields: outcome.differences!.map((d) => d.field), differences: outcome.differences });
  }
  if (outcome.issues?.some((issue) => issue.code === 'order_not_found')) throw new ApiError(404, 'not_found', { resource: 'order', key: `${store_code}/${order_number}` });
  throw rejectionError(outcome);
};

const listOrders: Handler<'listOrders'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const postgres = c.database.dialect === 'postgres';
  let query = c.db.selectFrom('orders').selectAll();
  if (c.query.store_code) query = query.where('store_code', '=', c.query.store_code);
  if (c.principal.role === 'store_manager') {
    const stores = c.principal.storeCodes;
    query = stores.length > 0 ? query.where('store_code', 'in', stores) : query.where(sql<boolean>`1 = 0`);
  }
  checkDateRange(c.query);
  if (c.query.from) query = query.where('business_date', '>=', c.query.from);
  if (c.query.to) query = query.where('business_date', '<=', c.query.to);
  if (c.query.channel) query = query.where('channel', '=', c.query.channel);
  if (c.query.status) query = query.where('status', '=', c.query.status);

  // Newest business date first, then store and number, compared byte-wise on both databases.
  const store = postgres ? sql`store_code collate "C"` : sql`store_code`;
  const number = postgres ? sql`order_number collate "C"` : sql`order_number`;
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, '-business_date');
    const [storeCode, orderNumber] = position.key.split('\u0000');
    query = query.where(sql<boolean>`(business_date, ${store}, ${number}) < (${String(position.value)}, ${storeCode ?? ''}, ${orderNumber ?? ''})`);
  }
  const rows = await query.orderBy('business_date', 'desc').orderBy(store, 'desc').orderBy(number, 'desc').limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: '-business_date', value: last.business_date, key: `${last.store_code}\u0000${last.order_number}` }) : null;
  const data = c.query.details ? await ordersWithDetails(c.db, page) : page.map(orderFieldsToApi);
  return { status: 200, body: { data, next_cursor: next } };
};

/** Convert a page of order rows to whole orders, reading their lines, payments and refunds in a few queries. */
async function ordersWithDetails(db: Kysely<Database>, rows: OrderTable[]) {
  const keys = rows.map((row) => ({ storeCode: row.store_code, orderNumber: row.order_number }));
  const orders = await loadOrders(db, keys);
  const refunds = await loadRefundsOfOrders(db, keys);
  return rows.map((row) => {
    const key = orderKey(row.store_code, row.order_number);
    return orderToApi(orders.get(key)!, refunds.get(key) ?? []);
  });
}

async function readOrder<K extends OperationId>(c: HandlerContext<K>, storeCode: string, orderNumber: string) {
  const order = (await loadOrders(c.db, [{ storeCode, orderNumber }])).get(orderKey(storeCode, orderNumber));
  if (!order) throw notFound('order', `${storeCode}/${orderNumber}`);
  return orderToApi(order, await loadRefunds(c.db, storeCode, { orderNumber }));
}

function outcomeToApi<K extends OperationId>(c: HandlerContext<K>, outcome: PostingOutcome) {
  return {
    index: outcome.index,
    store_code: outcome.store_code ?? null,
    order_number: outcome.order_number ?? null,
    ...(outcome.refund_number !== undefined ? { refund_number: outcome.refund_number } : {}),
    outcome: outcome.outcome,
    ...(outcome.issues ? { errors: toFieldErrors(c.language, outcome.issues) } : {}),
    ...(outcome.differences ? { differences: outcome.differences } : {}),
  };
}

/** Put the outcomes of the valid elements back among the invalid ones, at their original places. */
function merge(length: number, invalid: Map<number, PostingOutcome>, valid: PostingOutcome[], originalIndex: (i: number) => number): PostingOutcome[] {
  const merged: PostingOutcome[] = new Array(length);
  for (const [index, outcome] of invalid) merged[index] = outcome;
  valid.forEach((outcome, i) => (merged[originalIndex(i)] = { ...outcome, index: originalIndex(i) }));
  return merged;
}

function keyFields(value: unknown): { store_code: string | null; order_number: string | null } {
  return { store_code: stringField(value, 'store_code'), order_number: stringField(value, 'order_number') };
}

function stringField(value: unknown, name: string): string | null {
  const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  return typeof field === 'string' ? field : null;
}

export const salesHandlers = { postOrder, postOrderBatch, getOrder, refundOrder, listOrders };
