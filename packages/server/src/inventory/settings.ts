import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NegativeStockPolicy } from './stock-book.js';

/** The chain's negative-stock policy: `allow` (and flag) or `reject`. */
export async function loadStockPolicy(db: Kysely<Database>): Promise<NegativeStockPolicy> {
  const row = await db.selectFrom('stock_settings').select('negative_stock').where('id', '=', 1).executeTakeFirst();
  return (row?.negative_stock as NegativeStockPolicy | undefined) ?? 'allow';
}
