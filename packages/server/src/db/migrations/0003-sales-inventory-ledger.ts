import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';
import type { DialectName } from '../connect.js';
import { SEED_ACCOUNTS, SEED_POSTING_RULES, SEED_TAX_RATES } from './0003-ledger-seed.js';

// Quantities of items are integer millionths of the base unit. `bigint` is a 64-bit integer on
// PostgreSQL and has integer affinity on SQLite, so one column type serves both.
const MICRO = 'bigint';

/**
 * Sales (orders, refunds, their daily summaries), inventory (balances at moving-average cost,
 * movements, stock counts) and the double-entry ledger (chart of accounts, posting rules, tax
 * rates, periods, journal entries and their balances), with the seeded chart of accounts of the
 * small-enterprise accounting standard (小企业会计准则).
 */
export function salesInventoryLedger(types: ColumnTypes, dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>) {
      await createLedgerTables(db, types);
      await createInventoryTables(db, types);
      await createSalesTables(db, types);
      await createSummaryTables(db, types);
      await protectJournal(db, dialect);
      await seed(db);
    },

    async down(db: Kysely<any>) {
      if (dialect === 'postgres') await sql`drop function if exists boh_reject_journal_change() cascade`.execute(db);
      const tables = [
        'payment_daily_summary', 'item_sales_daily', 'sales_hourly_summary', 'sales_daily_summary',
        'refund_payments', 'refund_lines', 'refunds', 'order_payments', 'order_lines', 'orders', 'posting_batches',
        'stock_count_lines', 'stock_counts', 'stock_movements', 'stock_balances', 'stock_settings',
        'ledger_balances', 'journal_lines', 'journal_entries', 'accounting_periods', 'tax_rates', 'posting_rules', 'accounts',
      ];
      for (const table of tables) await db.schema.dropTable(table).execute();
    },
  };
}

async function createLedgerTables(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('balance_direction', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('accounts.code'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('active', types.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', types.instant, (c) => c.notNull())
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_parent_code').on('accounts').column('parent_code').execute();

  await db.schema
    .createTable('posting_rules')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('qualifier', 'text', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull().references('accounts.code'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('posting_rules_pk', ['rule', 'qualifier'])
    .execute();

  await db.schema
    .createTable('tax_rates')
    .addColumn('tax_category', 'text', (c) => c.notNull())
    .addColumn('effective_from', types.date, (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('tax_rates_pk', ['tax_category', 'effective_from'])
    .execute();

  await db.schema
    .createTable('accounting_periods')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', types.instant)
    .addColumn('closed_by', 'text')
    .addColumn('locked_at', types.instant)
    .addColumn('locked_by', 'text')
    .addColumn('reopened_at', types.instant)
    .addColumn('reopened_by', 'text')
    .addColumn('reopen_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('journal_entries')
    .addColumn('id', types.serial, (c) => c.primaryKey())
    .addColumn('entry_date', types.date, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('store_code', 'text')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('memo', 'text')
    .addColumn('document_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reverses_entry_id', types.money)
    .addColumn('total_fen', types.money, (c) => c.notNull())
    .addColumn('posted_at', types.instant, (c) => c.notNull())
    .addColumn('posted_by', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('journal_entries_period').on('journal_entries').columns(['period', 'id']).execute();
  await db.schema.createIndex('journal_entries_source').on('journal_entries').columns(['source_type', 'source_ref']).execute();
  // An entry can be reversed once; the reversal names it, so a second reversal breaks this index.
  await db.schema
    .createIndex('journal_entries_reverses')
    .on('journal_entries')
    .column('reverses_entry_id')
    .unique()
    .where(sql<boolean>`reverses_entry_id is not null`)
    .execute();

  await db.schema
    .createTable('journal_lines')
    .addColumn('entry_id', types.money, (c) => c.notNull().references('journal_entries.id'))
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull().references('accounts.code'))
    .addColumn('store_code', 'text')
    .addColumn('debit_fen', types.money, (c) => c.notNull())
    .addColumn('credit_fen', types.money, (c) => c.notNull())
    .addColumn('memo', 'text')
    .addColumn('entry_date', types.date, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_lines_pk', ['entry_id', 'line_number'])
    .execute();
  await db.schema
    .createIndex('journal_lines_account')
    .on('journal_lines')
    .columns(['account_code', 'entry_date', 'entry_id', 'line_number'])
    .execute();

  // Debit and credit turnover per period, account and store ('' for lines without a store),
  // kept in the posting transaction so a trial balance reads a few rows per account.
  await db.schema
    .createTable('ledger_balances')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('debit_fen', types.money, (c) => c.notNull())
    .addColumn('credit_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_balances_pk', ['period', 'account_code', 'store_code'])
    .execute();
}

async function createInventoryTables(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('stock_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('negative_stock', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .execute();

  // The last positive state (quantity and value) is kept as the cost of stock issued while the
  // balance is negative.
  await db.schema
    .createTable('stock_balances')
    .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
    .addColumn('item_code', 'text', (c) => c.notNull().references('items.code'))
    .addColumn('quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('value_fen', types.money, (c) => c.notNull())
    .addColumn('last_cost_quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('last_cost_value_fen', types.money, (c) => c.notNull())
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_balances_pk', ['store_code', 'item_code'])
    .execute();

  await db.schema
    .createTable('stock_movements')
    .addColumn('id', types.serial, (c) => c.primaryKey())
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('value_fen', types.money, (c) => c.notNull())
    .addColumn('variance_fen', types.money, (c) => c.notNull())
    .addColumn('balance_quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('balance_value_fen', types.money, (c) => c.notNull())
    .addColumn('business_date', types.date, (c) => c.notNull())
    .addColumn('occurred_at', types.instant, (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('journal_entry_id', types.money)
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text')
    .addColumn('created_at', types.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_movements_item').on('stock_movements').columns(['store_code', 'item_code', 'id']).execute();
  await db.schema.createIndex('stock_movements_date').on('stock_movements').columns(['business_date', 'id']).execute();

  await db.schema
    .createTable('stock_counts')
    .addColumn('id', types.serial, (c) => c.primaryKey())
    .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
    .addColumn('count_date', types.date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('uncounted', 'text', (c) => c.notNull())
    .addColumn('journal_entry_id', types.money)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', types.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', types.instant, (c) => c.notNull())
    .addColumn('posted_at', types.instant)
    .addColumn('posted_by', 'text')
    .execute();
  await db.schema.createIndex('stock_counts_store').on('stock_counts').columns(['store_code', 'id']).execute();

  await db.schema
    .createTable('stock_count_lines')
    .addColumn('count_id', types.money, (c) => c.notNull().references('stock_counts.id'))
    .addColumn('item_code', 'text', (c) => c.notNull().references('items.code'))
    .addColumn('counted_quantity_micro', MICRO)
    .addColumn('entered_quantity', 'text')
    .addColumn('entered_unit', 'text')
    .addColumn('system_quantity_micro', MICRO)
    .addColumn('system_value_fen', types.money)
    .addColumn('variance_quantity_micro', MICRO)
    .addColumn('variance_value_fen', types.money)
    .addPrimaryKeyConstraint('stock_count_lines_pk', ['count_id', 'item_code'])
    .execute();
}

async function createSalesTables(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('posting_batches')
    .addColumn('id', types.serial, (c) => c.primaryKey())
    .addColumn('posted_at', types.instant, (c) => c.notNull())
    .addColumn('posted_by', 'text')
    .addColumn('request_id', 'text')
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('refunds', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('store_code', 'text', (c) => c.notNull().references('stores.code'))
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('ordered_at', types.instant, (c) => c.notNull())
    .addColumn('business_date', types.date, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('local_hour', 'integer', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('gross_fen', types.money, (c) => c.notNull())
    .addColumn('discount_fen', types.money, (c) => c.notNull())
    .addColumn('order_discount_fen', types.money, (c) => c.notNull())
    .addColumn('net_fen', types.money, (c) => c.notNull())
    .addColumn('tax_fen', types.money, (c) => c.notNull())
    .addColumn('cogs_fen', types.money, (c) => c.notNull())
    .addColumn('refunded_fen', types.money, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('batch_id', types.money, (c) => c.notNull())
    .addColumn('journal_entry_id', types.money)
    .addColumn('posted_at', types.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_pk', ['store_code', 'order_number'])
    .execute();
  await db.schema.createIndex('orders_business_date').on('orders').columns(['business_date', 'store_code', 'order_number']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('menu_item_code', 'text')
    .addColumn('item_code', 'text')
    .addColumn('quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('unit_price_fen', types.money, (c) => c.notNull())
    .addColumn('gross_fen', types.money, (c) => c.notNull())
    .addColumn('discount_fen', types.money, (c) => c.notNull())
    .addColumn('allocated_discount_fen', types.money, (c) => c.notNull())
    .addColumn('net_fen', types.money, (c) => c.notNull())
    .addColumn('tax_category', 'text', (c) => c.notNull())
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('tax_fen', types.money, (c) => c.notNull())
    .addColumn('cogs_fen', types.money, (c) => c.notNull())
    // JSON [[item_code, quantity_micro, value_fen], …]: what one line took from stock.
    .addColumn('consumption', types.json, (c) => c.notNull())
    .addColumn('refunded_quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('refunded_fen', types.money, (c) => c.notNull())
    .addColumn('refunded_tax_fen', types.money, (c) => c.notNull())
    // JSON in the shape of `consumption`: the part already returned to stock or written off by refunds.
    .addColumn('settled_consumption', types.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['store_code', 'order_number', 'line_number'])
    .execute();

  await db.schema
    .createTable('order_payments')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_fen', types.money, (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('merchant_order_number', 'text')
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('refunded_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_payments_pk', ['store_code', 'order_number', 'sequence'])
    .execute();
  await db.schema.createIndex('order_payments_transaction').on('order_payments').columns(['transaction_id']).execute();

  await db.schema
    .createTable('refunds')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('refund_number', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('refunded_at', types.instant, (c) => c.notNull())
    .addColumn('business_date', types.date, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('local_hour', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', types.money, (c) => c.notNull())
    .addColumn('tax_fen', types.money, (c) => c.notNull())
    .addColumn('returned_value_fen', types.money, (c) => c.notNull())
    .addColumn('return_stock', types.boolean, (c) => c.notNull())
    // False when the refund named no payments and went back to the order's payments in turn.
    .addColumn('payments_given', types.boolean, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('batch_id', types.money, (c) => c.notNull())
    .addColumn('journal_entry_id', types.money)
    .addColumn('posted_at', types.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('refunds_pk', ['store_code', 'refund_number'])
    .execute();
  await db.schema.createIndex('refunds_order').on('refunds').columns(['store_code', 'order_number']).execute();

  await db.schema
    .createTable('refund_lines')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('refund_number', 'text', (c) => c.notNull())
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('amount_fen', types.money, (c) => c.notNull())
    .addColumn('tax_fen', types.money, (c) => c.notNull())
    .addColumn('returned', types.json, (c) => c.notNull())
    .addColumn('returned_value_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('refund_lines_pk', ['store_code', 'refund_number', 'line_number'])
    .execute();

  await db.schema
    .createTable('refund_payments')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('refund_number', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_fen', types.money, (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('refund_payments_pk', ['store_code', 'refund_number', 'sequence'])
    .execute();
}

// The shapes other domains read; the column names and keys are fixed by the interfaces between
// domains and must not change.
async function createSummaryTables(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('sales_daily_summary')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('gross_fen', types.money, (c) => c.notNull())
    .addColumn('discount_fen', types.money, (c) => c.notNull())
    .addColumn('net_fen', types.money, (c) => c.notNull())
    .addColumn('refund_fen', types.money, (c) => c.notNull())
    .addColumn('tax_fen', types.money, (c) => c.notNull())
    .addColumn('cogs_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_daily_summary_pk', ['store_code', 'business_date', 'channel'])
    .execute();

  await db.schema
    .createTable('sales_hourly_summary')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('net_fen', types.money, (c) => c.notNull())
    .addColumn('refund_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_hourly_summary_pk', ['store_code', 'business_date', 'hour'])
    .execute();

  await db.schema
    .createTable('item_sales_daily')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('menu_item_code', 'text', (c) => c.notNull())
    .addColumn('quantity_micro', MICRO, (c) => c.notNull())
    .addColumn('net_fen', types.money, (c) => c.notNull())
    .addColumn('cogs_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('item_sales_daily_pk', ['store_code', 'business_date', 'menu_item_code'])
    .execute();

  await db.schema
    .createTable('payment_daily_summary')
    .addColumn('store_code', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('payments', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', types.money, (c) => c.notNull())
    .addColumn('refund_fen', types.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_daily_summary_pk', ['store_code', 'business_date', 'method'])
    .execute();
}

// Journal entries and lines are immutable once posted; corrections are reversing entries. The
// triggers make the database itself refuse an UPDATE or DELETE, whatever the code path.
async function protectJournal(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`
      create function boh_reject_journal_change() returns trigger language plpgsql as $$
      begin
        raise exception 'journal entries are immutable; post a reversing entry instead' using errcode = 'P0001';
      end $$`.execute(db);
    for (const table of ['journal_entries', 'journal_lines']) {
      await sql`create trigger ${sql.id(`${table}_immutable`)} before update or delete on ${sql.id(table)}
        for each row execute function boh_reject_journal_change()`.execute(db);
    }
    return;
  }
  for (const table of ['journal_entries', 'journal_lines']) {
    for (const action of ['update', 'delete']) {
      await sql`create trigger ${sql.id(`${table}_no_${action}`)} before ${sql.raw(action)} on ${sql.id(table)}
        begin select raise(abort, 'journal entries are immutable; post a reversing entry instead'); end`.execute(db);
    }
  }
}

async function seed(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  const accounts = SEED_ACCOUNTS.map(([code, name_zh, name_en, category, balance_direction]) => {
    const parent_code = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
    return { code, name_zh, name_en, category, balance_direction, parent_code, level: code.split('.').length, active: true, version: 1, created_at: now, updated_at: now };
  });
  await db.insertInto('accounts').values(accounts).execute();

  const rules = SEED_POSTING_RULES.map(([rule, qualifier, account_code]) => ({ rule, qualifier, account_code, version: 1, updated_at: now }));
  await db.insertInto('posting_rules').values(rules).execute();

  const rates = SEED_TAX_RATES.map(([tax_category, effective_from, rate_bp]) => ({ tax_category, effective_from, rate_bp, version: 1, updated_at: now }));
  await db.insertInto('tax_rates').values(rates).execute();

  await db.insertInto('stock_settings').values({ id: 1, negative_stock: 'allow', version: 1, updated_at: now }).execute();
}
