import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database for one test file: a temporary SQLite file, or a fresh PostgreSQL schema. */
export interface TestDatabase {
  /** What to pass as BOH_DATABASE_URL or `--database`. */
  url: string;
  dialect: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

/**
 * Make an empty database. With BOH_TEST_DATABASE_URL=postgres://… set, each call creates its own
 * schema there (so test files can run in parallel); otherwise a SQLite file in a temporary folder.
 * `dialect: 'sqlite'` makes a SQLite file even then, for tests that compare the two databases.
 */
export async function createTestDatabase(options: { dialect?: 'sqlite' | 'postgres' } = {}): Promise<TestDatabase> {
  const postgresUrl = options.dialect === 'sqlite' ? undefined : process.env.BOH_TEST_DATABASE_URL;
  if (postgresUrl) {
    const schema = `boh_test_${randomBytes(6).toString('hex')}`;
    const separator = postgresUrl.includes('?') ? '&' : '?';
    return {
      url: `${postgresUrl}${separator}schema=${schema}`,
      dialect: 'postgres',
      drop: () => dropSchema(postgresUrl, schema),
    };
  }

  const folder = mkdtempSync(join(tmpdir(), 'boh-test-'));
  return {
    url: join(folder, 'boh.db'),
    dialect: 'sqlite',
    drop: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
