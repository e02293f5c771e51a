import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { WritePipeline } from '../../src/db/write-pipeline.js';
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

function summaryRow(store: string, orders: number) {
  return { store_code: store, business_date: '2024-03-01', channel: 'dine_in', orders, guests: 0, gross_fen: 100 * orders, discount_fen: 0, net_fen: 100 * orders, refund_fen: 0, tax_fen: 0, cogs_fen: 0 };
}

describe('WritePipeline', () => {
  it('runs writes in the order they were queued', async () => {
    await database.db.transaction().execute(async (trx) => {
      const pipeline = new WritePipeline({ db: trx, dialect: database.dialect });
      await pipeline.prepare(['sales_daily_summary']);
      await pipeline.insert('sales_daily_summary', [summaryRow('P001', 1)]);
      await pipeline.upsert('sales_daily_summary', [summaryRow('P001', 2)], ['store_code', 'business_date', 'channel'], 'add');
      const update = trx.updateTable('sales_daily_summary').set({ guests: 7 }).where('store_code', '=', 'P001');
      await pipeline.execute(update.compile());
      await pipeline.finish();
    });

    const row = await database.db.selectFrom('sales_daily_summary').selectAll().where('store_code', '=', 'P001').executeTakeFirstOrThrow();
    expect(Number(row.orders)).toBe(3);
    expect(Number(row.net_fen)).toBe(300);
    expect(Number(row.guests)).toBe(7);
  });

  it('throws the failed write, not a later one', async () => {
    const attempt = database.db.transaction().execute(async (trx) => {
      const pipeline = new WritePipeline({ db: trx, dialect: database.dialect });
      await pipeline.prepare(['sales_daily_summary']);
      try {
        await pipeline.insert('sales_daily_summary', [summaryRow('P002', 1)]);
        // The same key again: a unique violation, after which PostgreSQL rejects every statement.
        await pipeline.insert('sales_daily_summary', [summaryRow('P002', 1)]);
        await pipeline.insert('sales_daily_summary', [summaryRow('P002', 1)]);
        await pipeline.finish();
      } finally {
        await pipeline.settled();
      }
    });

    await expect(attempt).rejects.toThrow(/unique|duplicate/i);
    const rows = await database.db.selectFrom('sales_daily_summary').selectAll().where('store_code', '=', 'P002').execute();
    expect(rows).toEqual([]);
  });

  it('queues inserts only on PostgreSQL', async () => {
    const pipeline = new WritePipeline({ db: database.db, dialect: database.dialect });
    expect(pipeline.queues).toBe(database.dialect === 'postgres');
    if (!pipeline.queues) expect(() => pipeline.queueInsert('sales_daily_summary', [summaryRow('P003', 1)])).toThrow(/only PostgreSQL/);
  });
});
