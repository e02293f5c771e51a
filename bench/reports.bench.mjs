// Benchmark: the store-performance and store-pnl reports for one month of a chain, on SQLite and
// PostgreSQL, over summaries that stand for `--lines` order lines across `--stores` stores.
//
//   node bench/reports.bench.mjs [--lines 10000000] [--stores 500] [--items 60] [--months 2]
//                                [--database sqlite,postgres] [--runs 3]
//
// Reports read the summaries posting keeps up to date (sales_daily_summary, sales_hourly_summary,
// item_sales_daily, payment_daily_summary) and ledger_balances, never the order lines. So the
// benchmark writes those tables directly, in bulk, with the rows that posting `--lines` lines
// would leave. Every store sells on every day of each month, and its lines are spread over the
// menu items, three channels, the hours 10–21 and four payment methods. The month reported on is
// 2024-03; `--months` earlier months are written too, so the date index has to pick the month.
// Each database runs in a child process over a fresh database. `npm run build` first.

import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '10000000' },
    stores: { type: 'string', default: '500' },
    items: { type: 'string', default: '60' },
    months: { type: 'string', default: '2' },
    database: { type: 'string', default: 'sqlite,postgres' },
    runs: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});
const POSTGRES = process.env.BOH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PERIOD = '2024-03';
const REPORTS = ['store-performance', 'store-pnl'];

if (values.child) {
  const result = await runOne(values.child);
  process.send?.(result);
  process.exit(0);
} else {
  const results = [];
  for (const database of values.database.split(',')) results.push(await inChild(database));
  printReport(results);
}

function inChild(database) {
  return new Promise((resolve, reject) => {
    const args = ['--child', database, ...['lines', 'stores', 'items', 'months', 'runs'].flatMap((name) => [`--${name}`, values[name]])];
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: 'inherit' });
    child.on('message', resolve);
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${database} exited with ${code}`))));
  });
}

async function runOne(database) {
  const server = await import('../packages/server/dist/index.js');
  const { url, drop } = await freshDatabase(database);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);

  const seedStarted = performance.now();
  const counts = await seed(server, bohDatabase);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const timings = {};
  const totals = {};
  for (const report of REPORTS) {
    const seconds = [];
    for (let run = 0; run <= Number(values.runs); run++) {
      const started = performance.now();
      const { result } = await server.createRun({ db: bohDatabase.db, dialect: bohDatabase.dialect, now: new Date(), generatedBy: 'bench' }, { report, period: PERIOD });
      seconds.push((performance.now() - started) / 1000);
      totals[report] = result.sections[0].totals;
    }
    // The first run fills the page cache; the median of the others is what a user waits.
    timings[report] = { first: seconds[0], median: median(seconds.slice(1)) };
  }

  await bohDatabase.close();
  if (process.env.BOH_BENCH_KEEP !== '1') await drop();
  else console.log(`Kept the database at ${url}`);
  return { database, counts, seedSeconds, timings, salesFen: totals['store-performance'].sales_fen, revenueFen: [totals['store-performance'].revenue_fen, totals['store-pnl'].revenue_fen] };
}

/** Write the summaries and ledger balances of `--lines` lines a month, and the master data they refer to. */
async function seed(server, bohDatabase) {
  const stores = Number(values.stores);
  const items = Number(values.items);
  const target = { db: bohDatabase.db, dialect: bohDatabase.dialect };
  const now = new Date().toISOString();
  const record = { active: true, version: 1, created_at: now, updated_at: now };

  await server.bulkInsert(target, 'regions', Array.from({ length: 10 }, (_, r) => ({ code: `R${r}`, name: `区域${r}`, parent_code: null, ...record })));
  await server.bulkInsert(target, 'stores', Array.from({ length: stores }, (_, s) => ({
    code: storeCode(s), name: `门店${s}`, brand: s % 2 ? 'Bean' : 'Leaf', region_code: `R${s % 10}`, city: null, address: null, phone: null, latitude: null, longitude: null,
    area_m2: 80 + (s % 120), seats: null, timezone: 'Asia/Shanghai', day_end_cutoff: '00:00', lifecycle_stage: 'operating', opened_on: null, closed_on: null, ...record,
  })));
  await server.bulkInsert(target, 'menu_items', Array.from({ length: items }, (_, i) => ({ code: `M${i}`, name: `菜品${i}`, category: null, price_fen: price(i), sellable: true, recipe_yield: 1, ...record })).map(withMenuColumns));

  const counts = { sales_daily_summary: 0, sales_hourly_summary: 0, item_sales_daily: 0, payment_daily_summary: 0, ledger_balances: 0, lines: 0 };
  const months = Array.from({ length: Number(values.months) + 1 }, (_, m) => `2024-${String(3 - m).padStart(2, '0')}`).reverse();
  for (const month of months) {
    const days = new Date(Date.UTC(2024, Number(month.slice(5)), 0)).getUTCDate();
    const linesPerStoreDay = Math.round(Number(values.lines) / stores / days);
    for (let s = 0; s < stores; s++) {
      const rows = { daily: [], hourly: [], items: [], payments: [] };
      let monthNet = 0;
      let monthTax = 0;
      let monthCogs = 0;
      for (let d = 1; d <= days; d++) {
        const date = `${month}-${String(d).padStart(2, '0')}`;
        const random = prng(s * 1000 + d + Number(month.slice(5)) * 100_000);
        let dayNet = 0;
        let dayCogs = 0;
        const quantities = new Array(items).fill(0);
        for (let l = 0; l < linesPerStoreDay; l++) quantities[Math.floor(random() ** 2 * items)] += 1;
        quantities.forEach((quantity, i) => {
          if (quantity === 0) return;
          const net = quantity * price(i);
          dayNet += net;
          dayCogs += Math.round(net * 0.3);
          rows.items.push({ store_code: storeCode(s), business_date: date, menu_item_code: `M${i}`, quantity_micro: quantity * 1_000_000, net_fen: net, cogs_fen: Math.round(net * 0.3) });
        });
        counts.lines += linesPerStoreDay;
        const orders = Math.max(1, Math.round(linesPerStoreDay / 2.2));
        const tax = Math.round(dayNet * 6 / 106);
        const channels = split(dayNet, [0.6, 0.3, 0.1]);
        const channelOrders = split(orders, [0.6, 0.3, 0.1]);
        const channelTax = split(tax, [0.6, 0.3, 0.1]);
        const channelCogs = split(dayCogs, [0.6, 0.3, 0.1]);
        ['dine_in', 'takeaway', 'delivery_meituan'].forEach((channel, c) => rows.daily.push({
          store_code: storeCode(s), business_date: date, channel, orders: channelOrders[c], guests: channelOrders[c], gross_fen: channels[c], discount_fen: 0, net_fen: channels[c], refund_fen: 0, tax_fen: channelTax[c], cogs_fen: channelCogs[c],
        }));
        const hours = split(dayNet, Array.from({ length: 12 }, () => 1 / 12));
        const hourOrders = split(orders, Array.from({ length: 12 }, () => 1 / 12));
        hours.forEach((net, h) => rows.hourly.push({ store_code: storeCode(s), business_date: date, hour: 10 + h, orders: hourOrders[h], net_fen: net, refund_fen: 0 }));
        const methods = split(dayNet, [0.45, 0.35, 0.1, 0.1]);
        ['wechat', 'alipay', 'cash', 'platform'].forEach((method, m) => rows.payments.push({ store_code: storeCode(s), business_date: date, method, payments: split(orders, [0.45, 0.35, 0.1, 0.1])[m], amount_fen: methods[m], refund_fen: 0 }));
        monthNet += dayNet;
        monthTax += tax;
        monthCogs += dayCogs;
      }
      await bohDatabase.db.transaction().execute(async (trx) => {
        const inTransaction = { db: trx, dialect: bohDatabase.dialect };
        await server.bulkInsert(inTransaction, 'sales_daily_summary', rows.daily);
        await server.bulkInsert(inTransaction, 'sales_hourly_summary', rows.hourly);
        await server.bulkInsert(inTransaction, 'item_sales_daily', rows.items);
        await server.bulkInsert(inTransaction, 'payment_daily_summary', rows.payments);
        await server.bulkInsert(inTransaction, 'ledger_balances', ledgerRows(month, storeCode(s), monthNet, monthTax, monthCogs));
      });
      counts.sales_daily_summary += rows.daily.length;
      counts.sales_hourly_summary += rows.hourly.length;
      counts.item_sales_daily += rows.items.length;
      counts.payment_daily_summary += rows.payments.length;
      counts.ledger_balances += 9;
    }
  }
  counts.lines_in_month = Math.round(Number(values.lines) / stores / 31) * stores * 31;
  return counts;
}

/** Return one store's ledger balances of a month: sales, VAT, stock used, payroll and rent, debits equal to credits. */
function ledgerRows(period, store, net, tax, cogs) {
  const payroll = Math.round(net * 0.2);
  const rent = Math.round(net * 0.12);
  const row = (account, debit, credit) => ({ period, account_code: account, store_code: store, debit_fen: debit, credit_fen: credit });
  return [
    row('1012.01', net, 0), row('5001', 0, net - tax), row('2221.01', 0, tax),
    row('5401', cogs, 0), row('1403', 0, cogs),
    row('5601.01', payroll, 0), row('2211', 0, payroll),
    row('5601.02', rent, 0), row('1002', 0, rent),
  ];
}

function withMenuColumns(row) {
  return { ...row, tax_category: 'catering_service' };
}

function storeCode(s) {
  return String(s + 1).padStart(4, '0');
}

function price(i) {
  return 1200 + ((i * 37) % 4800);
}

/** Split `total` into integer parts by `weights`, the rounding left in the first part. */
function split(total, weights) {
  const parts = weights.map((w) => Math.floor(total * w));
  parts[0] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** A small deterministic generator (mulberry32), so every run writes the same rows. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function freshDatabase(database) {
  if (database === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'boh-bench-'));
    return { url: join(folder, 'bench.db'), drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const schema = `boh_bench_reports_${process.pid}`;
  const separator = POSTGRES.includes('?') ? '&' : '?';
  return {
    url: `${POSTGRES}${separator}schema=${schema}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

function printReport(results) {
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node.js ${process.version}; ${values.lines} lines a month, ${values.stores} stores, ${values.items} menu items, ${values.months} earlier month(s).`);
  console.log('| database | summary rows of the month (daily / hourly / item / payment) | seed s | report | first run s | median of next runs s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const perMonth = (name) => Math.round(r.counts[name] / (Number(values.months) + 1)).toLocaleString('en');
    for (const report of REPORTS) {
      console.log(`| ${r.database} | ${perMonth('sales_daily_summary')} / ${perMonth('sales_hourly_summary')} / ${perMonth('item_sales_daily')} / ${perMonth('payment_daily_summary')} | ${r.seedSeconds.toFixed(0)} | ${report} | ${r.timings[report].first.toFixed(2)} | ${r.timings[report].median.toFixed(2)} |`);
    }
    if (r.revenueFen[0] !== r.revenueFen[1]) console.log(`  WARNING: revenue differs between the reports on ${r.database}: ${r.revenueFen.join(' vs ')}`);
  }
  const sales = new Set(results.map((r) => r.salesFen));
  console.log(sales.size === 1 ? `Sales of the month agree on every database: ${[...sales][0]} fen.` : `Sales differ between databases: ${[...sales].join(', ')}`);
}
