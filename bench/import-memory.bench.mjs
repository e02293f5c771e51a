// Memory and CPU of a sales-order import with the defaults a user gets. It runs `boh import
// sales_order FILE` against `boh serve` on a fresh seeded database, with batches of the CLI's
// default size and the error and result files written beside the file, for CSV and XLSX on
// SQLite and PostgreSQL.
//
//   npm run build && node bench/import-memory.bench.mjs [--lines 200000] [--database sqlite,postgres]
//        [--format csv,xlsx] [--runs 1] [--compare DIR] [--no-files]
//
// For each run it prints the wall time and the load average. It also prints the CPU seconds of
// each process (user + system, from /usr/bin/time for the CLI and /proc/PID/stat for the server)
// and the peak resident memory of each (VmHWM). Last comes the server's idle resident memory,
// read before the import.
// `--compare DIR` runs the CLI and server of another built checkout too, alternating with this
// one run by run, so that both see the same load. The orders are those of the sales-import
// benchmark (bench/generate-orders.mjs). PostgreSQL is BOH_BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test), in a schema of its own that is dropped afterwards.

import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { generateChain, POS_EXPORT_HEADER, posExportRows } from './generate-orders.mjs';
import { cpuSeconds, memoryMiB, startServer } from './processes.mjs';
import { freshDatabase, seedChain } from './sales-chain.mjs';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    database: { type: 'string', default: 'sqlite,postgres' },
    format: { type: 'string', default: 'csv,xlsx' },
    runs: { type: 'string', default: '1' },
    compare: { type: 'string' },
    'no-files': { type: 'boolean', default: false },
  },
});
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LINES = Number(values.lines);
const RUNS = Number(values.runs);
const checkouts = [ROOT, ...(values.compare ? [resolve(values.compare)] : [])];
const scratch = mkdtempSync(join(tmpdir(), 'boh-import-memory-'));
const chain = generateChain();

async function writeCsv(path) {
  const output = createWriteStream(path);
  let chunk = `${POS_EXPORT_HEADER.join(',')}\r\n`;
  for (const row of posExportRows(chain, LINES)) {
    chunk += `${row.join(',')}\r\n`;
    if (chunk.length >= 1 << 16) {
      if (!output.write(chunk)) await once(output, 'drain');
      chunk = '';
    }
  }
  output.end(chunk);
  await once(output, 'finish');
}

/** Write the same rows as a workbook, with guests and quantities as numbers and the rest as text. */
async function writeXlsx(path) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(POS_EXPORT_HEADER).commit();
  const numeric = new Set([POS_EXPORT_HEADER.indexOf('就餐人数'), POS_EXPORT_HEADER.indexOf('数量')]);
  let written = 0;
  for (const row of posExportRows(chain, LINES)) {
    sheet.addRow(row.map((value, index) => (numeric.has(index) ? Number(value) : value))).commit();
    written += 1;
    // Let the zip stream drain, so that the writer does not hold the whole sheet.
    if (written % 10_000 === 0) await new Promise((done) => setImmediate(done));
  }
  sheet.commit();
  await workbook.commit();
}

/** Run one import of `file` by the CLI of `checkout` against its server, on a fresh database. */
async function importOnce(checkout, database, file) {
  const boh = join(checkout, 'packages/cli/bin/boh.js');
  const server = await import(join(checkout, 'packages/server/dist/index.js'));
  const { url, drop } = await freshDatabase(database);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);
  await seedChain(server, bohDatabase, chain);
  await bohDatabase.close();
  const token = JSON.parse(execFileSync(process.execPath, [boh, 'token', 'create', '--role', 'admin', '--database', url, '--json'], { encoding: 'utf8' })).secret;

  const { serve, base } = await startServer(boh, url);
  await sleep(500);
  const idle = memoryMiB(serve.pid, 'VmRSS');
  const serverCpu = cpuSeconds(serve.pid);
  const loadBefore = loadavg()[0];

  const started = performance.now();
  const args = [boh, 'import', 'sales_order', file, '--json', ...(values['no-files'] ? ['--no-files'] : [])];
  const cli = spawn('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], {
    env: { ...process.env, BOH_BASE_URL: base, BOH_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  cli.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
  cli.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  const [code] = await once(cli, 'exit');
  const seconds = (performance.now() - started) / 1000;
  const result = {
    seconds,
    serverCpu: cpuSeconds(serve.pid) - serverCpu,
    serverPeak: memoryMiB(serve.pid, 'VmHWM'),
    idle,
    load: `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  };
  serve.kill('SIGINT');
  await once(serve, 'exit');
  await drop();

  const [user, system, peakKiB] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const summary = JSON.parse(stdout).summary;
  if (code !== 0 || summary.created === 0) throw new Error(`boh import exited with ${code}: ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`);
  return { ...result, cliCpu: user + system, cliPeak: peakKiB / 1024, orders: summary.created };
}

const files = {};
for (const format of values.format.split(',')) {
  files[format] = join(scratch, `sales-orders-${LINES}.${format}`);
  await (format === 'csv' ? writeCsv(files[format]) : writeXlsx(files[format]));
}

const results = [];
for (const database of values.database.split(',')) {
  for (const format of values.format.split(',')) {
    for (let run = 0; run < RUNS; run += 1) {
      for (const checkout of checkouts) results.push({ database, format, checkout, ...(await importOnce(checkout, database, files[format])) });
    }
  }
}
rmSync(scratch, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n${new Date().toISOString().slice(0, 16)} · Node ${process.versions.node} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 1024 ** 3)} GiB RAM`);
console.log(`${LINES.toLocaleString('en')} order lines in ${results[0]?.orders.toLocaleString('en')} orders; ${values['no-files'] ? 'no result files' : 'result files written'}.\n`);
console.log('| database | file | checkout | seconds | lines/s | CLI CPU s | server CPU s | CLI peak MiB | server peak MiB | server idle MiB | load average |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of results) {
  const name = r.checkout === ROOT ? 'this' : r.checkout;
  console.log(
    `| ${r.database} | ${r.format.toUpperCase()} | ${name} | ${r.seconds.toFixed(1)} | ${Math.round(LINES / r.seconds).toLocaleString('en')} | ${r.cliCpu.toFixed(1)} | ${r.serverCpu.toFixed(1)} | ${Math.round(r.cliPeak)} | ${Math.round(r.serverPeak)} | ${Math.round(r.idle)} | ${r.load} |`,
  );
}
