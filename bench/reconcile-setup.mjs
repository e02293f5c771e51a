// Setup shared by the reconciliation benchmarks, not timed. It makes a fresh database with `count`
// orders of one WeChat Pay payment each, inserted as plain rows. It writes the merchant bill of
// the same payments as a CSV file with 1 % faults (bench/generate-statement.mjs).
// The database comes from bench/sales-chain.mjs: a SQLite file in a folder of its own, or a
// PostgreSQL schema, which `drop` removes.

import { join } from 'node:path';
import { generateChain } from './generate-orders.mjs';
import { generatePayments, writeBill } from './generate-statement.mjs';
import { freshDatabase } from './sales-chain.mjs';

export const EXPECTED_STATE = {
  dropped_line: 'missing_in_statement',
  extra_line: 'missing_in_pos',
  amount_difference: 'amount_mismatch',
  duplicate_line: 'duplicate',
  across_midnight: 'timing_difference',
};

/** Check by a reconciliation's counts per state that every injected fault ended in its state. */
export function allFaultsFound(states, faults) {
  return Object.entries(EXPECTED_STATE).every(([fault, state]) => states[state] === faults[fault]);
}

/**
 * Make the database (migrated, with the chain's stores and `count` POS payments) and the bill in
 * `folder`, using the built server module `server`. The database is left open as `bohDatabase`.
 */
export async function prepareRun(server, database, count, folder) {
  const { url, drop } = await freshDatabase(database);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);
  const stores = generateChain().stores;
  await bohDatabase.db.insertInto('stores').values(stores).execute();
  await insertPayments(server, bohDatabase, count, stores.map((store) => store.code));
  const billPath = join(folder, 'wechat-2024-01.csv');
  const bill = await writeBill(billPath, count, stores.map((store) => store.code));
  return { url, drop, bohDatabase, billPath, bill };
}

/** Orders with one WeChat payment each, as plain rows. */
async function insertPayments(server, bohDatabase, count, storeCodes) {
  const target = { db: bohDatabase.db, dialect: bohDatabase.dialect };
  const now = new Date().toISOString();
  let orders = [];
  let payments = [];
  const flush = async () => {
    await bohDatabase.db.transaction().execute(async (trx) => {
      await server.bulkInsert({ db: trx, dialect: target.dialect }, 'orders', orders);
      await server.bulkInsert({ db: trx, dialect: target.dialect }, 'order_payments', payments);
    });
    orders = [];
    payments = [];
  };
  for (const p of generatePayments(count, storeCodes)) {
    const local = new Date(p.atMs + 8 * 3_600_000).toISOString();
    const orderNumber = `O${String(p.i).padStart(9, '0')}`;
    orders.push({
      store_code: p.store, order_number: orderNumber, channel: 'dine_in', ordered_at: new Date(p.atMs).toISOString(), business_date: local.slice(0, 10),
      period: local.slice(0, 7), local_hour: Number(local.slice(11, 13)), guests: 1, gross_fen: p.amount, discount_fen: 0, order_discount_fen: 0, net_fen: p.amount,
      tax_fen: 0, cogs_fen: 0, refunded_fen: 0, status: 'posted', flags: '', note: null, input_hash: '', batch_id: 0, journal_entry_id: null, posted_at: now,
    });
    payments.push({
      store_code: p.store, order_number: orderNumber, sequence: 1, method: 'wechat', amount_fen: p.amount,
      transaction_id: p.fault === 'split' ? null : p.transactionId, merchant_order_number: p.merchantOrderNumber, account_code: '1012.01', refunded_fen: 0,
    });
    if (orders.length === 10_000) await flush();
  }
  if (orders.length > 0) await flush();
}
