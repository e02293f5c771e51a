// Benchmark: posting order lines (recipe consumption at moving-average cost, journal entries,
// summaries) against inserting the same lines as plain rows, on SQLite and PostgreSQL.
//
//   node bench/sales-posting.bench.mjs [--lines 1000000] [--batch 2000] [--database sqlite,postgres]
//                                      [--mode insert,post,http]
//
// Each database and mode runs in a child process of its own over a fresh database, so peak
// memory is that of one run. PostgreSQL is BOH_BENCH_DATABASE_URL, by default
// postgres://postgres@127.0.0.1:5432/test, in a schema of its own that is dropped afterwards.
// `npm run build` first: the benchmark runs the built server.

import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery } from 'kysely';
import { generateChain, generateOrders } from './generate-orders.mjs';
import { freshDatabase, seedChain } from './sales-chain.mjs';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '2000' },
    database: { type: 'string', default: 'sqlite,postgres' },
    mode: { type: 'string', default: 'insert,post' },
    child: { type: 'string' },
  },
});

if (values.child) {
  const [database, mode] = values.child.split(':');
  const result = await runOne(database, mode, Number(values.lines), Number(values.batch));
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result));
  process.exit(0);
} else {
  const results = [];
  for (const database of values.database.split(',')) {
    for (const mode of values.mode.split(',')) {
      results.push(await inChild(database, mode));
    }
  }
  printReport(results);
}

function inChild(database, mode) {
  return new Promise((resolve, reject) => {
    const args = ['--child', `${database}:${mode}`, '--lines', values.lines, '--batch', values.batch];
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: 'inherit' });
    child.on('message', resolve);
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${database}:${mode} exited with ${code}`))));
  });
}

/** Run one database and mode; returns lines, seconds and peak memory. */
async function runOne(database, mode, lines, batchSize) {
  const server = await import('../packages/server/dist/index.js');
  const { url, drop } = await freshDatabase(database);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);
  const chain = generateChain();
  await seedChain(server, bohDatabase, chain);

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let posted = 0;
  let orders = 0;
  const backends = backendCpu();

  if (mode === 'http') {
    const result = await postOverHttp(server, bohDatabase, chain, lines, batchSize);
    posted = result.lines;
    orders = result.orders;
  } else {
    const context = (trx) => ({ db: trx, dialect: bohDatabase.dialect, actor: { name: 'bench', tokenId: null, requestId: null } });
    for (const batch of generateOrders(chain, { lines, batchSize })) {
      await bohDatabase.db.transaction().execute(async (trx) => {
        if (database === 'postgres') await backends.see(trx);
        if (mode === 'post') {
          const result = await server.postSalesBatch(context(trx), { orders: batch });
          const rejected = result.orders.filter((o) => o.outcome !== 'posted');
          if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected[0])}`);
        } else {
          await insertPlain(server, { db: trx, dialect: bohDatabase.dialect }, batch);
        }
      });
      orders += batch.length;
      posted += batch.reduce((sum, order) => sum + order.lines.length, 0);
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const databaseCpuSeconds = database === 'postgres' && mode !== 'http' ? backends.seconds() : null;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const check = mode === 'insert' ? null : await verify(server, bohDatabase);
  await bohDatabase.close();
  await drop();
  return { database, mode, lines: posted, orders, seconds, cpuSeconds, databaseCpuSeconds, linesPerSecond: posted / seconds, peakRssMb: peak / 1024 / 1024, check };
}

/**
 * Measure the CPU time of the PostgreSQL backends that ran the benchmark's transactions, from
 * /proc/PID/stat (Linux, with the server on this machine). Each backend is read when first seen
 * and again at the end, so the work of other sessions on the same machine is not counted.
 */
function backendCpu() {
  const first = new Map();
  return {
    async see(trx) {
      const { rows } = await trx.executeQuery(CompiledQuery.raw('select pg_backend_pid() as pid'));
      const pid = rows[0].pid;
      if (!first.has(pid)) first.set(pid, ticksOf(pid));
    },
    seconds() {
      let ticks = 0;
      for (const [pid, start] of first) ticks += ticksOf(pid) - start;
      return ticks / 100;
    },
  };
}

/** utime + stime of a process in clock ticks (100 a second on Linux). */
function ticksOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Insert orders, lines and payments as plain rows: what an import without posting writes, with
 * the same bulk insert the posting uses.
 */
async function insertPlain(server, target, batch) {
  const now = new Date().toISOString();
  const orders = [];
  const lines = [];
  const payments = [];
  for (const order of batch) {
    let gross = 0;
    order.lines.forEach((line, index) => {
      const amount = line.unit_price_fen * line.quantity;
      gross += amount;
      lines.push({
        store_code: order.store_code, order_number: order.order_number, line_number: index + 1, menu_item_code: line.menu_item_code, item_code: null,
        quantity_micro: line.quantity * 1_000_000, unit_price_fen: line.unit_price_fen, gross_fen: amount, discount_fen: line.discount_fen ?? 0,
        allocated_discount_fen: 0, net_fen: amount - (line.discount_fen ?? 0), tax_category: 'catering_service', tax_rate_bp: 0, tax_fen: 0, cogs_fen: 0,
        consumption: '[]', refunded_quantity_micro: 0, refunded_fen: 0, refunded_tax_fen: 0, settled_consumption: '[]',
      });
    });
    order.payments.forEach((payment, index) => {
      payments.push({ store_code: order.store_code, order_number: order.order_number, sequence: index + 1, method: payment.method, amount_fen: payment.amount_fen, transaction_id: null, merchant_order_number: null, account_code: '', refunded_fen: 0 });
    });
    orders.push({
      store_code: order.store_code, order_number: order.order_number, channel: order.channel, ordered_at: order.ordered_at, business_date: order.ordered_at.slice(0, 10),
      period: order.ordered_at.slice(0, 7), local_hour: 0, guests: order.guests, gross_fen: gross, discount_fen: 0, order_discount_fen: 0, net_fen: gross, tax_fen: 0, cogs_fen: 0,
      refunded_fen: 0, status: 'posted', flags: '', note: null, input_hash: '', batch_id: 0, journal_entry_id: null, posted_at: now,
    });
  }
  await server.bulkInsert(target, 'orders', orders);
  await server.bulkInsert(target, 'order_lines', lines);
  await server.bulkInsert(target, 'order_payments', payments);
}

/** Post through a real server on loopback with the SDK's batch posting: JSON, validation and HTTP included. */
async function postOverHttp(server, bohDatabase, chain, lines, batchSize) {
  const { createClient } = await import('../packages/sdk/dist/index.js');
  const app = await server.buildApp({ database: bohDatabase, bodyLimit: 256 * 1024 * 1024 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await server.insertToken(bohDatabase.db, { name: 'bench', role: 'admin', storeCodes: [] });
  const boh = createClient({ baseUrl: url, token: secret, timeoutMs: 600_000 });
  let orders = 0;
  let posted = 0;
  try {
    for (const batch of generateOrders(chain, { lines, batchSize })) {
      const summary = await boh.orders.postBatch(batch, { batchSize });
      if (summary.posted !== batch.length) throw new Error(`posted ${summary.posted} of ${batch.length}: ${JSON.stringify(summary.orders.find((o) => o.outcome !== 'posted'))}`);
      orders += batch.length;
      posted += batch.reduce((sum, order) => sum + order.lines.length, 0);
    }
  } finally {
    await boh.close();
    await app.close();
  }
  return { orders, lines: posted };
}

/** After posting: the books balance and the inventory accounts equal the stock's value. */
async function verify(server, bohDatabase) {
  const trial = await server.computeTrialBalance(bohDatabase.db, { periodFrom: '2023-12', periodTo: '2024-01', storeCode: null }, 'en');
  const stock = await bohDatabase.db.selectFrom('stock_balances').select((eb) => eb.fn.sum('value_fen').as('value')).executeTakeFirst();
  const entries = await bohDatabase.db.selectFrom('journal_entries').select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
  const movements = await bohDatabase.db.selectFrom('stock_movements').select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
  return { balanced: trial.balanced, stockValueFen: Number(stock?.value ?? 0), journalEntries: Number(entries?.count ?? 0), stockMovements: Number(movements?.count ?? 0) };
}

function printReport(results) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n${new Date().toISOString().slice(0, 10)} · Node ${process.versions.node} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 1024 ** 3)} GiB RAM\n`);
  console.log('| database | mode | order lines | orders | seconds | CPU seconds of Node | CPU seconds of PostgreSQL | lines/s | peak RSS (MiB) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.database} | ${r.mode} | ${r.lines.toLocaleString('en')} | ${r.orders.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${r.databaseCpuSeconds === null ? '–' : r.databaseCpuSeconds.toFixed(1)} | ${Math.round(r.linesPerSecond).toLocaleString('en')} | ${Math.round(r.peakRssMb)} |`);
  }
  for (const database of new Set(results.map((r) => r.database))) {
    const insert = results.find((r) => r.database === database && r.mode === 'insert');
    const post = results.find((r) => r.database === database && r.mode === 'post');
    if (!insert || !post) continue;
    console.log(`\n${database}: posting takes ${(post.seconds / insert.seconds).toFixed(2)} × the time of the plain insert.`);
    // CPU seconds vary less than wall-clock time on a shared machine.
    const cpu = (r) => r.cpuSeconds + (r.databaseCpuSeconds ?? 0);
    console.log(`${database}: posting uses ${(cpu(post) / cpu(insert)).toFixed(2)} × the CPU time of the plain insert (Node.js${post.databaseCpuSeconds === null ? '' : ' and PostgreSQL'}).`);
  }
  for (const r of results.filter((r) => r.check)) console.log(`${r.database} ${r.mode}: ${JSON.stringify(r.check)}`);
}
