import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, startServer, StartupError } from '@boh/server';
import { createTestDatabase } from '../../../../test-support/database.js';

const scratch = mkdtempSync(join(tmpdir(), 'boh-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function failure(work: () => Promise<unknown>): Promise<StartupError> {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

describe('startup errors name what to fix', () => {
  it('a SQLite file in a folder that does not exist', async () => {
    const error = await failure(() => openDatabase(join(scratch, 'missing', 'boh.db')));
    expect(error.code).toBe('sqlite_cannot_open');
    expect(error.params.location).toContain('missing');
  });

  it('a file that is not a SQLite database', async () => {
    const file = join(scratch, 'notes.db');
    writeFileSync(file, 'these are not the tables you are looking for\n'.repeat(200));
    const error = await failure(() => openDatabase(file));
    expect(error.code).toBe('sqlite_not_a_database');
  });

  it('a URL of a database BOH does not support', async () => {
    const error = await failure(() => openDatabase('mysql://root@127.0.0.1/boh'));
    expect(error.code).toBe('unsupported_database_url');
  });

  it('a PostgreSQL server that refuses connections', async () => {
    const error = await failure(() => openDatabase('postgres://postgres@127.0.0.1:9/test'));
    expect(error.code).toBe('postgres_unreachable');
    expect(error.params.location).toContain('127.0.0.1:9');
  });

  it('a PostgreSQL database that does not exist, and an invalid schema name', async () => {
    const missing = await failure(() => openDatabase('postgres://postgres@127.0.0.1:5432/no_such_database_boh'));
    expect(missing.code).toBe('postgres_database_missing');
    const schema = await failure(() => openDatabase('postgres://postgres@127.0.0.1:5432/test?schema=Mixed-Case'));
    expect(schema.code).toBe('invalid_schema_name');
  });

  it('a port that is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const database = await createTestDatabase();
    try {
      const error = await failure(() => startServer({ databaseUrl: database.url, port, logger: false }));
      expect(error.code).toBe('port_in_use');
      expect(error.params.port).toBe(port);
    } finally {
      blocker.close();
      await database.drop();
    }
  });

  it('accepts sqlite: and file: prefixes for a file path', async () => {
    const database = await openDatabase(`sqlite://${join(scratch, 'prefixed.db')}`);
    expect(database.dialect).toBe('sqlite');
    expect(database.location).toBe(join(scratch, 'prefixed.db'));
    await database.close();
  });
});
