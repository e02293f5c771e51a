import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ItemInfo } from '../inventory/items.js';
import type { StockBook } from '../inventory/stock-book.js';
import type { AccountIndex } from '../ledger/account-index.js';
import { chunks } from '../ledger/journal.js';
import type { PeriodStatus } from '../ledger/periods.js';
import type { PostingRules } from '../ledger/posting-rules.js';
import type { TaxRates } from '../ledger/tax-rates.js';
import type { EntryBuilder } from './entry-builder.js';
import type { OrderState } from './order-state.js';
import type { RecipeBook } from './recipe-book.js';
import type { SummaryChanges } from './summaries.js';

/** The store settings a posting needs. */
export interface StoreInfo {
  code: string;
  timezone: string;
  dayEndCutoff: string;
}

/** The accounts an item's cost is posted to, by the posting rules of its kind. */
export interface StockAccounts {
  cogs: string;
  inventory: string;
}

/** Everything one batch reads once and shares between its orders and refunds. */
export interface BatchScope {
  stores: Map<string, StoreInfo>;
  recipes: RecipeBook;
  items: Map<string, ItemInfo>;
  taxRates: TaxRates;
  rules: PostingRules;
  accounts: AccountIndex;
  periods: Map<string, PeriodStatus>;
  book: StockBook;
  entries: EntryBuilder;
  summaries: SummaryChanges;
  /** Orders posted by this batch and stored orders its refunds named, by store and number. */
  orders: Map<string, OrderState>;
  /** The stock accounts of each item met so far. */
  stockAccounts: Map<string, StockAccounts>;
  now: string;
}

/** Read the stores with these codes. */
export async function loadStores(db: Kysely<Database>, codes: Iterable<string>): Promise<Map<string, StoreInfo>> {
  const stores = new Map<string, StoreInfo>();
  for (const chunk of chunks([...new Set(codes)], 5000)) {
    const rows = await db.selectFrom('stores').select(['code', 'timezone', 'day_end_cutoff']).where('code', 'in', chunk).execute();
    for (const row of rows) stores.set(row.code, { code: row.code, timezone: row.timezone, dayEndCutoff: row.day_end_cutoff });
  }
  return stores;
}
