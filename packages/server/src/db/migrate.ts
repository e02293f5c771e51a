import { Migrator, type MigrationResult } from 'kysely';
import type { BohDatabase } from './connect.js';
import { allMigrations } from './migrations/index.js';

export interface MigrationOutcome {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
  /** The newest migration now in the database. */
  latest: string;
}

/**
 * Bring the schema up to date. Safe to call from several processes at once: kysely takes a
 * lock (an advisory lock on PostgreSQL) so each migration runs exactly once.
 */
export async function migrateToLatest(database: BohDatabase): Promise<MigrationOutcome> {
  const migrator = createMigrator(database);
  const { error, results = [] } = await migrator.migrateToLatest();

  const failed = results.find((result: MigrationResult) => result.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${name} failed on ${database.location}: ${reason}`, { cause: error });
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
  });
}
