import { bulkInsert } from '../db/bulk-insert.js';
import type { PostingContext } from '../ledger/context.js';
import { JournalEntryIds } from '../ledger/entry-ids.js';
import { EntryBuilder } from './entry-builder.js';
import { lineRows, orderRow, paymentRows, type OrderState } from './order-state.js';

/** Orders gathered before their rows are sent to PostgreSQL. */
const FLUSH_ORDERS = 500;

/**
 * Writes a batch's new orders, lines and payments while the batch is still being valued. An
 * order's rows are final once it is valued, so they are sent in groups of a few hundred. The
 * writes queue up on the transaction's connection. On PostgreSQL the server inserts one group
 * while Node.js values the next, which the caller allows by yielding to the event loop now and
 * then. SQLite writes on the thread that values the orders, so nothing would overlap there, and
 * all rows are sent at the end. Groups of varying size made SQLite prepare and keep statements
 * of new shapes, which cost 10 % more time and 140 MiB more memory for 1,000,000 order lines.
 *
 * The stream creates the batch row when it first writes and reserves the ids of the journal
 * entries that orders refer to. The entries themselves are written last, when their amounts are
 * complete. Await `settled()` before the transaction ends, also after an error, so that no queued
 * write runs outside it.
 */
export class OrderStream {
  readonly #context: PostingContext;
  readonly #now: string;
  readonly #entryIds: JournalEntryIds;
  readonly #flushAt: number;
  readonly #reserved = new Map<string, number>();
  #pending: OrderState[] = [];
  #queue: Promise<void> = Promise.resolve();
  #queued = 0;
  #failure: { error: unknown } | undefined;
  #batchId: number | undefined;
  #written = 0;

  constructor(context: PostingContext, now: string) {
    this.#context = context;
    this.#now = now;
    this.#entryIds = new JournalEntryIds(context);
    this.#flushAt = context.dialect === 'postgres' ? FLUSH_ORDERS : Number.POSITIVE_INFINITY;
  }

  /** Add a valued order; its rows are sent with the next group. */
  add(order: OrderState): void {
    this.#pending.push(order);
    if (this.#pending.length >= this.#flushAt) this.#flush();
  }

  /** True while writes are queued, when the caller should yield to the event loop now and then. */
  get writing(): boolean {
    return this.#queued > 0;
  }

  /** Send the remaining orders, wait for every write and return how many orders were written. */
  async finish(): Promise<number> {
    this.#flush();
    await this.#queue;
    if (this.#failure) throw this.#failure.error;
    return this.#written;
  }

  /** Wait for the queued writes, whether or not they fail. */
  async settled(): Promise<void> {
    await this.#queue;
  }

  /** Return the batch's id, creating its row on first use. Call after `finish`. */
  async batchId(): Promise<number> {
    if (this.#batchId === undefined) {
      const { db, actor } = this.#context;
      const row = await db
        .insertInto('posting_batches')
        .values({ posted_at: this.#now, posted_by: actor.name, request_id: actor.requestId, orders: 0, refunds: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.#batchId = Number(row.id);
    }
    return this.#batchId;
  }

  /** Return an id for each entry key: the one reserved for the orders, or a new one. Call after `finish`. */
  async entryIds(keys: readonly string[]): Promise<number[]> {
    await this.#reserve(keys);
    return keys.map((key) => this.#reserved.get(key)!);
  }

  /**
   * Clear the entry of orders whose entry was reserved but not written, because its amounts
   * netted to zero. `written` maps the keys of the entries written to their ids.
   */
  async clearUnwrittenEntries(orders: Iterable<OrderState>, written: ReadonlyMap<string, number>): Promise<void> {
    const unwritten = [...this.#reserved].filter(([key]) => !written.has(key)).map(([, id]) => id);
    if (unwritten.length === 0 || this.#batchId === undefined) return;

    const ids = new Set(unwritten);
    for (const order of orders) if (order.journalEntryId !== null && ids.has(order.journalEntryId)) order.journalEntryId = null;
    await this.#context.db.updateTable('orders').set({ journal_entry_id: null }).where('batch_id', '=', this.#batchId).where('journal_entry_id', 'in', unwritten).execute();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const orders = this.#pending;
    this.#pending = [];
    this.#queued += 1;
    this.#queue = this.#queue.then(async () => {
      try {
        if (!this.#failure) await this.#write(orders);
      } catch (error) {
        this.#failure = { error };
      } finally {
        this.#queued -= 1;
      }
    });
  }

  async #write(orders: OrderState[]): Promise<void> {
    const batchId = await this.batchId();
    const keys = orders.map((order) => EntryBuilder.key('sales', order.storeCode, order.businessDate));
    await this.#reserve(keys);
    orders.forEach((order, index) => {
      order.batchId = batchId;
      order.journalEntryId = this.#reserved.get(keys[index]!)!;
    });

    await bulkInsert(this.#context, 'orders', orders.map(orderRow) as never);
    await bulkInsert(this.#context, 'order_lines', orders.flatMap(lineRows) as never);
    await bulkInsert(this.#context, 'order_payments', orders.flatMap(paymentRows) as never);
    this.#written += orders.length;
  }

  async #reserve(keys: readonly string[]): Promise<void> {
    const missing = [...new Set(keys.filter((key) => !this.#reserved.has(key)))];
    const ids = await this.#entryIds.reserve(missing.length);
    missing.forEach((key, index) => this.#reserved.set(key, ids[index]!));
  }
}
