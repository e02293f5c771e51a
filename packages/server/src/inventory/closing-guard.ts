import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { registerClosingGuard } from '../lifecycle/closing-guards.js';

/**
 * Items the store still holds a stock balance of, above or below zero: stock on hand must be
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
