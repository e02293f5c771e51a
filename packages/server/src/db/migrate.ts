import { setTimeout as sleep } from 'node:timers/promises';
import { Migrator, sql, type MigrationResult } from 'kysely';
import type { BohDatabase } from './connect.js';
import { allMigrations } from './migrations/index.js';
import { databaseStartupError } from '../startup-error.js';

export interface MigrationOutcome {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
  /** The newest migration now in the database. */
  latest: string;
}

// An arbitrary constant naming BOH's migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK_ID = 4_206_113_917;
const ATTEMPTS = 5;

/**
 * Bring the schema up to date. Safe to call from several processes at once. On PostgreSQL a
 * session-level advisory lock serialises whole runs, because kysely's own lock does not cover
 * creating its bookkeeping tables. On SQLite a process that loses the race fails on a table
 * the winner created, so the run is retried and then finds the migration recorded.
 */
export async function migrateToLatest(database: BohDatabase): Promise<MigrationOutcome> {
  if (database.dialect === 'postgres') {
    return database.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(connection);
      try {
        return await migrateOnce(database);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(connection);
      }
    });
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(database);
    } catch (error) {
      if (attempt === ATTEMPTS) throw error;
      await sleep(50 * attempt);
    }
  }
}

async function migrateOnce(database: BohDatabase): Promise<MigrationOutcome> {
  const migrator = createMigrator(database);
  const { error, results = [] } = await migrator.migrateToLatest();

  const failed = results.find((result: MigrationResult) => result.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw databaseStartupError(error, database.location) ?? new Error(`Database migration ${name} failed on ${database.location}: ${reason}`, { cause: error });
  }

  const migrations = await migrator.getMigrations();
  const executed = migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  return {
    applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName),
    latest: executed.at(-1) ?? 'none',
  };
}

export function createMigrator(database: BohDatabase): Migrator {
  const migrations = allMigrations(database.dialect);
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Without a schema kysely looks for its bookkeeping tables in every schema of the database,
    // and would take another BOH schema's tables for its own.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}
