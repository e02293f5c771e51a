// Names shown next to codes (stores, regions, items), read once per run.

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface Lookups {
  readonly stores: Map<string, { name: string; region_code: string | null; brand: string | null }>;
  readonly regions: Map<string, string>;
  readonly items: Map<string, string>;
}

export async function loadLookups(db: Kysely<Database>): Promise<Lookups> {
  const stores = await db.selectFrom('stores').select(['code', 'name', 'region_code', 'brand']).execute();
  const regions = await db.selectFrom('regions').select(['code', 'name']).execute();
  const items = await db.selectFrom('items').select(['code', 'name']).execute();
  const menuItems = await db.selectFrom('menu_items').select(['code', 'name']).execute();
  return {
    stores: new Map(stores.map((store) => [store.code, { name: store.name, region_code: store.region_code, brand: store.brand }])),
    regions: new Map(regions.map((region) => [region.code, region.name])),
    // A menu item and a stock item may share a code; the menu item is what a guest bought.
    items: new Map([...items.map((item) => [item.code, item.name] as const), ...menuItems.map((item) => [item.code, item.name] as const)]),
  };
}
