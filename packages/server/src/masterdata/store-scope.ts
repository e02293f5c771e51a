import type { Kysely } from 'kysely';
import { ticketNumber } from '../tickets/ticket-record.js';

/**
 * Resources whose records belong to one store, with the table and the column naming it. A
 * store_manager sees the history of such a record only when the store is one of its stores.
 * Records are found by `code`, or by the column and value `find` makes of the key.
 */
export const STORE_OWNED: Record<string, { table: string; column: string; find?: (key: string) => [string, unknown] | null }> = {
  store: { table: 'stores', column: 'code' },
  employee: { table: 'employees', column: 'store_code' },
  asset: { table: 'assets', column: 'store_code' },
  ticket: { table: 'tickets', column: 'store_code', find: (key) => (ticketNumber(key) === null ? null : ['number', ticketNumber(key)]) },
};

/**
 * Resources whose records a store_manager may not read at all, so it may not read their history
 * either: tokens, suppliers with their bank details, and reconciliations with their settings.
 */
export const HIDDEN_FROM_STORE_MANAGERS: ReadonlySet<string> = new Set(['token', 'supplier', 'reconciliation', 'reconciliation_item', 'reconciliation_settings']);

/** The store a record belongs to; undefined when the resource is not store-owned or the record is gone. */
export async function storeOfRecord(db: Kysely<any>, resource: string, key: string): Promise<string | null | undefined> {
  const owner = STORE_OWNED[resource];
  if (!owner) return undefined;
  if (owner.column === 'code' && owner.table === 'stores') return key;
  const [column, value] = owner.find ? (owner.find(key) ?? []) : ['code', key];
  if (column === undefined) return undefined;
  const row = await db.selectFrom(owner.table).select(owner.column).where(column, '=', value).executeTakeFirst();
  return row ? ((row as Record<string, string | null>)[owner.column] ?? null) : undefined;
}
