// `boh export sales_order`: time and peak memory of the CLI writing CSV, XLSX and JSON Lines, then
// the CSV imported into a fresh database and exported again, which must give the same rows.
//
//   npm run build && node bench/sales-export.bench.mjs [--orders 50000] [--database sqlite,postgres]
//
// Orders have two lines and one payment, and every tenth order a refund. PostgreSQL runs at
// BOH_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in schemas of its own
// that are dropped afterwards. Peak memory is read with GNU time (`/usr/bin/time -f %M`).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createClient } from '@boh/sdk';
import { buildApp, insertToken, migrateToLatest, openDatabase } from '@boh/server';

const BOH_BIN = new URL('../packages/cli/bin/boh.js', import.meta.url).pathname;
const POSTGRES = process.env.BOH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const { values } = parseArgs({ options: { orders: { type: 'string', default: '50000' }, database: { type: 'string', default: 'sqlite,postgres' } } });
const ORDERS = Number(values.orders);

/** Start a server on a fresh database; returns its URL, an admin token and a function that stops and removes it. */
async function startServer(kind, name) {
  const folder = mkdtempSync(join(tmpdir(), 'boh-bench-export-'));
  const schema = `boh_bench_export_${process.pid}_${name}`;
  const url = kind === 'sqlite' ? join(folder, 'bench.db') : `${POSTGRES}${POSTGRES.includes('?') ? '&' : '?'}schema=${schema}`;
  const database = await openDatabase(url);
  await migrateToLatest(database);
  const app = await buildApp({ database });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await insertToken(database.db, { name: 'bench', role: 'admin', storeCodes: [] });

  const stop = async () => {
    await app.close();
    await database.close?.();
    rmSync(folder, { recursive: true, force: true });
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  };
  return { url: address, token: secret, folder, stop, database };
}

async function seedMasterData(boh) {
  await boh.stores.create({ code: 'S01', name: '静安寺店', day_end_cutoff: '04:00' });
  await boh.menuItems.create({ code: 'LATTE', name: '拿铁', price_fen: 3200 });
  await boh.menuItems.create({ code: 'MOCHA', name: '摩卡', price_fen: 3500 });
}

async function seedOrders(boh) {
  const orders = [];
  for (let i = 0; i < ORDERS; i++) {
    orders.push({
      store_code: 'S01',
      order_number: `B-${String(i).padStart(7, '0')}`,
      channel: 'dine_in',
      ordered_at: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T04:00:00Z`,
      ...(i % 7 === 0 ? { note: '少冰, "加奶"' } : {}),
      lines: [
        { menu_item_code: 'LATTE', quantity: 2, unit_price_fen: 3200 },
        { menu_item_code: 'MOCHA', quantity: 1, unit_price_fen: 3500 },
      ],
      payments: [{ method: 'wechat', amount_fen: 9900, transaction_id: `4200${i}` }],
    });
  }
  const refunds = orders
    .filter((_, i) => i % 10 === 0)
    .map((order) => ({ store_code: 'S01', order_number: order.order_number, refund_number: `RF-${order.order_number}`, refunded_at: order.ordered_at.replace('T04', 'T05'), lines: [{ line_number: 1, quantity: 1 }] }));
  const summary = await boh.orders.postBatch(orders, { batchSize: 5000, refunds });
  if (summary.rejected + summary.conflicts > 0) throw new Error(`seeding rejected ${summary.rejected} records`);
  return orders.length + refunds.length;
}

/**
 * Run the CLI under GNU time; returns seconds and peak resident memory in MB. The spawn is
 * asynchronous because the servers run in this process.
 */
async function runCli(args, server) {
  const env = { ...process.env, BOH_BASE_URL: server.url, BOH_TOKEN: server.token, BOH_LANG: 'en' };
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'max_rss_kb=%M', process.execPath, BOH_BIN, ...args], { env, cwd: server.folder });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.resume();
  const [status] = await once(child, 'close');
  const seconds = (performance.now() - started) / 1000;
  const rss = /max_rss_kb=(\d+)/.exec(stderr);
  if (![0, 6].includes(status) || !rss) throw new Error(`boh ${args.join(' ')} failed: ${stderr.slice(-500)}`);
  return { seconds, peakMb: Number(rss[1]) / 1024 };
}

function sortedLines(path) {
  return readFileSync(path, 'utf8').split('\r\n').sort();
}

for (const kind of values.database.split(',')) {
  const source = await startServer(kind, 'source');
  const target = await startServer(kind, 'target');
  try {
    const boh = createClient({ baseUrl: source.url, token: source.token });
    await seedMasterData(boh);
    const records = await seedOrders(boh);
    await boh.close();
    // Planner statistics as autovacuum would gather them; without them PostgreSQL reads every
    // line of the store for each page of orders.
    if (kind === 'postgres') for (const table of ['orders', 'order_lines', 'order_payments', 'refunds']) await sql.raw(`analyze ${table}`).execute(source.database.db);

    console.log(`${kind}: ${ORDERS} orders and ${records - ORDERS} refunds`);
    for (const format of ['csv', 'xlsx', 'jsonl']) {
      const run = await runCli(['export', 'sales_order', '--output', `orders.${format}`, '--json'], source);
      console.log(`  export ${format}: ${run.seconds.toFixed(1)} s, ${Math.round(records / run.seconds)} records/s, CLI peak ${run.peakMb.toFixed(0)} MB`);
    }

    const targetBoh = createClient({ baseUrl: target.url, token: target.token });
    await seedMasterData(targetBoh);
    await targetBoh.close();
    const imported = await runCli(['import', 'sales_order', join(source.folder, 'orders.csv'), '--json', '--no-files'], target);
    console.log(`  import csv into a fresh database: ${imported.seconds.toFixed(1)} s, CLI peak ${imported.peakMb.toFixed(0)} MB`);
    await runCli(['export', 'sales_order', '--output', 'again.csv'], target);
    const same = JSON.stringify(sortedLines(join(source.folder, 'orders.csv'))) === JSON.stringify(sortedLines(join(target.folder, 'again.csv')));
    console.log(`  export of the imported orders equals the first export: ${same}`);
    if (!same) process.exitCode = 1;
  } finally {
    await source.stop();
    await target.stop();
  }
}
