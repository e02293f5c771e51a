import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { insertInChunks } from '../../src/imports/targets/bulk.js';
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

// Texts that JSON or an array literal must escape, and values that must stay distinct.
const TEXTS = ['plain', '', 'NULL', 'null', 'with "quotes"', 'back\\slash', '{braces}', 'a,b', 'tab\there', 'line\nbreak', '中文 ¥', "it's", '😀'];

function storeRow(index: number, address: string | null, now: string) {
  return {
    code: `BULK${String(index).padStart(6, '0')}`,
    name: `Store ${index}`,
    brand: null,
    region_code: null,
    city: '上海',
    address,
    phone: '021-34310508',
    latitude: 31.2304 + index / 1e6,
    longitude: 121.4737,
    area_m2: index % 2 === 0 ? 217.2 : null,
    seats: index,
    timezone: 'Asia/Shanghai',
    day_end_cutoff: '00:00',
    lifecycle_stage: 'operating',
    opened_on: '2023-07-12',
    closed_on: null,
    active: index % 3 !== 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

const target = () => ({ db: database.db, dialect: database.dialect, sqlite: database.sqlite });

describe('insertInChunks', () => {
  it('stores every value as given', async () => {
    const now = '2026-12-05T06:00:00.000Z';
    const addresses = [...TEXTS, null];
    const rows = addresses.map((address, index) => storeRow(index + 1, address, now));
    await insertInChunks(target(), 'stores', rows);

    const stored = await database.db.selectFrom('stores').selectAll().where('code', 'like', 'BULK%').orderBy('code').execute();
    expect(stored.map((row) => row.address)).toEqual(addresses);
    expect(stored.map((row) => Number(row.latitude))).toEqual(rows.map((row) => row.latitude));
    expect(stored.map((row) => (row.area_m2 === null ? null : Number(row.area_m2)))).toEqual(rows.map((row) => row.area_m2));
    expect(stored.map((row) => Number(row.seats))).toEqual(rows.map((row) => row.seats));
    expect(stored.map((row) => Boolean(row.active))).toEqual(rows.map((row) => row.active));
    expect(stored.map((row) => new Date(row.created_at as string).toISOString())).toEqual(rows.map(() => now));
  });

  it('inserts more rows than one statement takes', async () => {
    const rows = Array.from({ length: 10_001 }, (_, index) => ({ ...storeRow(index, 'x', '2026-12-05T06:00:00.000Z'), code: `MANY${index}` }));
    await insertInChunks(target(), 'stores', rows);

    const count = await database.db.selectFrom('stores').select((eb) => eb.fn.countAll().as('count')).where('code', 'like', 'MANY%').executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(10_001);
  });

  // better-sqlite3 binds no Date, so only PostgreSQL gets one; it goes through arrays, not JSON.
  it.runIf(process.env.BOH_TEST_DATABASE_URL)('inserts a Date on PostgreSQL', async () => {
    const at = new Date('2026-12-05T06:00:00.000Z');
    const row = { ...storeRow(1, 'dated', at.toISOString()), code: 'DATED1', created_at: at };
    await insertInChunks(target(), 'stores', [row]);

    const stored = await database.db.selectFrom('stores').selectAll().where('code', '=', 'DATED1').executeTakeFirstOrThrow();
    expect(stored.address).toBe('dated');
    expect(new Date(stored.created_at as string).toISOString()).toBe(at.toISOString());
  });

  it('does nothing without rows', async () => {
    await expect(insertInChunks(target(), 'stores', [])).resolves.toBeUndefined();
  });
});
