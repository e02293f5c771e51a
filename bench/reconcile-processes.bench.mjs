// Benchmark: the month's reconciliation as a user runs it, with `boh serve` and `boh reconcile` in
// processes of their own, 1,000,000 POS payments against a merchant bill of about 1,000,000
// lines with 1 % faults, on SQLite and PostgreSQL.
//
//   npm run build && node bench/reconcile-processes.bench.mjs [--payments 1000000] [--database sqlite,postgres]
//        [--runs 1] [--compare DIR]
//
// The setup (not timed) is that of bench/reconcile.bench.mjs. Timed: `boh reconcile wechat
// --statement BILL --period 2024-01` against `boh serve` on loopback, from its start to its
// exit. The phases are read off the times of the CLI's progress lines: parse until the first batch
// is stored, load until "Reconciling on the server", match until the workbook is begun, then the
// workbook, then the JSON file. Each process's CPU seconds and peak resident memory (VmHWM) are
// read from /usr/bin/time for the CLI and from /proc for the server. `--compare DIR` runs the CLI
// and server of another built checkout too, alternating with this one run by run.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds, memoryMiB, startServer } from './processes.mjs';
import { allFaultsFound, prepareRun } from './reconcile-setup.mjs';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite,postgres' },
    runs: { type: 'string', default: '1' },
    compare: { type: 'string' },
  },
});
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const checkouts = [ROOT, ...(values.compare ? [resolve(values.compare)] : [])];

const results = [];
for (const database of values.database.split(',')) {
  for (let run = 0; run < Number(values.runs); run += 1) {
    for (const checkout of checkouts) results.push({ checkout: checkout === ROOT ? 'this' : checkout, ...(await runOne(checkout, database, Number(values.payments))) });
  }
}
printReport(results);

async function runOne(checkout, database, count) {
  const BOH = join(checkout, 'packages/cli/bin/boh.js');
  const server = await import(join(checkout, 'packages/server/dist/index.js'));
  const folder = mkdtempSync(join(tmpdir(), 'boh-bench-reconcile-'));
  const { url, drop, bohDatabase, billPath, bill } = await prepareRun(server, database, count, folder);
  const { secret } = await server.insertToken(bohDatabase.db, { name: 'bench', role: 'admin', storeCodes: [] });
  await bohDatabase.close();

  const { serve, base } = await startServer(BOH, url);
  await sleep(500);
  const serverCpu = cpuSeconds(serve.pid);
  const loadBefore = loadavg()[0];
  const started = performance.now();
  const marks = {};
  const cli = spawn('/usr/bin/time', ['-f', '%U %S %M', process.execPath, BOH, 'reconcile', 'wechat', '--statement', billPath, '--period', '2024-01', '--out', folder], {
    env: { ...process.env, BOH_BASE_URL: base, BOH_TOKEN: secret, BOH_TIMEOUT: '3600', BOH_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  cli.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
  cli.stderr.setEncoding('utf8').on('data', (text) => {
    const at = performance.now();
    stderr += text;
    if (marks.firstBatch === undefined && /stored \d+ of/.test(text)) marks.firstBatch = at;
    if (marks.matching === undefined && text.includes('Reconciling on the server')) marks.matching = at;
    if (marks.workbook === undefined && text.includes('.xlsx')) marks.workbook = at;
    if (marks.json === undefined && text.includes('.json…')) marks.json = at;
  });
  const [code] = await once(cli, 'exit');
  const ended = performance.now();
  const serverPeak = memoryMiB(serve.pid, 'VmHWM');
  const serverCpuUsed = cpuSeconds(serve.pid) - serverCpu;
  const load = `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
  serve.kill('SIGINT');
  await once(serve, 'exit');
  await drop();
  if (code !== 0) throw new Error(`boh reconcile exited with ${code}: ${stdout.slice(-1000)} ${stderr.slice(-2000)}`);
  const { reconciliation } = JSON.parse(readFileSync(join(folder, 'reconciliation-wechat-2024-01.json'), 'utf8'));
  rmSync(folder, { recursive: true, force: true });

  const [user, system, peakKiB] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const states = Object.fromEntries(Object.entries(reconciliation.summary.states).map(([state, figures]) => [state, figures.count]));
  const span = (from, to) => ((to ?? ended) - from) / 1000;
  return {
    database,
    payments: count,
    lines: bill.lines,
    phases: { parse: span(started, marks.firstBatch), load: span(marks.firstBatch, marks.matching), match: span(marks.matching, marks.workbook), workbook: span(marks.workbook, marks.json), json: span(marks.json, ended) },
    seconds: span(started, ended),
    cliCpu: user + system,
    serverCpu: serverCpuUsed,
    cliPeak: peakKiB / 1024,
    serverPeak,
    load,
    check: allFaultsFound(states, bill.faults),
  };
}

function printReport(results) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n${new Date().toISOString().slice(0, 16)} · Node ${process.versions.node} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 1024 ** 3)} GiB RAM\n`);
  console.log('| database | checkout | POS payments | bill lines | parse s | load s | match s | workbook s | JSON s | total s | CLI CPU s | server CPU s | CLI peak MiB | server peak MiB | load average | faults found |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of results) {
    const p = r.phases;
    const cells = [p.parse, p.load, p.match, p.workbook, p.json, r.seconds, r.cliCpu, r.serverCpu].map((s) => s.toFixed(1));
    console.log(`| ${r.database} | ${r.checkout} | ${r.payments.toLocaleString('en')} | ${r.lines.toLocaleString('en')} | ${cells.join(' | ')} | ${Math.round(r.cliPeak)} | ${Math.round(r.serverPeak)} | ${r.load} | ${r.check ? 'all' : 'NOT ALL'} |`);
  }
}
