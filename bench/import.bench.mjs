// Import benchmark. It measures the raw readers, the end-to-end import on SQLite and PostgreSQL
// (boh import → API → database, with validation, audit events and idempotent upsert by code),
// and each database's own bulk loader on the same file in the same run, then prints a Markdown
// report.
//
//   npm run build && node bench/import.bench.mjs [--rows 1000000] [--databases sqlite,postgres]
//
// PostgreSQL is reached at BOH_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
// in a schema of its own that is dropped afterwards. Everything runs on 127.0.0.1.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOH = join(ROOT, 'packages/cli/bin/boh.js');
const DATA = join(ROOT, 'bench/data');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const ROWS = Number(option('--rows', '1000000'));
const XLSX_ROWS = Math.min(100_000, ROWS);
const DATABASES = option('--databases', 'sqlite,postgres').split(',');
const PG_URL = process.env.BOH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = Number(option('--batch-size', '5000'));
const scratch = mkdtempSync(join(tmpdir(), 'boh-bench-'));

const files = {
  utf8: join(DATA, `stores-${ROWS}.utf8.csv`),
  gbk: join(DATA, `stores-${ROWS}.gbk.csv`),
  sales: join(DATA, `sales-${ROWS}.utf8.csv`),
  xlsx: join(DATA, `stores-${XLSX_ROWS}.xlsx`),
};
if (!Object.values(files).every(existsSync)) execFileSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), DATA, String(ROWS)], { stdio: 'inherit' });

const STORE_COLUMNS = ['code', 'name', 'city', 'address', 'phone', 'latitude', 'longitude', 'area_m2', 'opened_on'];
const results = { machine: machine(), rows: ROWS, batch_size: BATCH, readers: [], loaders: [], imports: [] };

function machine() {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    load_average_at_start: loadavg()[0].toFixed(1),
  };
}

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Peak resident memory of a running process, from /proc, in MiB. */
function peakMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Read every row of a file with the CLI's readers, in a child so its memory is its own. */
function benchReader(label, path) {
  const script = `
    const { openTable } = await import(${JSON.stringify(join(ROOT, 'packages/cli/dist/files/open-table.js'))});
    const start = process.hrtime.bigint();
    const table = await openTable(${JSON.stringify(path)});
    let rows = 0;
    for await (const row of table.rows) rows += 1;
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(JSON.stringify({ rows, seconds: s, peak: process.resourceUsage().maxRSS / 1024 }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const { rows, seconds: s, peak } = JSON.parse(output);
  results.readers.push({ label, rows: rows - 1, seconds: s, rows_per_second: Math.round((rows - 1) / s), peak_mib: Math.round(peak) });
}

function benchSqliteLoader(path) {
  const database = join(scratch, 'bulk.db');
  rmSync(database, { force: true });
  const create = `create table stores_bulk (${STORE_COLUMNS.map((c) => `${c} text`).join(', ')});`;
  spawnSync('sqlite3', [database, create]);
  const start = process.hrtime.bigint();
  const run = spawnSync('sqlite3', [database, '.mode csv', `.import --skip 1 ${path} stores_bulk`], { encoding: 'utf8' });
  const s = seconds(start);
  if (run.status !== 0) throw new Error(run.stderr);
  results.loaders.push({ label: 'sqlite3 .import', rows: ROWS, seconds: s, rows_per_second: Math.round(ROWS / s) });
}

async function benchPostgresLoader(path) {
  const schema = `boh_bench_bulk_${process.pid}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.query(`create table ${schema}.stores_bulk (${STORE_COLUMNS.map((c) => `${c} text`).join(', ')})`);
  const start = process.hrtime.bigint();
  const run = spawnSync('psql', [PG_URL, '-c', `\\copy ${schema}.stores_bulk from '${path}' with (format csv, header true)`], { encoding: 'utf8' });
  const s = seconds(start);
  await client.query(`drop schema ${schema} cascade`);
  await client.end();
  if (run.status !== 0) throw new Error(run.stderr);
  results.loaders.push({ label: 'psql \\copy', rows: ROWS, seconds: s, rows_per_second: Math.round(ROWS / s) });
}

/** Start `boh serve` on a free port over a fresh database, with an admin token. */
async function startServer(dialect, name) {
  const url = dialect === 'sqlite' ? join(scratch, `${name}.db`) : `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=boh_bench_${name}_${process.pid}`;
  const token = JSON.parse(execFileSync(process.execPath, [BOH, 'token', 'create', '--role', 'admin', '--database', url, '--json'], { encoding: 'utf8' })).secret;
  const port = await freePort();
  const child = spawn(process.execPath, [BOH, 'serve', '--port', String(port), '--database', url], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
    await sleep(100);
  }
  return { child, base, token, url, dialect };
}

async function stopServer(server) {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  if (server.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists ${new URL(server.url).searchParams.get('schema')} cascade`);
    await client.end();
  }
}

/** Run one `boh import` against the server, sampling the peak memory of both processes. */
async function benchImport(server, label, path, rows) {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [BOH, 'import', 'store', path, '--batch-size', String(BATCH), '--no-files', '--json'], {
    env: { ...process.env, BOH_BASE_URL: server.base, BOH_TOKEN: server.token },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  let cliPeak = 0;
  const sampler = setInterval(() => {
    cliPeak = Math.max(cliPeak, peakMiB(child.pid));
  }, 100);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const s = seconds(start);
  const counts = JSON.parse(stdout).job.counts;
  results.imports.push({
    database: server.dialect,
    label,
    rows,
    exit_code: code,
    counts,
    seconds: s,
    rows_per_second: Math.round(rows / s),
    cli_peak_mib: Math.round(cliPeak),
    server_peak_mib: Math.round(peakMiB(server.child.pid)),
  });
}

benchReader('CSV, UTF-8', files.utf8);
benchReader('CSV, GBK', files.gbk);
benchReader('CSV, sales-shaped, UTF-8', files.sales);
benchReader('XLSX (streaming reader)', files.xlsx);

for (const dialect of DATABASES) {
  if (dialect === 'sqlite') benchSqliteLoader(files.utf8);
  else await benchPostgresLoader(files.utf8);

  const first = await startServer(dialect, 'utf8');
  await benchImport(first, 'CSV UTF-8, all new', files.utf8, ROWS);
  await benchImport(first, 'CSV UTF-8 again, all unchanged', files.utf8, ROWS);
  await stopServer(first);

  const second = await startServer(dialect, 'gbk');
  await benchImport(second, 'CSV GBK, all new', files.gbk, ROWS);
  await stopServer(second);

  const third = await startServer(dialect, 'xlsx');
  await benchImport(third, 'XLSX, all new', files.xlsx, XLSX_ROWS);
  await stopServer(third);
}
rmSync(scratch, { recursive: true, force: true });

const m = results.machine;
const lines = [
  `Machine: ${m.cpu}, ${m.memory_gib} GiB, Node.js ${m.node}; ${m.date}; ${ROWS.toLocaleString('en')} rows, batches of ${BATCH}.`,
  `One-minute load average: ${m.load_average_at_start} at the start, ${loadavg()[0].toFixed(1)} at the end (other work on the machine shares its 2 cores).`,
  '',
  '| reader | rows | seconds | rows/s | peak MiB |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...results.readers.map((r) => `| ${r.label} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${r.rows_per_second.toLocaleString('en')} | ${r.peak_mib} |`),
  '',
  '| bulk loader | rows | seconds | rows/s |',
  '| --- | ---: | ---: | ---: |',
  ...results.loaders.map((r) => `| ${r.label} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${r.rows_per_second.toLocaleString('en')} |`),
  '',
  '| database | boh import | rows | seconds | rows/s | CLI peak MiB | server peak MiB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...results.imports.map((r) => `| ${r.database} | ${r.label} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${r.rows_per_second.toLocaleString('en')} | ${r.cli_peak_mib} | ${r.server_peak_mib} |`),
];
console.log(lines.join('\n'));
console.log(`\n${JSON.stringify(results)}`);
