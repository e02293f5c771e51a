import { setImmediate } from 'node:timers/promises';
import type { CompiledQuery, Kysely } from 'kysely';
import { arrayInserts, columnTypesOf, readColumnTypes } from './array-insert.js';
import { bulkInsert, bulkUpsert, upsertClause } from './bulk-insert.js';
import type { DialectName } from './connect.js';

/**
 * Bulk writes of one transaction that do not wait for each other. On PostgreSQL each statement is
 * queued on the transaction's connection as soon as it is built, and the caller goes on: it builds
 * the next statement, or values the next orders, while the server runs the one before. Statements
 * run in the order they were queued. On SQLite, whose statements run on the calling thread, each
 * write runs at once, as bulkInsert does.
 *
 * A failed statement fails the transaction, so the statements queued after it fail too. `finish`
 * throws the first error. Await `settled` before the transaction ends, also after an error of the
 * caller's own, so that no queued statement runs outside the transaction.
 */
export class WritePipeline {
  readonly #target: { db: Kysely<any>; dialect: DialectName };
  readonly #queued: Promise<unknown>[] = [];
  #failure: { error: unknown } | undefined;

  constructor(target: { db: Kysely<any>; dialect: DialectName }) {
    this.#target = target;
  }

  /** True on PostgreSQL, where writes are queued instead of awaited. */
  get queues(): boolean {
    return this.#target.dialect === 'postgres';
  }

  /** Read the column types of the tables that will be written, which queueInsert and queueUpsert need. */
  async prepare(tables: readonly string[]): Promise<void> {
    if (!this.queues) return;
    for (const table of tables) await columnTypesOf(this.#target.db, table);
  }

  /** Insert rows (see bulkInsert). */
  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (!this.queues) return bulkInsert(this.#target, table, rows);
    await this.#queueArrays(table, rows, '');
  }

  /** Insert rows or update those with the same keys (see bulkUpsert). */
  async upsert(table: string, rows: readonly Record<string, unknown>[], keys: readonly string[], mode: 'add' | 'replace'): Promise<void> {
    if (!this.queues) return bulkUpsert(this.#target, table, rows, keys, mode);
    if (rows.length === 0) return;
    await this.#queueArrays(table, rows, upsertClause(table, rows, keys, mode));
  }

  /**
   * Queue the insert of rows at once, without yielding, on PostgreSQL only: for the small groups
   * a caller sends in the middle of its own work. `prepare` must have read the table's types.
   */
  queueInsert(table: string, rows: readonly Record<string, unknown>[]): void {
    if (!this.queues) throw new Error('WritePipeline.queueInsert: only PostgreSQL queues writes');
    const types = readColumnTypes(table);
    if (types === undefined) throw new Error(`WritePipeline.queueInsert: the types of ${table} were not prepared`);
    for (const query of arrayInserts(types, table, rows)) this.#queue(query);
  }

  /** Run one statement, queued after the writes before it on PostgreSQL. */
  async execute(query: CompiledQuery): Promise<void> {
    if (!this.queues) {
      await this.#target.db.executeQuery(query);
      return;
    }
    this.#queue(query);
  }

  /** Wait for every queued statement and throw the first error. */
  async finish(): Promise<void> {
    await this.settled();
    if (this.#failure) throw this.#failure.error;
  }

  /** Wait for every queued statement, whether or not it fails. */
  async settled(): Promise<void> {
    while (this.#queued.length > 0) {
      const queued = this.#queued.splice(0);
      await Promise.allSettled(queued);
    }
  }

  /**
   * Queue one statement a chunk, yielding to the event loop after each, so that the connection
   * receives the result of the statement before and sends the next while the following chunk is built.
   */
  async #queueArrays(table: string, rows: readonly Record<string, unknown>[], tail: string): Promise<void> {
    if (rows.length === 0) return;
    const types = await columnTypesOf(this.#target.db, table);
    for (const query of arrayInserts(types, table, rows, tail)) {
      this.#queue(query);
      await setImmediate();
    }
  }

  #queue(query: CompiledQuery): void {
    const running = this.#target.db.executeQuery(query).catch((error: unknown) => {
      this.#failure ??= { error };
    });
    this.#queued.push(running);
  }
}
