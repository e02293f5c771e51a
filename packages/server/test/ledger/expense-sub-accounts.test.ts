// The labour and rent sub-accounts of 5601 销售费用 and 5602 管理费用 that the store P&L reads:
// present in a new database, and added to an existing one only where the API would add them.

import { createClient, type BohClient } from '@boh/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type BohDatabase } from '@boh/server';
import { createMigrator } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

describe('new database', () => {
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

  it('has the labour, rent, repairs and other sub-accounts', async () => {
    const accounts = await boh.ledger.accounts.list({ q: '费用-' }).toArray({ max: 50 });
    const byCode = new Map(accounts.map((account) => [account.code, account]));
    expect(byCode.get('5601.01')).toMatchObject({ name_zh: '销售费用-职工薪酬', name_en: 'Selling expenses - employee benefits', parent_code: '5601', level: 2, category: 'profit_and_loss', balance_direction: 'debit', is_leaf: true });
    expect(byCode.get('5601.02')).toMatchObject({ name_zh: '销售费用-租赁费', parent_code: '5601', is_leaf: true });
    expect(byCode.get('5601.99')).toMatchObject({ name_zh: '销售费用-其他', parent_code: '5601' });
    expect(byCode.get('5602.01')).toMatchObject({ name_zh: '管理费用-职工薪酬', name_en: 'Administrative expenses - employee benefits', parent_code: '5602' });
    expect(byCode.get('5602.02')).toMatchObject({ name_zh: '管理费用-租赁费', parent_code: '5602' });
    expect(byCode.get('5602.03')).toMatchObject({ name_zh: '管理费用-修理费', parent_code: '5602' });
    expect(byCode.get('5602.99')).toMatchObject({ name_zh: '管理费用-其他', parent_code: '5602' });
    expect(await boh.ledger.accounts.get('5601')).toMatchObject({ is_leaf: false });
    expect(await boh.ledger.accounts.get('5602')).toMatchObject({ is_leaf: false });
  });

  it('posts maintenance to repairs', async () => {
    const rules = await boh.ledger.postingRules();
    expect(rules.find((rule) => rule.rule === 'maintenance_expense')).toMatchObject({ qualifier: 'default', account_code: '5602.03' });
  });

  it('shows posted labour and rent in the store P&L', async () => {
    await boh.stores.create({ code: '0001', name: '静安寺店' });
    const post = (account: string, fen: number, store: string | null, memo: string) =>
      boh.ledger.entries.create({ entry_date: '2024-03-31', store_code: store, memo, lines: [{ account_code: account, debit_fen: fen }, { account_code: '1002', credit_fen: fen, store_code: null }] });
    await post('5601.01', 600_000, '0001', '3月门店工资');
    await post('5601.02', 1_200_000, '0001', '3月门店房租');
    await post('5602.01', 300_000, null, '3月总部工资');
    await post('5602.02', 200_000, null, '3月总部房租');
    await post('5602.99', 10_000, null, '3月办公费');

    const run = await boh.reports.run({ report: 'store-pnl', period: '2024-03' });
    expect(run.missing_data).toEqual([]);
    const section = run.sections.find((candidate) => candidate.key === 'by_store')!;
    expect(section.totals).toMatchObject({ labour_fen: 900_000, rent_fen: 1_400_000, other_expenses_fen: 10_000 });
    const store = section.rows.find((row) => row.store_code === '0001')!;
    expect(store).toMatchObject({ labour_fen: 600_000, rent_fen: 1_200_000 });
  });
});

describe('existing database', () => {
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

  it('gets sub-accounts only under parents without postings', async () => {
    const { error } = await createMigrator(database).migrateTo('0014-reconciliation-item-ids');
    expect(error).toBeUndefined();
    const db = database.db;
    const now = new Date().toISOString();

    // Selling expenses were posted to 5601 itself; a user made 5602.01 under a name of their own.
    const entry = await db
      .insertInto('journal_entries')
      .values({ entry_date: '2024-01-31', period: '2024-01', source_type: 'manual', memo: '1月广告费', total_fen: 5_000, posted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('journal_lines')
      .values([
        { entry_id: entry.id, line_number: 1, account_code: '5601', debit_fen: 5_000, credit_fen: 0, entry_date: '2024-01-31', period: '2024-01' },
        { entry_id: entry.id, line_number: 2, account_code: '1002', debit_fen: 0, credit_fen: 5_000, entry_date: '2024-01-31', period: '2024-01' },
      ])
      .execute();
    await db
      .insertInto('accounts')
      .values({ code: '5602.01', name_zh: '管理费用-工资', name_en: 'Admin - wages', category: 'profit_and_loss', balance_direction: 'debit', parent_code: '5602', level: 2, active: true, version: 1, created_at: now, updated_at: now })
      .execute();

    await migrateToLatest(database);

    const codes = (await db.selectFrom('accounts').select('code').where('parent_code', 'in', ['5601', '5602']).orderBy('code').execute()).map((row) => row.code);
    expect(codes).toEqual(['5602.01', '5602.02', '5602.03', '5602.99']);
    const own = await db.selectFrom('accounts').select(['name_zh', 'version']).where('code', '=', '5602.01').executeTakeFirstOrThrow();
    expect(own).toEqual({ name_zh: '管理费用-工资', version: 1 });
    const rule = await db.selectFrom('posting_rules').select(['account_code', 'version']).where('rule', '=', 'maintenance_expense').executeTakeFirstOrThrow();
    expect(rule).toEqual({ account_code: '5602.03', version: 2 });
  });

  it('leaves a parent that a posting rule of the user posts to', async () => {
    const other = await createTestDatabase();
    const otherDatabase = await openDatabase(other.url);
    try {
      expect((await createMigrator(otherDatabase).migrateTo('0014-reconciliation-item-ids')).error).toBeUndefined();
      await otherDatabase.db.updateTable('posting_rules').set({ account_code: '5601' }).where('rule', '=', 'waste').execute();

      await migrateToLatest(otherDatabase);

      const codes = (await otherDatabase.db.selectFrom('accounts').select('code').where('parent_code', 'in', ['5601', '5602']).orderBy('code').execute()).map((row) => row.code);
      expect(codes).toEqual(['5602.01', '5602.02', '5602.03', '5602.99']);
    } finally {
      await otherDatabase.close();
      await other.drop();
    }
  });
});
