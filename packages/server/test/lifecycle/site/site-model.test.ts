import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../../test-support/server.js';
import { expectStatus, ZH } from '../support.js';
import { insertDailySales, type DailySales } from './sales-summary.js';

// Forty stores around Shanghai whose monthly sales per m² follow a known linear rule in the
// model's features plus ±2 % noise; the model must recover the rule and score candidates by it.

let server: TestServer;
let admin: string;

const WINDOW = 'from=2025-01-01&to=2025-04-30';
const MONTHS = [
  { month: '2025-01', days: 31 },
  { month: '2025-02', days: 28 },
  { month: '2025-03', days: 31 },
  { month: '2025-04', days: 30 },
];

interface Site {
  rent_fen_per_m2_month: number;
  footfall_daily: number;
  nearby_population: number;
  competitors_500m: number;
  area_m2: number;
}

/** The rule the synthetic stores follow: monthly sales per m², in fen. */
function truePerM2(site: Site): number {
  return (
    20_000 +
    15_000 * Math.log1p(site.footfall_daily) +
    4_000 * Math.log1p(site.nearby_population) -
    3_000 * site.competitors_500m +
    0.25 * site.rent_fen_per_m2_month -
    5_000 * Math.log1p(site.area_m2)
  );
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const next = random(2025);
const between = (low: number, high: number) => low + next() * (high - low);

function siteAt(index: number): Site & { latitude: number; longitude: number } {
  return {
    rent_fen_per_m2_month: Math.round(between(15_000, 60_000)),
    footfall_daily: Math.round(between(1_500, 40_000)),
    nearby_population: Math.round(between(8_000, 120_000)),
    competitors_500m: Math.floor(between(0, 9)),
    area_m2: Math.round(between(60, 260)),
    // Stores on a grid about 2 km apart, so none is near another.
    latitude: 31.0 + Math.floor(index / 8) * 0.02,
    longitude: 121.2 + (index % 8) * 0.02,
  };
}

function dailyRows(code: string, monthly: number, skip: (date: string) => boolean = () => false): DailySales[] {
  const rows: DailySales[] = [];
  for (const { month, days } of MONTHS) {
    const open = Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`).filter((date) => !skip(date));
    const perDay = monthly / days;
    for (const date of open) {
      rows.push({ store_code: code, business_date: date, channel: 'dine_in', net_fen: Math.round(perDay * 0.7), refund_fen: 0 });
      rows.push({ store_code: code, business_date: date, channel: 'delivery_meituan', net_fen: Math.round(perDay * 0.3) + 100, refund_fen: 100 });
    }
  }
  return rows;
}

async function addStore(code: string, site: Partial<Site> & { latitude?: number | null; longitude?: number | null }, stage = 'operating'): Promise<void> {
  const { rent_fen_per_m2_month, footfall_daily, nearby_population, competitors_500m, area_m2, latitude, longitude } = site;
  await expectStatus(server, 201, 'POST', '/stores', {
    token: admin,
    body: { code, name: `门店${code}`, city: '上海市', area_m2: area_m2 ?? null, latitude: latitude ?? null, longitude: longitude ?? null, lifecycle_stage: stage, opened_on: '2020-01-01' },
  });
  if (rent_fen_per_m2_month !== undefined) {
    await expectStatus(server, 200, 'PUT', `/stores/${code}/site-attributes`, {
      token: admin,
      body: { rent_fen_per_m2_month, footfall_daily: footfall_daily ?? null, nearby_population, competitors_500m, source: '2025年1月实地调研' },
    });
  }
}

const reference = siteAt(99);

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');

  const rows: DailySales[] = [];
  for (let i = 0; i < 40; i++) {
    const code = `S${String(i).padStart(3, '0')}`;
    const site = siteAt(i);
    await addStore(code, site);
    rows.push(...dailyRows(code, truePerM2(site) * site.area_m2 * between(0.98, 1.02)));
  }

  // Closed for renovation 5–20 February: February does not count, the other months do.
  await addStore('RENO', reference);
  rows.push(...dailyRows('RENO', truePerM2(reference) * reference.area_m2, (date) => date >= '2025-02-05' && date <= '2025-02-20'));
  // Opened on 16 March: only April counts, too few months.
  await addStore('NEW1', siteAt(41));
  rows.push(...dailyRows('NEW1', 5_000_000, (date) => date < '2025-03-16'));
  await addStore('NOATTR', { ...siteAt(42), rent_fen_per_m2_month: undefined });
  rows.push(...dailyRows('NOATTR', 5_000_000));
  await addStore('NOAREA', { ...siteAt(43), area_m2: undefined });
  rows.push(...dailyRows('NOAREA', 5_000_000));
  await addStore('NOGEO', { ...siteAt(44), latitude: null, longitude: null });
  rows.push(...dailyRows('NOGEO', 5_000_000));
  await addStore('NOSALES', siteAt(45));
  await insertDailySales(server, rows);

  // Candidates: a busy street, a quiet one 200 m from store S000, and one without footfall.
  await expectStatus(server, 201, 'POST', '/sites', {
    token: admin,
    body: { code: 'CAND-A', name: '南京东路候选', area_m2: 120, latitude: 31.5, longitude: 121.9, rent_fen_per_m2_month: 55_000, footfall_daily: 38_000, nearby_population: 110_000, competitors_500m: 1 },
  });
  const s000 = siteAt(0);
  await expectStatus(server, 201, 'POST', '/sites', {
    token: admin,
    body: { code: 'CAND-B', name: '社区候选', area_m2: 100, latitude: s000.latitude + 0.0018, longitude: s000.longitude, rent_fen_per_m2_month: 16_000, footfall_daily: 2_000, nearby_population: 10_000, competitors_500m: 6 },
  });
  await expectStatus(server, 201, 'POST', '/sites', {
    token: admin,
    body: { code: 'CAND-C', name: '信息不全候选', area_m2: 90, latitude: 31.6, longitude: 121.9, rent_fen_per_m2_month: 30_000, nearby_population: 50_000, competitors_500m: 2 },
  });
}, 120_000);
afterAll(() => server.close());

describe('the site model', () => {
  it('uses the stores with enough months and every attribute, and counts the others', async () => {
    const model = await expectStatus(server, 200, 'GET', `/site-selection/model?${WINDOW}`, { token: admin });
    expect(model.body).toMatchObject({
      window: { from: '2025-01-01', to: '2025-04-30' },
      min_days_per_month: 20,
      min_months: 3,
      stores_used: 41,
      stores_excluded: { no_sales: 1, few_months: 1, no_area: 1, no_attributes: 1, no_coordinates: 1 },
    });
    expect(model.body.loo_r2).toBeGreaterThan(0.95);
    expect(model.body.r2).toBeGreaterThanOrEqual(model.body.loo_r2);
  });

  it('recovers the rule the stores follow', async () => {
    const model = await expectStatus(server, 200, 'GET', `/site-selection/model?${WINDOW}`, { token: admin });
    const perUnit = Object.fromEntries(model.body.features.map((f: { attribute: string; coefficient_per_unit: number }) => [f.attribute, f.coefficient_per_unit]));
    expect(perUnit.footfall_daily).toBeGreaterThan(15_000 * 0.9);
    expect(perUnit.footfall_daily).toBeLessThan(15_000 * 1.1);
    expect(perUnit.nearby_population).toBeGreaterThan(4_000 * 0.8);
    expect(perUnit.nearby_population).toBeLessThan(4_000 * 1.2);
    expect(perUnit.competitors_500m).toBeLessThan(-3_000 * 0.8);
    expect(perUnit.competitors_500m).toBeGreaterThan(-3_000 * 1.2);
    expect(perUnit.rent_fen_per_m2_month).toBeGreaterThan(0.25 * 0.7);
    expect(perUnit.rent_fen_per_m2_month).toBeLessThan(0.25 * 1.3);
    expect(perUnit.area_m2).toBeLessThan(-5_000 * 0.7);
    expect(Math.abs(perUnit.nearest_store_km)).toBeLessThan(1_500);
    expect(model.body.features.find((f: { attribute: string }) => f.attribute === 'footfall_daily').transform).toBe('log1p');
  });

  it('learns from a renovated store’s full months only', async () => {
    const report = await expectStatus(server, 200, 'GET', `/site-selection/scores?${WINDOW}&store_code=RENO`, { token: admin });
    const truth = truePerM2(reference) * reference.area_m2;
    expect(report.body.candidates[0].predicted_monthly_sales_fen / truth).toBeGreaterThan(0.97);
    expect(report.body.candidates[0].predicted_monthly_sales_fen / truth).toBeLessThan(1.03);
  });
});

describe('scoring candidates', () => {
  it('ranks them by predicted monthly sales, within an interval around the truth', async () => {
    const report = await expectStatus(server, 200, 'GET', `/site-selection/scores?${WINDOW}&level=0.9`, { token: admin });
    expect(report.body.level).toBe(0.9);
    expect(report.body.candidates.map((c: { store_code: string; rank: number | null }) => [c.store_code, c.rank])).toEqual([
      ['CAND-A', 1],
      ['CAND-B', 2],
      ['CAND-C', null],
    ]);

    const a = report.body.candidates[0];
    const truth = truePerM2({ rent_fen_per_m2_month: 55_000, footfall_daily: 38_000, nearby_population: 110_000, competitors_500m: 1, area_m2: 120 }) * 120;
    expect(a.status).toBe('scored');
    expect(a.predicted_monthly_sales_fen / truth).toBeGreaterThan(0.95);
    expect(a.predicted_monthly_sales_fen / truth).toBeLessThan(1.05);
    expect(Math.abs(a.predicted_monthly_sales_fen - a.predicted_sales_per_m2_fen * 120)).toBeLessThanOrEqual(60);
    expect(a.interval.level).toBe(0.9);
    expect(a.interval.lower_fen).toBeLessThan(a.predicted_monthly_sales_fen);
    expect(a.interval.upper_fen).toBeGreaterThan(a.predicted_monthly_sales_fen);
    expect(a.interval.lower_fen).toBeLessThanOrEqual(truth);
    expect(a.interval.upper_fen).toBeGreaterThanOrEqual(truth);
  });

  it('names the attributes that drive each prediction, largest first', async () => {
    const report = await expectStatus(server, 200, 'GET', `/site-selection/scores?${WINDOW}`, { token: admin });
    const a = report.body.candidates.find((c: { store_code: string }) => c.store_code === 'CAND-A');
    const b = report.body.candidates.find((c: { store_code: string }) => c.store_code === 'CAND-B');
    expect(a.drivers[0]).toMatchObject({ attribute: 'footfall_daily', value: 38_000 });
    expect(a.drivers[0].effect_fen).toBeGreaterThan(0);
    expect(b.drivers.find((d: { attribute: string }) => d.attribute === 'footfall_daily').effect_fen).toBeLessThan(0);
    expect(b.drivers.find((d: { attribute: string }) => d.attribute === 'competitors_500m').effect_fen).toBeLessThan(0);
    const effects = a.drivers.map((d: { effect_fen: number }) => Math.abs(d.effect_fen));
    expect(effects).toEqual([...effects].sort((x: number, y: number) => y - x));
  });

  it('warns about own stores within the radius, by great-circle distance', async () => {
    const report = await expectStatus(server, 200, 'GET', `/site-selection/scores?${WINDOW}`, { token: admin });
    const b = report.body.candidates.find((c: { store_code: string }) => c.store_code === 'CAND-B');
    expect(b.cannibalisation.warning).toBe(true);
    expect(b.cannibalisation.radius_m).toBe(500);
    expect(b.cannibalisation.stores).toEqual([{ store_code: 'S000', name: '门店S000', distance_m: 200 }]);
    expect(b.nearest_store).toEqual({ store_code: 'S000', name: '门店S000', distance_m: 200 });
    const a = report.body.candidates.find((c: { store_code: string }) => c.store_code === 'CAND-A');
    expect(a.cannibalisation).toEqual({ warning: false, radius_m: 500, stores: [] });

    const narrow = await expectStatus(server, 200, 'GET', `/site-selection/scores?${WINDOW}&radius_m=150&store_code=CAND-B`, { token: admin });
    expect(narrow.body.candidates[0].cannibalisation).toEqual({ warning: false, radius_m: 150, stores: [] });
  });

  it('lists what an incomplete candidate lacks', async () => {
    const report = await expectStatus(server, 200, 'GET', `/site-selection/scores?${WINDOW}&store_code=CAND-C`, { token: admin });
    expect(report.body.candidates[0]).toMatchObject({ status: 'incomplete', missing: ['footfall_daily'], rank: null, predicted_monthly_sales_fen: null, interval: null, drivers: [] });
  });

  it('explains in Chinese why it cannot fit a window without sales', async () => {
    const reply = await expectStatus(server, 409, 'GET', '/site-selection/scores?from=2024-01-01&to=2024-06-30', { token: admin, headers: ZH });
    expect(reply.body.code).toBe('site_model_not_enough_stores');
    expect(reply.body.params).toMatchObject({ needed: 9, used: 0, no_sales: 46, few_months: 0 });
    expect(reply.body.detail).toContain('至少需要 9 家');
  });

  it('answers 404 for an unknown store and 422 for an empty window', async () => {
    await expectStatus(server, 404, 'GET', `/site-selection/scores?${WINDOW}&store_code=NOPE`, { token: admin });
    const empty = await expectStatus(server, 422, 'GET', '/site-selection/model?from=2025-05-01&to=2025-04-01', { token: admin });
    expect(empty.body.code).toBe('site_window_invalid');
  });
});

describe('candidate sites and attributes', () => {
  it('creates a candidate as a store in site_selection with its attributes, audited', async () => {
    const sites = await expectStatus(server, 200, 'GET', '/sites?limit=2', { token: admin });
    expect(sites.body.data.map((s: { store: { code: string } }) => s.store.code)).toEqual(['CAND-A', 'CAND-B']);
    expect(sites.body.data[0].store.lifecycle_stage).toBe('site_selection');
    expect(sites.body.data[0].attributes).toMatchObject({ footfall_daily: 38_000, version: 1 });
    const more = await expectStatus(server, 200, 'GET', `/sites?limit=2&cursor=${sites.body.next_cursor}`, { token: admin });
    expect(more.body.data.map((s: { store: { code: string } }) => s.store.code)).toEqual(['CAND-C']);

    const history = await expectStatus(server, 200, 'GET', '/history/store/CAND-A', { token: admin });
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['site_attributes', 'create']);
    expect(history.body.data[0].changes).toContainEqual({ field: 'site.footfall_daily', before: null, after: 38_000 });
  });

  it('replaces attributes with If-Match and audits only what changed', async () => {
    const current = await expectStatus(server, 200, 'GET', '/stores/CAND-C/site-attributes', { token: admin });
    const stale = await expectStatus(server, 412, 'PUT', '/stores/CAND-C/site-attributes', { token: admin, body: { footfall_daily: 9_000 }, headers: { 'if-match': '"9"' } });
    expect(stale.body.detail).toContain('site attributes "CAND-C" is at version 1');
    const body = { ...current.body, footfall_daily: 9_000 };
    for (const field of ['store_code', 'version', 'created_at', 'updated_at']) delete body[field];
    const put = await expectStatus(server, 200, 'PUT', '/stores/CAND-C/site-attributes', { token: admin, body, headers: { 'if-match': current.headers.get('etag')! } });
    expect(put.body).toMatchObject({ footfall_daily: 9_000, version: 2 });
    const history = await expectStatus(server, 200, 'GET', '/history/store/CAND-C?limit=1', { token: admin });
    expect(history.body.data[0].changes).toEqual([{ field: 'site.footfall_daily', before: null, after: 9_000 }]);
  });

  it('says how to enter attributes a store lacks', async () => {
    const reply = await expectStatus(server, 404, 'GET', '/stores/NOATTR/site-attributes', { token: admin });
    expect(reply.body.code).toBe('site_attributes_not_found');
    expect(reply.body.detail).toContain('boh site attributes NOATTR');
  });

  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
