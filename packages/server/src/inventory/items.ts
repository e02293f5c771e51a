import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { chunks } from '../ledger/journal.js';
import { MICRO, packToMicro } from '../math/quantity.js';
import type { StandardCost } from './valuation.js';

/** What posting needs to know about an item of master data. */
export interface ItemInfo {
  code: string;
  name: string;
  kind: string;
  baseUnit: string;
  packUnits: { unit: string; factor: number }[];
  taxCategory: string;
  /** The standard cost per base unit, when master data has one. */
  standardCost?: StandardCost;
}

/** Read the items with these codes; unknown codes are simply absent from the map. */
export async function loadItems(db: Kysely<Database>, codes: Iterable<string>): Promise<Map<string, ItemInfo>> {
  const items = new Map<string, ItemInfo>();
  for (const chunk of chunks([...new Set(codes)], 5000)) {
    const rows = await db.selectFrom('items').selectAll().where('code', 'in', chunk).execute();
    for (const row of rows) {
      const packUnits = JSON.parse(row.pack_units) as { unit: string; factor: number }[];
      const costFactor = row.cost_unit === row.base_unit ? MICRO : packToMicro(1, packUnits.find((p) => p.unit === row.cost_unit)?.factor ?? 1);
      items.set(row.code, {
        code: row.code,
        name: row.name,
        kind: row.kind,
        baseUnit: row.base_unit,
        packUnits,
        taxCategory: row.tax_category,
        ...(row.standard_cost_fen !== null && costFactor ? { standardCost: { fen: Number(row.standard_cost_fen), microPerUnit: costFactor } } : {}),
      });
    }
  }
  return items;
}

/**
 * Take the posting lock of each store, in code order so that two transactions never wait for
 * each other. On PostgreSQL it is an advisory lock held until the transaction ends: one posting
 * at a time per store keeps stock balances, order numbers and their summaries consistent while
 * postings for other stores run in parallel. SQLite runs one write transaction at a time anyway.
 *
 * The locks are taken by one statement, as the sorted subquery returns the codes. Advisory locks
 * belong to the database, so the key includes the schema: BOH instances in other schemas of the
 * same database lock their own stores.
 */
export async function lockStores(db: Kysely<Database>, dialect: DialectName, storeCodes: Iterable<string>): Promise<void> {
  if (dialect !== 'postgres') return;
  const codes = [...new Set(storeCodes)];
  if (codes.length === 0) return;
  await sql`
    select pg_advisory_xact_lock(hashtextextended(current_schema() || ':boh:store:' || code, 0))
    from (select code from unnest(${codes}::text[]) as code order by code collate "C") as sorted`.execute(db);
}
