// The sales benchmarks' database: a fresh SQLite file or PostgreSQL schema, seeded with the
// generated chain (stores, items, menu items with recipes) and opening stock.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const POSTGRES = process.env.BOH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Stores, items, menu items with recipes, a 6 % catering rate, and opening stock for every store and item. */
export async function seedChain(server, bohDatabase, chain) {
  const db = bohDatabase.db;
  await db.insertInto('stores').values(chain.stores).execute();
  await db.insertInto('items').values(chain.items).execute();
  await db.insertInto('menu_items').values(chain.allMenuItems).execute();
  for (let start = 0; start < chain.components.length; start += 2000) await db.insertInto('menu_item_components').values(chain.components.slice(start, start + 2000)).execute();

  await db.transaction().execute(async (trx) => {
    const context = { db: trx, dialect: bohDatabase.dialect, actor: { name: 'bench', tokenId: null, requestId: null } };
    const movements = chain.stores.flatMap((store) =>
      chain.items.map((item) => ({
        storeCode: store.code, itemCode: item.code, kind: 'opening', quantityMicro: 500_000_000_000, nominalFen: 500_000 * item.standard_cost_fen,
        businessDate: '2023-12-31', occurredAt: '2023-12-31T00:00:00Z', sourceType: 'bench_opening',
      })),
    );
    await server.recordStockMovements(context, movements);
  });
}

/** A fresh database URL for `database` (sqlite or postgres) and a function that removes it. */
export async function freshDatabase(database) {
  if (database === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'boh-bench-'));
    return { url: join(folder, 'bench.db'), drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const schema = `boh_bench_sales_${process.pid}`;
  const separator = POSTGRES.includes('?') ? '&' : '?';
  return {
    url: `${POSTGRES}${separator}schema=${schema}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}
