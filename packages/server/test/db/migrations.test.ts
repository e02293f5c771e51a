import { NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { createMigrator } from '../../src/db/migrate.js';
import { allMigrations } from '../../src/db/migrations/index.js';
import { RUNNING_TOTAL_FILLFACTOR, RUNNING_TOTAL_TABLES } from '../../src/db/migrations/0016-running-total-fillfactor.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';

let testDatabase: TestDatabase;
let database: BohDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(testDatabase.url);
});
afterAll(async () => {
  await database.close();
  await testDatabase.drop();
});

describe('migrations', () => {
  it('apply every migration on an empty database, in order', async () => {
    const outcome = await migrateToLatest(database);
    const names = Object.keys(allMigrations(database.dialect));
    expect(outcome.applied).toEqual(names);
    expect(outcome.latest).toBe(names.at(-1));
    expect([...names].sort()).toEqual(names);
  });

  it('do nothing when run again', async () => {
    const outcome = await migrateToLatest(database);
    expect(outcome.applied).toEqual([]);
  });

  it('run once when several processes start together', async () => {
    const other = await createTestDatabase();
    const connections = await Promise.all([1, 2, 3].map(() => openDatabase(other.url)));
    try {
      const outcomes = await Promise.all(connections.map((c) => migrateToLatest(c)));
      const applied = outcomes.flatMap((o) => o.applied);
      expect(applied.sort()).toEqual(Object.keys(allMigrations(connections[0]!.dialect)).sort());
    } finally {
      await Promise.all(connections.map((c) => c.close()));
      await other.drop();
    }
  });

  it.runIf(process.env.BOH_TEST_DATABASE_URL !== undefined)('leave room for updates on the pages of the running-total tables (PostgreSQL)', async () => {
    const fillOptions = async () => {
      const result = await sql<{ name: string; options: string[] | null }>`
        select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${database.schema} and c.relkind = 'r'`.execute(database.db);
      return new Map(result.rows.map((row) => [row.name, row.options ?? []]));
    };
    const after = await fillOptions();
    for (const table of RUNNING_TOTAL_TABLES) expect(after.get(table), table).toEqual([`fillfactor=${RUNNING_TOTAL_FILLFACTOR}`]);
    expect(after.get('orders')).toEqual([]);

    const migrator = createMigrator(database);
    const names = Object.keys(allMigrations(database.dialect));
    const fillfactor = names.indexOf('0016-running-total-fillfactor');
    expect((await migrator.migrateTo(names[fillfactor - 1]!)).error).toBeUndefined();
    const before = await fillOptions();
    for (const table of RUNNING_TOTAL_TABLES) expect(before.get(table), table).toEqual([]);
    expect((await migrateToLatest(database)).applied).toEqual(names.slice(fillfactor));
  });

  it('roll back to nothing and forward again', async () => {
    const migrator = createMigrator(database);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    // Other schemas of a shared PostgreSQL database have tables of their own; look at ours only.
    const tables = (await database.db.introspection.getTables()).filter((t) => database.schema === undefined || t.schema === database.schema);
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([]);

    const outcome = await migrateToLatest(database);
    expect(outcome.applied.length).toBeGreaterThan(0);
  });
});
