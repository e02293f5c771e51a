import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Whether the parts a ticket needs are in stock near the technician. Seam for the inventory
 * service (`stock_balances` of the sales/inventory branch): until it is merged this answers null
 * ("not known"), and the parts factor adds no points but says so in the ranking's reasons.
 * After the merge: read `stock_balances` for the ticket's store and the stores within
 * `max_travel_minutes` of the technician, true when every required item has
 * `quantity_micro` ≥ the required quantity in one of them.
 */
export async function partsInStockNearby(
  _db: Kysely<Database>,
  _requiredParts: readonly { item_code: string; quantity: number }[],
  _storeCode: string,
): Promise<boolean | null> {
  return null;
}
