// Benchmark: the month-end close of one large period, through a real server on loopback: the
// checklist, the close (checklist, snapshot and hash), the snapshot's verification, and the
// Kingdee voucher export through the SDK into an XLSX file.
//
//   node bench/close.bench.mjs [--entries 20000] [--lines 10] [--database sqlite,postgres]
//
// Each database runs in a child process over a fresh database, so peak memory is that of one
// run. The period is filled with manual-style entries of `--lines` lines each, spread over 100
// stores. PostgreSQL is BOH_BENCH_DATABASE_URL, by default postgres://postgres@127.0.0.1:5432/test,
// in a schema of its own that is dropped afterwards. `npm run build` first.

import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '20000' },
    lines: { type: 'string', default: '10' },
    database: { type: 'string', default: 'sqlite,postgres' },
    child: { type: 'string' },
  },
});
const POSTGRES = process.env.BOH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STORES = 100;
const PERIOD = '2024-01';

if (values.child) {
  const result = await runOne(values.child, Number(values.entries), Number(values.lines));
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
    const child = fork(fileURLToPath(import.meta.url), ['--child', database, '--entries', values.entries, '--lines', values.lines], { stdio: 'inherit' });
    child.on('message', resolve);
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${database} exited with ${code}`))));
  });
}

/** Fill one period, then time each close step over HTTP; returns seconds per step and peak memory. */
async function runOne(database, entryCount, linesPerEntry) {
  const server = await import('../packages/server/dist/index.js');
  const { createClient } = await import('../packages/sdk/dist/index.js');
  const { exportVouchers } = await import('../packages/cli/dist/commands/voucher/export.js');
  const { url, drop } = await freshDatabase(database);
  const bohDatabase = await server.openDatabase(url);
  await server.migrateToLatest(bohDatabase);
  await fillPeriod(server, bohDatabase, entryCount, linesPerEntry);

  const app = await server.buildApp({ database: bohDatabase });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await server.insertToken(bohDatabase.db, { name: 'bench', role: 'admin', storeCodes: [] });
  const boh = createClient({ baseUrl, token: secret, timeoutMs: 600_000 });
  const folder = mkdtempSync(join(tmpdir(), 'boh-bench-close-'));

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const timed = async (work) => {
    const started = performance.now();
    const value = await work();
    return [value, (performance.now() - started) / 1000];
  };
  try {
    const [checklist, checklistSeconds] = await timed(() => boh.ledger.periodChecklist(PERIOD));
    if (!checklist.ready) throw new Error(`checklist not ready: ${JSON.stringify(checklist.checks)}`);
    const [, closeSeconds] = await timed(() => boh.ledger.closePeriod(PERIOD));
    const [snapshot, verifySeconds] = await timed(() => boh.ledger.periodSnapshot(PERIOD));
    if (!snapshot.verified) throw new Error('snapshot not verified');
    const context = { language: 'zh-CN', client: () => boh, t: (key) => key };
    const [files, exportSeconds] = await timed(() => exportVouchers(context, { period: PERIOD, layout: 'kingdee', out: folder }));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      database,
      entries: entryCount,
      lines: snapshot.totals.lines,
      checklistSeconds,
      closeSeconds,
      verifySeconds,
      exportSeconds,
      xlsxMb: statSync(files[0]).size / 1024 / 1024,
      peakRssMb: peak / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
    await boh.close();
    await app.close();
    await bohDatabase.close();
    rmSync(folder, { recursive: true, force: true });
    await drop();
  }
}

/** Insert 100 stores and post `entryCount` balanced entries into the period through postJournalEntries. */
async function fillPeriod(server, bohDatabase, entryCount, linesPerEntry) {
  const now = new Date().toISOString();
  const stores = Array.from({ length: STORES }, (_, i) => ({
    code: String(i + 1).padStart(4, '0'),
    name: `门店${i + 1}`,
    timezone: 'Asia/Shanghai',
    day_end_cutoff: '00:00',
    lifecycle_stage: 'operating',
    active: true,
    version: 1,
    created_at: now,
    updated_at: now,
  }));
  await bohDatabase.db.insertInto('stores').values(stores).execute();
  const context = (trx) => ({ db: trx, dialect: bohDatabase.dialect, actor: { name: 'bench', tokenId: null, requestId: null } });
  for (let start = 0; start < entryCount; start += 1000) {
    const batch = [];
    for (let n = start; n < Math.min(start + 1000, entryCount); n++) {
      const store = stores[n % STORES].code;
      const day = String((n % 28) + 1).padStart(2, '0');
      const debits = Array.from({ length: linesPerEntry - 1 }, (_, i) => ({ accountCode: '5602.99', storeCode: store, debitFen: 1000 + ((n * 7 + i * 13) % 50_000), memo: `费用 ${n}-${i}` }));
      const total = debits.reduce((sum, line) => sum + line.debitFen, 0);
      batch.push({ entryDate: `${PERIOD}-${day}`, storeCode: store, sourceType: 'manual', memo: `bench ${n}`, lines: [...debits, { accountCode: '1002', storeCode: null, creditFen: total }] });
    }
    await bohDatabase.db.transaction().execute((trx) => server.postJournalEntries(context(trx), batch));
  }
}

async function freshDatabase(database) {
  if (database === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'boh-bench-'));
    return { url: join(folder, 'bench.db'), drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const schema = `boh_bench_close_${process.pid}`;
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
  console.log('| database | entries | journal lines | checklist (s) | close (s) | verify snapshot (s) | Kingdee export (s) | XLSX (MiB) | peak RSS (MiB) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.database} | ${r.entries.toLocaleString('en')} | ${r.lines.toLocaleString('en')} | ${r.checklistSeconds.toFixed(2)} | ${r.closeSeconds.toFixed(2)} | ${r.verifySeconds.toFixed(2)} | ${r.exportSeconds.toFixed(1)} | ${r.xlsxMb.toFixed(1)} | ${Math.round(r.peakRssMb)} |`);
  }
}
