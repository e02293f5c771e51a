import { WritePipeline } from '../db/write-pipeline.js';
import type { PostingContext } from '../ledger/context.js';
import { JournalEntryIds } from '../ledger/entry-ids.js';
import { EntryBuilder } from './entry-builder.js';
import { lineRows, orderRow, paymentRows, type OrderState } from './order-state.js';

/** Orders gathered before their rows are sent to PostgreSQL. */
const FLUSH_ORDERS = 500;

/** The tables a posting batch writes through its pipeline. */
const BATCH_TABLES = [
  'orders',
  'order_lines',
  'order_payments',
  'stock_movements',
  'stock_balances',
  'sales_daily_summary',
  'sales_hourly_summary',
  'item_sales_daily',
  'payment_daily_summary',
  'refunds',
  'refund_lines',
  'refund_payments',
] as const;

/**
 * Writes a batch's new orders, lines and payments while the batch is still being valued. An
 * order's rows are final once it is valued, so they are queued in groups of a few hundred on the
 * batch's write pipeline. On PostgreSQL the server inserts one group while Node.js values the
 * next, which the caller allows by yielding to the event loop now and then. SQLite writes on the
 * thread that values the orders, so nothing would overlap there, and all rows are sent at the
 * end. Groups of varying size made SQLite prepare and keep statements of new shapes, which cost
 * 10 % more time and 140 MiB more memory for 1,000,000 order lines.
 *
 * `open` creates the batch row and reserves the ids of the journal entries that orders will refer
 * to, so that a group's rows are built without waiting for the database. The entries themselves
 * are written last, when their amounts are complete. Await `settled()` before the transaction
 * ends, also after an error, so that no queued write runs outside it.
 */
export class OrderStream {
  readonly #context: PostingContext;
  readonly #now: string;
  readonly #entryIds: JournalEntryIds;
  #flushAt: number;
  readonly #reserved = new Map<string, number>();
  readonly pipeline: WritePipeline;
  #pending: OrderState[] = [];
  #batchId: number | undefined;
  #written = 0;

  constructor(context: PostingContext, now: string) {
    this.#context = context;
    this.#now = now;
    this.#entryIds = new JournalEntryIds(context);
    this.pipeline = new WritePipeline(context);
    this.#flushAt = this.pipeline.queues ? FLUSH_ORDERS : Number.POSITIVE_INFINITY;
  }

  /**
   * Create the batch row and reserve an entry id for each key that orders and refunds are expected
   * to post to. Call before `add`. A key missed here is reserved when it is first needed.
   */
  async open(entryKeys: Iterable<string>): Promise<void> {
    await this.pipeline.prepare(BATCH_TABLES);
    const { db, actor } = this.#context;
    const row = await db
      .insertInto('posting_batches')
      .values({ posted_at: this.#now, posted_by: actor.name, request_id: actor.requestId, orders: 0, refunds: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.#batchId = Number(row.id);
    await this.#reserve([...entryKeys]);
  }

  /** Add a valued order; its rows are sent with the next group. */
  add(order: OrderState): void {
    this.#pending.push(order);
    if (this.#pending.length >= this.#flushAt) this.#queueGroup();
  }

  /** True when writes are queued, so the caller should yield to the event loop now and then. */
  get writing(): boolean {
    return this.pipeline.queues;
  }

  /**
   * Send the remaining orders and return how many orders were sent. On PostgreSQL they are only
   * queued: `pipeline.finish()` waits for them.
   */
  async finish(): Promise<number> {
    if (this.#pending.length === 0) return this.#written;
    await this.#reserve(this.#pending.map(salesKey));
    if (this.pipeline.queues) {
      this.#queueGroup();
      return this.#written;
    }

    const orders = this.#pending;
    this.#pending = [];
    this.#assign(orders);
    await this.pipeline.insert('orders', orders.map(orderRow) as never);
    await this.pipeline.insert('order_lines', orders.flatMap(lineRows) as never);
    await this.pipeline.insert('order_payments', orders.flatMap(paymentRows) as never);
    this.#written += orders.length;
    return this.#written;
  }

  /** Delete the batch row of a batch that posted nothing, so that it is not listed. */
  async discard(): Promise<void> {
    if (this.#batchId === undefined || this.#written > 0) return;
    await this.pipeline.finish();
    await this.#context.db.deleteFrom('posting_batches').where('id', '=', this.#batchId).execute();
    this.#batchId = undefined;
  }

  /** Wait for the queued writes, whether or not they fail. */
  async settled(): Promise<void> {
    await this.pipeline.settled();
  }

  /** The batch's id. Call after `open`. */
  get batchId(): number {
    if (this.#batchId === undefined) throw new Error('OrderStream.batchId: call open() first');
    return this.#batchId;
  }

  /** Return an id for each entry key: the one reserved by `open`, or a new one. */
  async entryIds(keys: readonly string[]): Promise<number[]> {
    await this.#reserve(keys);
    return keys.map((key) => this.#reserved.get(key)!);
  }

  /**
   * Clear the entry of orders whose entry was reserved but not written, because its amounts
   * netted to zero or no order of its store and date was posted. `written` maps the keys of the
   * entries written to their ids.
   */
  async clearUnwrittenEntries(orders: Iterable<OrderState>, written: ReadonlyMap<string, number>): Promise<void> {
    const unwritten = [...this.#reserved].filter(([key]) => !written.has(key)).map(([, id]) => id);
    if (unwritten.length === 0 || this.#written === 0) return;

    const ids = new Set(unwritten);
    let cleared = false;
    for (const order of orders) {
      if (order.journalEntryId !== null && ids.has(order.journalEntryId)) {
        order.journalEntryId = null;
        cleared = true;
      }
    }
    if (!cleared) return;
    const update = this.#context.db.updateTable('orders').set({ journal_entry_id: null }).where('batch_id', '=', this.batchId).where('journal_entry_id', 'in', unwritten);
    await this.pipeline.execute(update.compile());
  }

  /**
   * Queue the pending orders' rows on PostgreSQL. An order of a store and date whose entry id
   * `open` did not reserve stops the grouping: the rest is sent by `finish`, which reserves ids.
   */
  #queueGroup(): void {
    if (this.#pending.some((order) => !this.#reserved.has(salesKey(order)))) {
      this.#flushAt = Number.POSITIVE_INFINITY;
      return;
    }
    const orders = this.#pending;
    this.#pending = [];
    this.#assign(orders);
    this.pipeline.queueInsert('orders', orders.map(orderRow) as never);
    this.pipeline.queueInsert('order_lines', orders.flatMap(lineRows) as never);
    this.pipeline.queueInsert('order_payments', orders.flatMap(paymentRows) as never);
    this.#written += orders.length;
  }

  #assign(orders: OrderState[]): void {
    const batchId = this.batchId;
    for (const order of orders) {
      order.batchId = batchId;
      order.journalEntryId = this.#reserved.get(salesKey(order))!;
    }
  }

  async #reserve(keys: readonly string[]): Promise<void> {
    const missing = [...new Set(keys.filter((key) => !this.#reserved.has(key)))];
    const ids = await this.#entryIds.reserve(missing.length);
    missing.forEach((key, index) => this.#reserved.set(key, ids[index]!));
  }
}

function salesKey(order: OrderState): string {
  return EntryBuilder.key('sales', order.storeCode, order.businessDate);
}
