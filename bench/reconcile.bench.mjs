// Benchmark: reconcile a month of WeChat Pay payments end to end, 1,000,000 POS payments against
// a merchant bill of about 1,000,000 lines with 1 % faults, on SQLite and PostgreSQL.
//
//   node bench/reconcile.bench.mjs [--payments 1000000] [--database sqlite,postgres]
//
// Setup (not timed): a fresh database with the POS payments inserted as plain rows, and the bill
// written as a CSV file. Timed, in the order `boh reconcile` runs them: parse the bill with the
// CLI's parser, load it through the SDK over HTTP to a real server on loopback, run the matching
// on the server, write the XLSX workbook and JSON. Client and server share this process, so the
// peak RSS is that of both. Each database runs in a child process of its own.
// `npm run build` first: the benchmark runs the built packages.

import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateChain } from './generate-orders.mjs';
import { FAULTS, generatePayments, writeBill } from './generate-statement.mjs';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite,postgres' },
    child: { type: 'string' },
  },
});
const POSTGRES = process.env.BOH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EXPECTED_STATE = {
  dropped_line: 'missing_in_statement',
  extra_line: 'missing_in_pos',
  amount_difference: 'amount_mismatch',
  duplicate_line: 'duplicate',
  across_midnight: 'timing_difference',
};

if (values.child) {
  const result = await runOne(values.child, Number(values.payments));
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result));
  process.exit(0);
} else {
  const results = [];
  for (const database of values.database.split(',')) results.push(await inChild(database));
  printReport(results);
}

function inChild(database) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', database, '--payments', values.payments], { stdio: 'inherit', execArgv: ['--max-old-space-size=4096'] });
    child.on('message', resolve);
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${database} exited with ${code}`))));
  });
}

async function runOne(database, count) {
  const server = await import('../packages/server/dist/index.js');
  const { createClient } = await import('../packages/sdk/dist/index.js');
  const { parseStatementFile } = await import('../packages/cli/dist/statements/index.js');
  const { toUpload } = await import('../packages/cli/dist/commands/statement/upload.js');
  const { writeWorkbook } = await import('../packages/cli/dist/commands/reconcile/workbook.js');
  const { statementMessages } = await import('../packages/cli/dist/commands/statement/messages.js');
  const { registerMessages, t } = await import('../packages/cli/dist/i18n/index.js');
  registerMessages(statementMessages);

  const folder = mkdtempSync(join(tmpdir(), 'boh-bench-reconcile-'));
  const { url, drop } = await freshDatabase(database, folder);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);
  const stores = generateChain().stores;
  await bohDatabase.db.insertInto('stores').values(stores).execute();
  await insertPayments(server, bohDatabase, count, stores.map((store) => store.code));
  const billPath = join(folder, 'wechat-2024-01.csv');
  const bill = await writeBill(billPath, count, stores.map((store) => store.code));

  const app = await server.buildApp({ database: bohDatabase, bodyLimit: 64 * 1024 * 1024 });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await server.insertToken(bohDatabase.db, { name: 'bench', role: 'admin', storeCodes: [] });
  const boh = createClient({ baseUrl, token: secret, timeoutMs: 1_800_000 });

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const phases = {};
  const cpuPhases = {};
  const peakPhases = {};
  const time = async (name, work) => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const peakBefore = peak;
    peak = process.memoryUsage().rss;
    const result = await work();
    phases[name] = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    cpuPhases[name] = (cpu.user + cpu.system) / 1e6;
    peak = Math.max(peak, process.memoryUsage().rss);
    peakPhases[name] = peak / 1024 / 1024;
    peak = Math.max(peak, peakBefore);
    return result;
  };

  // As in `boh reconcile`, the parsed statement is dropped once it is loaded.
  let parsed = await time('parse', () => parseStatementFile(billPath, { channel: 'wechat' }));
  const parsedLines = parsed.lines.length;
  const statement = await time('load', () => boh.statements.load(toUpload({ file: billPath, sha256: 'f'.repeat(64), parsed }, '2024-01')));
  parsed = undefined;
  const reconciliation = await time('match', () => boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [statement.id] }));
  const context = { language: 'en', t: (key, params) => t('en', key, params), info: () => {} };
  await time('write', () => writeWorkbook(context, boh, reconciliation, join(folder, 'reconciliation-wechat-2024-01.xlsx')));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const states = Object.fromEntries(Object.entries(reconciliation.summary.states).map(([state, figures]) => [state, figures.count]));
  const check = Object.entries(EXPECTED_STATE).every(([fault, state]) => states[state] === bill.faults[fault]);
  await boh.close();
  await app.close();
  await bohDatabase.close();
  await drop();
  rmSync(folder, { recursive: true, force: true });
  const seconds = Object.values(phases).reduce((sum, s) => sum + s, 0);
  return { database, payments: count, lines: bill.lines, parsedLines, phases, cpuPhases, seconds, peakRssMb: peak / 1024 / 1024, peakPhases, states, faults: bill.faults, check };
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

async function freshDatabase(database, folder) {
  if (database === 'sqlite') return { url: join(folder, 'bench.db'), drop: async () => {} };
  const schema = `boh_bench_reconcile_${process.pid}`;
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
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n${new Date().toISOString().slice(0, 10)} · Node ${process.versions.node} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 1024 ** 3)} GiB RAM\n`);
  console.log('| database | POS payments | bill lines | parse s | load s | match s | write XLSX s | total s | peak RSS (MiB) | faults found |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    const p = r.phases;
    console.log(`| ${r.database} | ${r.payments.toLocaleString('en')} | ${r.lines.toLocaleString('en')} | ${p.parse.toFixed(1)} | ${p.load.toFixed(1)} | ${p.match.toFixed(1)} | ${p.write.toFixed(1)} | ${r.seconds.toFixed(1)} | ${Math.round(r.peakRssMb)} | ${r.check ? 'all' : 'NOT ALL'} |`);
  }
  const rounded = (figures, digits) => JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v.toFixed(digits))])));
  for (const r of results) console.log(`${r.database}: CPU seconds of Node per phase ${rounded(r.cpuPhases, 1)}`);
  for (const r of results) console.log(`${r.database}: peak RSS (MiB) per phase ${rounded(r.peakPhases, 0)}`);
  for (const r of results) console.log(`${r.database}: states ${JSON.stringify(r.states)}; faults ${JSON.stringify(r.faults)} (of ${FAULTS.length} kinds)`);
}
