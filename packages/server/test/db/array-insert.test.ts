import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledQuery } from 'kysely';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { bulkInsert } from '../../src/db/bulk-insert.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';

let testDatabase: TestDatabase;
let database: BohDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(testDatabase.url);
  await migrateToLatest(database);
});
afterAll(async () => {
  await database.close();
  await testDatabase.drop();
});

// Texts that an array literal must quote or escape, and values that must stay distinct.
const TEXTS = ['plain', '', 'NULL', 'with "quotes"', 'back\\slash', '{braces}', 'a,b', ' padded ', '中文 ¥', "it's"];

function lineRow(lineNumber: number, description: string | null) {
  return {
    statement_id: 'stm_bulk',
    line_number: lineNumber,
    fingerprint: `wechat:${String(lineNumber).padStart(32, '0')}`,
    occurred_at: lineNumber % 2 === 0 ? '2024-01-31T15:59:59.000Z' : null,
    business_date: '2024-01-31',
    kind: 'payment',
    flow: 'in',
    gross_fen: 9_007_199_254_740 + lineNumber,
    refund_fen: 0,
    fee_milli_fen: -35,
    net_milli_fen: 1000,
    transaction_id: `42000${lineNumber}`,
    merchant_order_number: null,
    refund_id: null,
    merchant_refund_id: null,
    store_id: null,
    description,
  };
}

describe('bulkInsert', () => {
  it('stores every value as given', async () => {
    const descriptions = [...TEXTS, null];
    const rows = descriptions.map((description, index) => lineRow(index + 1, description));
    await bulkInsert({ db: database.db, dialect: database.dialect }, 'statement_lines', rows);

    const stored = await database.db.selectFrom('statement_lines').selectAll().where('statement_id', '=', 'stm_bulk').orderBy('line_number').execute();
    expect(stored.map((row) => row.description)).toEqual(descriptions);
    expect(stored.map((row) => Number(row.gross_fen))).toEqual(rows.map((row) => row.gross_fen));
    expect(stored.map((row) => Number(row.fee_milli_fen))).toEqual(rows.map(() => -35));
    expect(stored.map((row) => (row.occurred_at === null ? null : new Date(row.occurred_at).toISOString()))).toEqual(rows.map((row) => row.occurred_at));
  });

  it('loads more rows than one statement takes', async () => {
    const rows = Array.from({ length: 25_001 }, (_, index) => ({ ...lineRow(index + 1, `line ${index + 1}`), statement_id: 'stm_many' }));
    await bulkInsert({ db: database.db, dialect: database.dialect }, 'statement_lines', rows);

    const count = await database.db.selectFrom('statement_lines').select((eb) => eb.fn.countAll().as('count')).where('statement_id', '=', 'stm_many').executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(25_001);
  });

  it('stores a column whose value every row shares', async () => {
    for (const [index, shared] of ['NULL', '', 'with "quotes"', null].entries()) {
      const statementId = `stm_shared_${index}`;
      const rows = [1, 2, 3].map((lineNumber) => ({ ...lineRow(lineNumber, shared), statement_id: statementId }));
      await bulkInsert({ db: database.db, dialect: database.dialect }, 'statement_lines', rows);

      const stored = await database.db.selectFrom('statement_lines').selectAll().where('statement_id', '=', statementId).orderBy('line_number').execute();
      expect(stored.map((row) => row.description)).toEqual([shared, shared, shared]);
      expect(stored.map((row) => Number(row.refund_fen))).toEqual([0, 0, 0]);
      expect(stored.map((row) => row.line_number)).toEqual([1, 2, 3]);
    }
  });

  it('stores every row when all rows are equal', async () => {
    const movement = {
      store_code: 'S_EQUAL',
      item_code: 'I1',
      kind: 'waste',
      quantity_micro: -1,
      value_fen: 0,
      variance_fen: 0,
      balance_quantity_micro: 0,
      balance_value_fen: 0,
      business_date: '2024-01-31',
      occurred_at: '2024-01-31T04:00:00.000Z',
      source_type: 'test',
      source_ref: null,
      journal_entry_id: null,
      flags: '',
      note: null,
      created_at: '2024-01-31T04:00:00.000Z',
    };
    await bulkInsert({ db: database.db, dialect: database.dialect }, 'stock_movements', [movement, movement, movement]);

    const stored = await database.db.selectFrom('stock_movements').select('quantity_micro').where('store_code', '=', 'S_EQUAL').execute();
    expect(stored.map((row) => Number(row.quantity_micro))).toEqual([-1, -1, -1]);
  });

  it('reuses a few statement texts', async () => {
    // SQLite keeps every prepared statement for a while, so each row count must not get a text of its own.
    const texts = new Set<string>();
    const db = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property !== 'executeQuery') return Reflect.get(target, property, receiver);
        return (query: CompiledQuery) => {
          if (query.sql.startsWith('insert')) texts.add(query.sql);
          return target.executeQuery(query);
        };
      },
    });
    let lineNumber = 0;
    for (let count = 1; count <= 200; count += 1) {
      const rows = Array.from({ length: count }, () => ({ ...lineRow((lineNumber += 1), null), statement_id: 'stm_shapes' }));
      await bulkInsert({ db, dialect: database.dialect }, 'statement_lines', rows);
    }

    const count = await database.db.selectFrom('statement_lines').select((eb) => eb.fn.countAll().as('count')).where('statement_id', '=', 'stm_shapes').executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(lineNumber);
    expect(texts.size).toBeLessThanOrEqual(7);
  });

  it('does nothing without rows', async () => {
    await expect(bulkInsert({ db: database.db, dialect: database.dialect }, 'statement_lines', [])).resolves.toBeUndefined();
  });

  it('rejects a column the table lacks', async () => {
    const row = { ...lineRow(1, null), statement_id: 'stm_bad', colour: 'red' };
    await expect(bulkInsert({ db: database.db, dialect: database.dialect }, 'statement_lines', [row])).rejects.toThrow(/colour/);
  });
});
