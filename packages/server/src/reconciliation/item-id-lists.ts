import { chunks } from '../ledger/journal.js';

/**
 * The maximum number of item ids bound in one statement. SQLite allows 32,766 variables per
 * statement and PostgreSQL 65,535 parameters, and a busy chain's month has more items than either.
 */
const ITEM_IDS_PER_STATEMENT = 5_000;

/** Split item ids into lists short enough to bind in one `in (…)` each. */
export function itemIdLists(ids: readonly number[]): number[][] {
  return chunks(ids, ITEM_IDS_PER_STATEMENT);
}
