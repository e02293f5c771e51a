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
import { FAULTS } from './generate-statement.mjs';
import { allFaultsFound, prepareRun } from './reconcile-setup.mjs';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite,postgres' },
    child: { type: 'string' },
  },
});

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
  const { url, drop, bohDatabase, billPath, bill } = await prepareRun(server, database, count, folder);

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
  const check = allFaultsFound(states, bill.faults);
  await boh.close();
  await app.close();
  await bohDatabase.close();
  await drop();
  rmSync(folder, { recursive: true, force: true });
  const seconds = Object.values(phases).reduce((sum, s) => sum + s, 0);
  return { database, payments: count, lines: bill.lines, parsedLines, phases, cpuPhases, seconds, peakRssMb: peak / 1024 / 1024, peakPhases, states, faults: bill.faults, check };
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
