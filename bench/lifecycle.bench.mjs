// Store lifecycle: how long one batch of 2,000 moves takes (dry run and applied), and how long
// fitting the site model and scoring 200 candidates takes with 2,000 trading stores.
// Run with `node bench/lifecycle.bench.mjs` after `npm run build`; it uses a temporary SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, insertToken, migrateToLatest, openDatabase } from '@boh/server';

const STORES = 2000;
const CANDIDATES = 200;

async function timed(label, work) {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

export async function run() {
  const folder = mkdtempSync(join(tmpdir(), 'boh-bench-'));
  const database = await openDatabase(join(folder, 'boh.db'));
  await migrateToLatest(database);
  const app = await buildApp({ database });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await insertToken(database.db, { name: 'bench', role: 'admin', storeCodes: [] });
  const send = async (method, path, body) => {
    const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };

  try {
    await timed(`create ${STORES} stores with attributes`, async () => {
      for (let i = 0; i < STORES; i++) {
        const code = `B${String(i).padStart(5, '0')}`;
        await send('POST', '/stores', { code, name: `门店${code}`, area_m2: 80 + (i % 150), latitude: 31 + (i % 50) * 0.01, longitude: 121 + Math.floor(i / 50) * 0.01, opened_on: '2020-01-01' });
        await send('PUT', `/stores/${code}/site-attributes`, { rent_fen_per_m2_month: 20_000 + ((i * 613) % 40_000), footfall_daily: 3_000 + ((i * 7919) % 30_000), nearby_population: 20_000 + ((i * 4271) % 90_000), competitors_500m: i % 7 });
      }
    });

    const rows = Array.from({ length: STORES }, (_, i) => ({ store_code: `B${String(i).padStart(5, '0')}`, to_stage: 'renovating', override_reason: 'bench' }));
    const dry = await timed(`POST /store-transitions, ${STORES} rows, dry run`, () => send('POST', '/store-transitions', { dry_run: true, rows }));
    const applied = await timed(`POST /store-transitions, ${STORES} rows, applied`, () => send('POST', '/store-transitions', { rows }));
    if (dry.counts.valid !== STORES || applied.counts.applied !== STORES) throw new Error('the batch did not pass every row');
    await send('POST', '/store-transitions', { rows: rows.map((row) => ({ ...row, to_stage: 'operating' })) });

    await database.db.schema
      .createTable('sales_daily_summary')
      .addColumn('store_code', 'text').addColumn('business_date', 'text').addColumn('channel', 'text')
      .addColumn('orders', 'integer').addColumn('guests', 'integer').addColumn('gross_fen', 'integer').addColumn('discount_fen', 'integer')
      .addColumn('net_fen', 'integer').addColumn('refund_fen', 'integer').addColumn('tax_fen', 'integer').addColumn('cogs_fen', 'integer')
      .execute();
    const sales = [];
    for (let i = 0; i < STORES; i++) {
      for (const month of ['01', '02', '03']) {
        for (let day = 1; day <= 28; day++) {
          const net = 100_000 + ((i * 37 + day) % 50_000);
          sales.push({ store_code: `B${String(i).padStart(5, '0')}`, business_date: `2025-${month}-${String(day).padStart(2, '0')}`, channel: 'dine_in', orders: 50, guests: 0, gross_fen: net, discount_fen: 0, net_fen: net, refund_fen: 0, tax_fen: 0, cogs_fen: 0 });
        }
      }
    }
    for (let start = 0; start < sales.length; start += 1000) await database.db.insertInto('sales_daily_summary').values(sales.slice(start, start + 1000)).execute();

    for (let i = 0; i < CANDIDATES; i++) {
      await send('POST', '/sites', { code: `C${String(i).padStart(4, '0')}`, name: `候选${i}`, area_m2: 100, latitude: 31.2 + (i % 20) * 0.003, longitude: 121.3 + Math.floor(i / 20) * 0.003, rent_fen_per_m2_month: 30_000, footfall_daily: 5_000 + i * 50, nearby_population: 50_000, competitors_500m: i % 5 });
    }
    const model = await timed(`GET /site-selection/model, ${STORES} stores × ${sales.length / STORES} days`, () => send('GET', '/site-selection/model?from=2025-01-01&to=2025-03-31'));
    await timed(`GET /site-selection/scores, ${CANDIDATES} candidates`, () => send('GET', '/site-selection/scores?from=2025-01-01&to=2025-03-31'));
    console.log(`model: ${model.stores_used} stores used, lambda ${model.lambda.toPrecision(3)}`);
  } finally {
    await app.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
