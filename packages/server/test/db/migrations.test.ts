import { NO_MIGRATIONS } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { createMigrator } from '../../src/db/migrate.js';
import { allMigrations } from '../../src/db/migrations/index.js';
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

  it('roll back to nothing and forward again', async () => {
    const migrator = createMigrator(database);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    // Other test files and other processes keep their own schemas in the same PostgreSQL
    // database, so only this database's schema counts.
    const tables = (await database.db.introspection.getTables()).filter((t) => database.schema === undefined || t.schema === database.schema);
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([]);

    const outcome = await migrateToLatest(database);
    expect(outcome.applied.length).toBeGreaterThan(0);
  });
});
