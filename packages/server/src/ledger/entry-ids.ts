import { sql } from 'kysely';
import type { PostingContext } from './context.js';

/**
 * Reserves journal entry ids before the entries are written, so that rows referring to an entry
 * (orders, stock movements) can be written while the entry's amounts are still being added up.
 * On PostgreSQL the ids come from the table's sequence, so an id that ends up unused is a gap
 * like that of a rolled-back transaction. SQLite runs one write transaction at a time, so the ids
 * continue from the highest stored one; use one instance per transaction.
 */
export class JournalEntryIds {
  readonly #context: PostingContext;
  #next: number | undefined;

  constructor(context: PostingContext) {
    this.#context = context;
  }

  /** Reserve `count` new ids, in ascending order. */
  async reserve(count: number): Promise<number[]> {
    if (count === 0) return [];
    const { db, dialect } = this.#context;

    if (dialect === 'postgres') {
      const result = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('journal_entries', 'id')) as id from generate_series(1, ${count})`.execute(db);
      return result.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    }

    if (this.#next === undefined) {
      const row = await db.selectFrom('journal_entries').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      this.#next = Number(row?.id ?? 0) + 1;
    }
    const first = this.#next;
    this.#next += count;
    return Array.from({ length: count }, (_, index) => first + index);
  }
}
