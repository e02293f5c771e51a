import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { registerClosingGuard } from '../lifecycle/closing-guards.js';

/**
 * Items with a non-zero stock balance at the store, above or below zero. Stock on hand is
 * transferred out or written off, and a negative balance counted, before the store closes.
 */
export async function stockOnHandAtStore(db: Kysely<Database>, storeCode: string): Promise<string[]> {
  const rows = await db.selectFrom('stock_balances').select('item_code').where('store_code', '=', storeCode).where('quantity_micro', '!=', 0).orderBy('item_code').execute();
  return rows.map((row) => row.item_code);
}

let registered = false;

/** Register the stock-on-hand guard of store closing once per process. */
export function registerStockClosingGuard(): void {
  if (registered) return;
  registered = true;
  registerClosingGuard('stock_on_hand', stockOnHandAtStore);
}
