// The fingerprints that the duplicate check at finish compares: written when a statement is
// finished, and carried over from the lines of statements finished before the migration.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, createClient, type BohClient, type components } from '@boh/sdk';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { createMigrator } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

type LineInput = components['schemas']['StatementLineInput'];

function line(number: number, fingerprint: string): LineInput {
  return { line: number, fingerprint, kind: 'payment', flow: 'in', gross_fen: 100 * number, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: 100_000 * number };
}

const META = {
  channel: 'wechat' as const,
  layout: 'wechat-merchant-trade',
  file_name: 'wechat-2024-03.csv',
  file_sha256: '1'.repeat(64),
  period: '2024-03',
  merchant_id: '1900000001',
  line_count: 2,
  totals: { gross_fen: 300, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: 300_000 },
};

describe('statement fingerprints', () => {
  let server: TestServer;
  let boh: BohClient;

  beforeAll(async () => {
    server = await startTestServer();
    boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  });
  afterAll(async () => {
    await boh.close();
    expect(server.violations).toEqual([]);
    await server.close();
  });

  const fingerprintsOf = async (statementId: string) => {
    const rows = await server.database.db.selectFrom('statement_fingerprints').select('fingerprint').where('statement_id', '=', statementId).orderBy('fingerprint').execute();
    return rows.map((row) => row.fingerprint);
  };

  it('are written when a statement is finished', async () => {
    const open = await boh.statements.create(META);
    await boh.statements.addLines(open.id, [line(1, 'wechat:f-1'), line(2, 'wechat:f-2')]);
    expect(await fingerprintsOf(open.id)).toEqual([]);

    await boh.statements.finish(open.id);
    expect(await fingerprintsOf(open.id)).toEqual(['wechat:f-1', 'wechat:f-2']);
  });

  it('are written once when a statement is finished twice', async () => {
    const statement = await boh.statements.load({ statement: { ...META, file_sha256: '2'.repeat(64) }, lines: [line(1, 'wechat:g-1'), line(2, 'wechat:g-2')] });
    const again = await boh.statements.finish(statement.id);
    expect(again.status).toBe('finished');
    expect(await fingerprintsOf(statement.id)).toEqual(['wechat:g-1', 'wechat:g-2']);
  });

  it('are not written for a rejected duplicate', async () => {
    const error = await boh.statements.load({ statement: { ...META, file_sha256: '3'.repeat(64) }, lines: [line(1, 'wechat:f-1'), line(2, 'wechat:f-2')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohConflictError);
    const rows = await server.database.db.selectFrom('statement_fingerprints').select('statement_id').where('fingerprint', '=', 'wechat:f-1').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('statement fingerprints migration', () => {
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

  it('copies the fingerprints of finished statements only', async () => {
    const migrated = await createMigrator(database).migrateTo('0016-running-total-fillfactor');
    expect(migrated.error).toBeUndefined();
    const statement = (id: string, status: string) => ({
      id, channel: 'wechat', layout: 'wechat-merchant-trade', file_name: `${id}.csv`, file_sha256: id.padEnd(64, '0'), period: '2024-03', merchant_id: null,
      time_zone: 'Asia/Shanghai', line_count: 1, lines_received: 1, quarantined: 0, gross_fen: 100, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: 100_000,
      status, created_by: 'test', created_at: '2024-04-01T00:00:00.000Z', finished_at: status === 'finished' ? '2024-04-01T00:00:00.000Z' : null,
    });
    const stored = (statementId: string, fingerprint: string) => ({
      statement_id: statementId, line_number: 1, fingerprint, occurred_at: null, business_date: null, kind: 'payment', flow: 'in',
      gross_fen: 100, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: 100_000, transaction_id: null, merchant_order_number: null,
      refund_id: null, merchant_refund_id: null, store_id: null, description: null, counterparty: null, memo: null,
    });
    await database.db.insertInto('statements').values([statement('stm_finished', 'finished'), statement('stm_open', 'open')]).execute();
    await database.db.insertInto('statement_lines').values([stored('stm_finished', 'wechat:old'), stored('stm_open', 'wechat:half')]).execute();

    await migrateToLatest(database);
    const rows = await database.db.selectFrom('statement_fingerprints').selectAll().execute();
    expect(rows).toEqual([{ statement_id: 'stm_finished', fingerprint: 'wechat:old' }]);
  });

  it('drops the index on every line fingerprint', async () => {
    const tables = await database.db.introspection.getTables();
    expect(tables.map((table) => table.name)).toContain('statement_fingerprints');
    const indexes = database.dialect === 'sqlite'
      ? await database.db.selectFrom('sqlite_master' as never).select('name' as never).where('type' as never, '=', 'index' as never).execute()
      : await database.db.selectFrom('pg_indexes' as never).select('indexname as name' as never).where('schemaname' as never, '=', database.schema as never).execute();
    const names = (indexes as { name: string }[]).map((index) => index.name);
    expect(names).toContain('statement_fingerprints_fingerprint');
    expect(names).not.toContain('statement_lines_fingerprint');
  });
});
