import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type Order = Schemas['Order'];
type OrderListItem = Schemas['OrderPage']['data'][number];
type OrderInput = Schemas['OrderInput'];
type BatchRefundInput = Schemas['BatchRefundInput'];
type PostingOutcome = Schemas['PostingOutcome'];
type OrderFilters = NonNullable<operations['listOrders']['parameters']['query']>;

/** The largest batch the API takes in one request. */
export const MAX_BATCH = 10_000;

export interface PostBatchOptions {
  /** Refunds to post after all the orders; they may refund orders of the same call. */
  refunds?: BatchRefundInput[];
  /** Orders (and refunds) per request; 1,000 by default, at most 10,000. */
  batchSize?: number;
  /** Reject each request as a whole when any of its records is rejected; see the API's `atomic`. */
  atomic?: boolean;
  /** Called after each request, for progress bars. */
  onBatch?: (progress: { done: number; total: number; result: Schemas['OrderBatchResult'] }) => void;
  signal?: AbortSignal;
}

/** The outcome of postBatch over all its requests, with indexes into the arrays given. */
export interface BatchSummary {
  posted: number;
  duplicates: number;
  rejected: number;
  conflicts: number;
  /** The ids of the posting batches, one per request that posted something. */
  batchIds: number[];
  orders: PostingOutcome[];
  refunds: PostingOutcome[];
}

/**
 * Sales: post orders one at a time or in batches, refund them, read them back. Posting is
 * idempotent by store and order number: the same order again returns the first posting.
 */
export class OrdersResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Post one order; returns it as posted (or as posted before, for the same number and content). */
  async post(order: OrderInput, options: WriteOptions = {}): Promise<Order> {
    return (await this.#transport.request<Order>('POST', '/orders', { ...options, body: order })).body;
  }

  /**
   * Post many orders (and then refunds) in requests of `batchSize`, each one transaction on the
   * server. Every request carries its own idempotency key, so a retried request never posts
   * twice; re-running the whole call returns the records as duplicates.
   *
   * ```ts
   * const summary = await boh.orders.postBatch(orders, { batchSize: 2000 });
   * for (const o of summary.orders.filter((o) => o.outcome === 'rejected')) console.log(o.index, o.errors);
   * ```
   */
  async postBatch(orders: OrderInput[], options: PostBatchOptions = {}): Promise<BatchSummary> {
    const size = Math.min(Math.max(1, options.batchSize ?? 1000), MAX_BATCH);
    const refunds = options.refunds ?? [];
    const summary: BatchSummary = { posted: 0, duplicates: 0, rejected: 0, conflicts: 0, batchIds: [], orders: [], refunds: [] };
    const total = orders.length + refunds.length;
    let done = 0;

    const send = async (body: Schemas['OrderBatchInput'], orderOffset: number, refundOffset: number) => {
      const result = (await this.#transport.request<Schemas['OrderBatchResult']>('POST', '/orders/batch', { body, signal: options.signal })).body;
      summary.posted += result.posted;
      summary.duplicates += result.duplicates;
      summary.rejected += result.rejected;
      summary.conflicts += result.conflicts;
      if (result.batch_id !== null) summary.batchIds.push(result.batch_id);
      summary.orders.push(...result.orders.map((o) => shift(o, 'orders', orderOffset)));
      summary.refunds.push(...result.refunds.map((o) => shift(o, 'refunds', refundOffset)));
      done += result.orders.length + result.refunds.length;
      options.onBatch?.({ done, total, result });
    };

    for (let start = 0; start < orders.length; start += size) {
      await send({ orders: orders.slice(start, start + size), ...(options.atomic ? { atomic: true } : {}) }, start, 0);
    }
    for (let start = 0; start < refunds.length; start += size) {
      await send({ orders: [], refunds: refunds.slice(start, start + size), ...(options.atomic ? { atomic: true } : {}) }, 0, start);
    }
    return summary;
  }

  /** Read one order with its lines, payments and refunds. */
  async get(storeCode: string, orderNumber: string, options: { signal?: AbortSignal } = {}): Promise<Order> {
    return (await this.#transport.request<Order>('GET', orderPath(storeCode, orderNumber), options)).body;
  }

  /**
   * List posted orders, newest business date first; iterate to walk every page. With
   * `details: true` each order comes with its lines, payments and refunds.
   */
  list(filters: OrderFilters = {}): PagedList<OrderListItem> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<OrderListItem>>('GET', '/orders', { query })).body;
    }, this.#transport.options.language);
  }

  /**
   * Refund an order: fully (neither `lines` nor `amount_fen`), by line and quantity, or by amount.
   * The same refund number again returns the first refund.
   */
  async refund(storeCode: string, orderNumber: string, refund: Schemas['RefundInput'], options: WriteOptions = {}): Promise<Schemas['Refund']> {
    const path = `${orderPath(storeCode, orderNumber)}/refunds`;
    return (await this.#transport.request<Schemas['Refund']>('POST', path, { ...options, body: refund })).body;
  }
}

/** Move an outcome of one request to its place in the whole call: its index and the paths of its errors. */
function shift(outcome: PostingOutcome, kind: 'orders' | 'refunds', offset: number): PostingOutcome {
  if (offset === 0) return outcome;
  const index = outcome.index + offset;
  const prefix = `${kind}[${outcome.index}]`;
  const moved = (text: string) => (text.startsWith(prefix) ? `${kind}[${index}]${text.slice(prefix.length)}` : text);
  const errors = outcome.errors?.map((error) => ({ ...error, field: moved(error.field), message: moved(error.message) }));
  return { ...outcome, index, ...(errors ? { errors } : {}) };
}

function orderPath(storeCode: string, orderNumber: string): string {
  return `/orders/${encodeURIComponent(storeCode)}/${encodeURIComponent(orderNumber)}`;
}
