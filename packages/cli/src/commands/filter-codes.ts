import type { Context } from '../runtime/context.js';

/**
 * Look up the store and item that filter a listing, so a mistyped code fails with the API's
 * not-found error (exit 3, naming the code) instead of reading as an empty list. Call it when
 * the listing came back empty, to spare the extra requests otherwise.
 */
export async function checkFilterCodes(context: Context, filters: { store?: string; item?: string }): Promise<void> {
  if (filters.store) await context.client().stores.get(filters.store);
  if (filters.item) await context.client().items.get(filters.item);
}
