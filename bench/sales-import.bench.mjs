// Sales-order import benchmark. It times `boh import sales_order` of a CSV with one row per order
// line (CLI → import job → posting, with recipes, stock, VAT and journal entries), then the same
// file again (every order unchanged). Against it, the same orders are posted through
// `POST /orders/batch` with the SDK. Both run on SQLite and PostgreSQL.
//
//   npm run build && node bench/sales-import.bench.mjs [--lines 200000] [--database sqlite,postgres]
//                                                      [--batch-size 2000] [--cpu-prof DIR]
//
// Each run gets a fresh database seeded with the generated chain (bench/generate-orders.mjs), so
// the import and the direct posting see exactly the same orders. PostgreSQL is
// BOH_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema of its
// own that is dropped afterwards. `--cpu-prof DIR` writes CPU profiles of both processes.

import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateChain, generateOrders, POS_EXPORT_HEADER, posExportRows } from './generate-orders.mjs';
import { freshDatabase, seedChain } from './sales-chain.mjs';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    database: { type: 'string', default: 'sqlite,postgres' },
    'batch-size': { type: 'string', default: '2000' },
    'cpu-prof': { type: 'string' },
  },
});
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOH = join(ROOT, 'packages/cli/bin/boh.js');
const LINES = Number(values.lines);
const BATCH = Number(values['batch-size']);
const PROFILE = values['cpu-prof'];
const scratch = mkdtempSync(join(tmpdir(), 'boh-sales-import-'));
const server = await import('../packages/server/dist/index.js');
const chain = generateChain();

/** Write the generated orders as a POS export: one row per order line, the order's columns repeated. */
async function writeCsv(path) {
  const output = createWriteStream(path);
  let chunk = `${POS_EXPORT_HEADER.join(',')}\r\n`;
  let lines = 0;
  let orders = 0;
  let lastOrder;
  for (const row of posExportRows(chain, LINES)) {
    chunk += `${row.join(',')}\r\n`;
    lines += 1;
    if (row[0] !== lastOrder) orders += 1;
    lastOrder = row[0];
    if (chunk.length >= 1 << 16) {
      if (!output.write(chunk)) await once(output, 'drain');
      chunk = '';
    }
  }
  output.end(chunk);
  await once(output, 'finish');
  return { lines, orders };
}

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Peak resident memory of a running process, from /proc, in MiB. */
function peakMiB(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function profileFlags(name) {
  return PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE, '--cpu-prof-name', `${name}.cpuprofile`] : [];
}

/** Start `boh serve` on a free port over a fresh seeded database, with an admin token. */
async function startServer(database, name) {
  const { url, drop } = await freshDatabase(database);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);
  await seedChain(server, bohDatabase, chain);
  await bohDatabase.close();

  const token = JSON.parse(execFileSync(process.execPath, [BOH, 'token', 'create', '--role', 'admin', '--database', url, '--json'], { encoding: 'utf8' })).secret;
  const port = await freePort();
  const child = spawn(process.execPath, [...profileFlags(`server-${database}-${name}`), BOH, 'serve', '--port', String(port), '--database', url], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
    await sleep(100);
  }
  return { child, base, token, drop };
}

async function stopServer(running) {
  running.child.kill('SIGINT');
  await once(running.child, 'exit');
  await running.drop();
}

/** One `boh import sales_order` of the file; returns its time, counts and peak memory. */
async function importOnce(running, label, path, name) {
  const started = performance.now();
  const child = spawn(process.execPath, [...profileFlags(`cli-${name}`), BOH, 'import', 'sales_order', path, '--batch-size', String(BATCH), '--no-files', '--json'], {
    env: { ...process.env, BOH_BASE_URL: running.base, BOH_TOKEN: running.token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
  let cliPeak = 0;
  const sampler = setInterval(() => (cliPeak = Math.max(cliPeak, peakMiB(child.pid))), 100);
  const [code] = await once(child, 'exit');
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(stdout).summary;
  if (code !== 0) throw new Error(`boh import exited with ${code}: ${JSON.stringify(summary)}`);
  return { label, seconds, summary, cliPeak, serverPeak: peakMiB(running.child.pid) };
}

/** Post the same orders with the SDK's `orders.postBatch`: the posting without the file and the import job. */
async function postDirectly(running) {
  const { createClient } = await import('../packages/sdk/dist/index.js');
  const boh = createClient({ baseUrl: running.base, token: running.token, timeoutMs: 600_000 });
  const started = performance.now();
  try {
    for (const batch of generateOrders(chain, { lines: LINES, batchSize: BATCH })) {
      const summary = await boh.orders.postBatch(batch, { batchSize: BATCH });
      if (summary.posted !== batch.length) throw new Error(`posted ${summary.posted} of ${batch.length}`);
    }
  } finally {
    await boh.close();
  }
  return { label: 'POST /orders/batch (SDK), same orders', seconds: (performance.now() - started) / 1000, serverPeak: peakMiB(running.child.pid) };
}

const file = join(scratch, `sales-orders-${LINES}.csv`);
const size = await writeCsv(file);
const results = [];
for (const database of values.database.split(',')) {
  const first = await startServer(database, 'import');
  results.push({ database, ...(await importOnce(first, 'boh import sales_order, all new', file, `${database}-new`)) });
  results.push({ database, ...(await importOnce(first, 'the same file again, all unchanged', file, `${database}-again`)) });
  await stopServer(first);

  const second = await startServer(database, 'post');
  results.push({ database, ...(await postDirectly(second)) });
  await stopServer(second);
}
rmSync(scratch, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n${new Date().toISOString().slice(0, 10)} · Node ${process.versions.node} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 1024 ** 3)} GiB RAM · load ${loadavg()[0].toFixed(1)}`);
console.log(`${size.lines.toLocaleString('en')} order lines in ${size.orders.toLocaleString('en')} orders; batches of ${BATCH} orders.\n`);
console.log('| database | run | seconds | lines/s | orders/s | CLI peak MiB | server peak MiB |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const perSecond = (count) => Math.round(count / r.seconds).toLocaleString('en');
  console.log(`| ${r.database} | ${r.label} | ${r.seconds.toFixed(1)} | ${perSecond(size.lines)} | ${perSecond(size.orders)} | ${r.cliPeak ? Math.round(r.cliPeak) : '–'} | ${Math.round(r.serverPeak)} |`);
}
for (const database of values.database.split(',')) {
  const imported = results.find((r) => r.database === database && r.label.startsWith('boh import'));
  const posted = results.find((r) => r.database === database && r.label.startsWith('POST'));
  console.log(`\n${database}: the import takes ${(imported.seconds / posted.seconds).toFixed(2)} × the time of posting the same orders directly.`);
}
