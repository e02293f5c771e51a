import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, createClient, type BohClient, type components } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';
import { repairWindows1252Controls } from '../../cli/src/files/windows-1252.js';
import { directoryStores, type DirectoryRow, type Repairs } from './support/directory.js';

// The whole public Starbucks store directory (25,600 rows) loaded as stores through the SDK, with
// its known faults repaired, then lifecycle scripts run over its Shanghai stores: a renovation
// round trip of 50 stores, five closures with overrides and closing guards, and candidate sites
// scored among the real store locations.
const FILE = realDataPath('starbucks-store-directory', 'directory.csv');

type Store = components['schemas']['Store'];

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
let repairs: Repairs;
let expected: Map<string, { country: string } & components['schemas']['StoreCreate']>;
let shanghai: string[];
const folder = mkdtempSync(join(tmpdir(), 'boh-real-lifecycle-'));

/** Run `work` over `items` with `workers` requests in flight. */
async function inParallel<T>(items: readonly T[], workers: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

beforeAll(async () => {
  // The directory has Windows-1252 punctuation read as C1 controls (King\x92s Road); BOH rejects
  // control characters, so they are repaired as the import engine does, and text is trimmed as
  // the API trims it.
  const rows = (parse(readFileSync(FILE), { columns: true, bom: true }) as Record<string, string>[]).map(cleanRow) as DirectoryRow[];
  const result = directoryStores(rows);
  repairs = result.repairs;
  expected = result.stores;

  server = await startTestServer();
  const token = await server.token('admin');
  boh = createClient({ baseUrl: server.url, token });
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  await inParallel([...expected.values()], 8, async ({ country: _country, ...store }) => boh.stores.create(store, { idempotencyKey: `directory-${store.code}` }));

  shanghai = [...expected.values()].filter((store) => store.city === '上海市').map((store) => store.code).sort();
}, 600_000);

afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('the directory as stores', () => {
  it('repairs the faults the file is known to have', () => {
    expect(repairs.shifted_rows).toEqual(['31791-108572']);
    expect(repairs.duplicate_codes).toEqual(['19773-160973']);
    expect(repairs.multi_line_addresses).toEqual(['22021-216985']);
    expect(repairs.without_coordinates).toEqual([]);
    expect(repairs.time_zones.get('CN GMT+08:00 Asia/Beijing')).toBe('Asia/Shanghai');
    expect(repairs.time_zones.get('TW GMT+08:00 Asia/Beijing')).toBe('Etc/GMT-8');
    expect(repairs.time_zones.get('AR GMT-03:00 America/Argentina/Bu')).toBe('America/Buenos_Aires');
    expect(repairs.time_zones.get('CA GMT+000000 America/Dawson_Cree')).toBe('America/Dawson_Creek');
  });

  it('stores every store number once', async () => {
    const stored: Store[] = await boh.stores.list({ limit: 500 }).toArray({ max: 30_000 });
    expect(stored).toHaveLength(25_599);
    expect(new Set(stored.map((store) => store.code)).size).toBe(25_599);
    const zones = new Set(stored.map((store) => store.timezone));
    for (const zone of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    expect(stored.filter((store) => store.timezone === 'Asia/Shanghai').length).toBeGreaterThanOrEqual(2730);
  });

  it('keeps the repaired rows as they should have been', async () => {
    expect(await boh.stores.get('31791-108572')).toMatchObject({ name: 'Heraklion Talos Mall', city: 'Heraklion', address: 'Venizelou Street & Minoos Street, Crete', timezone: 'Europe/Athens' });
    expect(await boh.stores.get('19773-160973')).toMatchObject({ latitude: 37.53, longitude: 126.92 });
    expect((await boh.stores.get('22021-216985')).address).toBe('Brent Civic Centre, Engineers Way');
  });
});

describe('a renovation round trip of 50 Shanghai stores', () => {
  let fifty: string[];

  beforeAll(() => {
    fifty = shanghai.slice(0, 50);
  });

  it('finds every store blocked by its renovation plan in a dry run, and writes nothing', async () => {
    const report = await boh.lifecycle.transitionMany({ dry_run: true, rows: fifty.map((code) => ({ store_code: code, to_stage: 'renovating' })) });
    expect(report.counts).toEqual({ total: 50, valid: 0, rejected: 50, applied: 0 });
    expect(new Set(report.rows.map((row) => row.error?.code))).toEqual(new Set(['checklist_incomplete']));
    expect(report.rows[0]!.error!.params).toMatchObject({ items: ['renovation_plan'] });
    expect(await boh.lifecycle.stages(fifty[0]!).toArray({ max: 10 })).toHaveLength(1);
  });

  it('moves all 50 once their plans are approved', async () => {
    await inParallel(fifty, 8, (code) => boh.lifecycle.tick(code, 'renovation_plan', { done: true, evidence_ref: `OA-2025-${code}` }));
    const report = await boh.lifecycle.transitionMany({ rows: fifty.map((code) => ({ store_code: code, to_stage: 'renovating', note: '2025 春季门店焕新' })) });
    expect(report).toMatchObject({ applied: true, counts: { total: 50, valid: 50, rejected: 0, applied: 50 } });
    const renovating = await boh.stores.list({ city: '上海市', lifecycle_stage: 'renovating', limit: 500 }).toArray({ max: 1000 });
    expect(renovating.map((store) => store.code).sort()).toEqual(fifty);
  });

  it('brings them back with boh store transition --file, five by override', async () => {
    const ticked = fifty.slice(0, 45);
    await inParallel(ticked, 8, async (code) => {
      for (const key of ['works_accepted', 'equipment_checked', 'cleaned']) await boh.lifecycle.tick(code, key, { done: true });
    });
    const lines = ['门店编码,目标阶段,强制原因', ...fifty.map((code, index) => `${code},运营,${index >= 45 ? '验收单补签中，区域经理确认可营业' : ''}`)];
    const path = join(folder, 'reopen.csv');
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);

    const result = await runBoh(['store', 'transition', '--file', path, '--json'], { env, timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.counts).toEqual({ total: 50, valid: 50, rejected: 0, applied: 50 });
    expect(report.rows.filter((row: { overridden: boolean }) => row.overridden).map((row: { store_code: string }) => row.store_code)).toEqual(fifty.slice(45));

    const stays = await boh.lifecycle.stages(fifty[49]!).toArray({ max: 10 });
    expect(stays.map((stay) => stay.stage)).toEqual(['operating', 'renovating', 'operating']);
    const moves = await boh.lifecycle.transitions(fifty[49]!).toArray({ max: 10 });
    expect(moves[0]).toMatchObject({ to_stage: 'operating', overridden: true, overridden_items: ['works_accepted', 'equipment_checked', 'cleaned'] });
  });
});

describe('closing five Shanghai stores with overrides', () => {
  let five: string[];

  beforeAll(async () => {
    five = shanghai.slice(50, 55);
    await boh.assets.create({ code: `${five[0]}-ESPRESSO`, store_code: five[0]!, category: 'coffee_machine', name: '双头意式咖啡机' });
    await boh.employees.create({ code: `${five[1]}-MGR`, name: '李店长', role: 'store_manager', store_code: five[1]! });
  });

  it('closes the stores with nothing left and names what holds back the others', async () => {
    const rows = five.flatMap((code) => [
      { store_code: code, to_stage: 'closing' as const, override_reason: '租约到期不续，区域总监邮件批准' },
      { store_code: code, to_stage: 'closed' as const, override_reason: '结算尾款由财务跟进' },
    ]);
    const report = await boh.lifecycle.transitionMany({ atomic: false, rows });
    expect(report.counts).toEqual({ total: 10, valid: 8, rejected: 2, applied: 8 });
    const rejected = report.rows.filter((row) => row.status === 'rejected');
    expect(rejected.map((row) => [row.store_code, row.error!.code])).toEqual([
      [five[0], 'closing_blocked'],
      [five[1], 'closing_blocked'],
    ]);
    expect(rejected[0]!.error!.params).toMatchObject({ remaining: [{ guard: 'assets_in_service', remaining: [`${five[0]}-ESPRESSO`] }] });
    expect(rejected[1]!.error!.message).toContain(`${five[1]}-MGR`);
  });

  it('closes the last two once the machine is moved and the manager reassigned', async () => {
    await boh.assets.update(`${five[0]}-ESPRESSO`, { store_code: shanghai[0]! });
    await boh.employees.update(`${five[1]}-MGR`, { store_code: shanghai[1]! });
    const report = await boh.lifecycle.transitionMany({ rows: five.slice(0, 2).map((code) => ({ store_code: code, to_stage: 'closed', override_reason: '结算尾款由财务跟进' })) });
    expect(report.counts.applied).toBe(2);

    for (const code of five) {
      const store = await boh.stores.get(code);
      expect(store.lifecycle_stage).toBe('closed');
      expect(store.closed_on).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
      const history = await boh.stores.history(code).toArray({ max: 20 });
      const closing = history.find((event) => event.action === 'transition' && event.changes.some((change) => change.after === 'closed'));
      expect(closing?.changes).toContainEqual({ field: 'override_reason', before: null, after: '结算尾款由财务跟进' });
    }
  });

  it('refuses to reopen a closed store', async () => {
    const error = await boh.lifecycle.transition(five[2]!, { to_stage: 'operating' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BohConflictError);
    expect((error as BohConflictError).code).toBe('transition_not_allowed');
  });
});

describe('candidate sites among the real Shanghai stores', () => {
  it('warns about the real stores within 500 m and ranks the candidates', async () => {
    // Synthetic sales and attributes for 120 operating Shanghai stores, so the model can be fitted
    // on the real store locations, written straight into the daily sales summary.
    const training = shanghai.slice(100, 220);
    const db = server.database.db as Kysely<any>;
    const sales: Record<string, unknown>[] = [];
    await inParallel(training.map((code, index) => ({ code, index })), 8, async ({ code, index }) => {
      const footfall = 3_000 + ((index * 7919) % 30_000);
      const area = 80 + ((index * 31) % 150);
      await boh.stores.update(code, { area_m2: area });
      await boh.sites.setAttributes(code, { rent_fen_per_m2_month: 20_000 + ((index * 613) % 40_000), footfall_daily: footfall, nearby_population: 20_000 + ((index * 4_271) % 90_000), competitors_500m: index % 7 });
      const perDay = Math.round(((15_000 * Math.log1p(footfall) - 3_000 * (index % 7)) * area) / 30);
      for (let day = 1; day <= 28; day++) {
        for (const month of ['01', '02', '03']) {
          sales.push({ store_code: code, business_date: `2025-${month}-${String(day).padStart(2, '0')}`, channel: 'dine_in', orders: 100, guests: 0, gross_fen: perDay, discount_fen: 0, net_fen: perDay, refund_fen: 0, tax_fen: 0, cogs_fen: 0 });
        }
      }
    });
    for (let start = 0; start < sales.length; start += 500) await db.insertInto('sales_daily_summary').values(sales.slice(start, start + 500)).execute();

    const neighbour = await boh.stores.get(shanghai[0]!);
    await boh.sites.create({ code: 'CAND-NEAR', name: '候选：老店旁', area_m2: 100, latitude: neighbour.latitude! + 0.0009, longitude: neighbour.longitude!, rent_fen_per_m2_month: 30_000, footfall_daily: 20_000, nearby_population: 60_000, competitors_500m: 2 });
    await boh.sites.create({ code: 'CAND-FAR', name: '候选：崇明', area_m2: 100, latitude: 31.75, longitude: 121.2, rent_fen_per_m2_month: 10_000, footfall_daily: 4_000, nearby_population: 15_000, competitors_500m: 0 });

    const report = await boh.sites.score({ from: '2025-01-01', to: '2025-03-31', min_days_per_month: 20 });
    expect(report.model.stores_used).toBe(120);
    expect(report.candidates.map((candidate) => [candidate.store_code, candidate.rank])).toEqual([['CAND-NEAR', 1], ['CAND-FAR', 2]]);

    const near = report.candidates[0]!;
    expect(near.cannibalisation.warning).toBe(true);
    expect(near.cannibalisation.stores.map((store) => store.store_code)).toContain(shanghai[0]);
    expect(near.cannibalisation.stores.every((store) => store.distance_m <= 500)).toBe(true);
    expect(near.cannibalisation.stores.find((store) => store.store_code === shanghai[0])!.distance_m).toBe(100);
    const far = report.candidates[1]!;
    expect(far.cannibalisation.warning).toBe(false);
    expect(far.nearest_store!.distance_m).toBeGreaterThan(500);
  }, 300_000);

  it('answered every request within the contract', () => {
    expect(server.violations).toEqual([]);
  });
});

function cleanRow<T extends Record<string, string>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, repairWindows1252Controls(value ?? '').text.trim()])) as T;
}
