import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type BohDatabase } from '@boh/server';
import { lockStores } from '../../src/inventory/items.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';

// Store posting locks are PostgreSQL advisory locks. SQLite has one writer at a time and no locks to test.
const onPostgres = process.env.BOH_TEST_DATABASE_URL !== undefined;

describe.runIf(onPostgres)('store posting locks (PostgreSQL)', () => {
  const testDatabases: TestDatabase[] = [];
  const databases: BohDatabase[] = [];

  beforeAll(async () => {
    for (let index = 0; index < 2; index += 1) {
      const testDatabase = await createTestDatabase();
      testDatabases.push(testDatabase);
      databases.push(await openDatabase(testDatabase.url));
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.close();
    for (const testDatabase of testDatabases) await testDatabase.drop();
  });

  /** Lock `heldCodes` in a transaction of `holder`, then try `requestedCodes` in a transaction of `other`. */
  async function tryWhileHeld(holder: BohDatabase, heldCodes: string[], other: BohDatabase, requestedCodes: string[]): Promise<'locked' | 'timed_out'> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holderDone = holder.db.transaction().execute(async (trx) => {
      await lockStores(trx, 'postgres', heldCodes);
      locked();
      await released;
    });

    await holding;
    try {
      return await other.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '1s'`.execute(trx);
        await lockStores(trx, 'postgres', requestedCodes);
        return 'locked' as const;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return 'timed_out';
      throw error;
    } finally {
      release();
      await holderDone;
    }
  }

  it('block the same store', async () => {
    expect(await tryWhileHeld(databases[0]!, ['S002', 'S001'], databases[0]!, ['S001'])).toBe('timed_out');
  });

  it('allow another store', async () => {
    expect(await tryWhileHeld(databases[0]!, ['S001'], databases[0]!, ['S002', 'S003'])).toBe('locked');
  });

  it('allow the same code in another schema', async () => {
    expect(await tryWhileHeld(databases[0]!, ['S001'], databases[1]!, ['S001'])).toBe('locked');
  });
});
