import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortOf, loadStoreLifecycleContext } from '@boh/server';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { expectStatus } from './support.js';

let server: TestServer;
let admin: string;

// A February 2025 report: comparable stores opened on or before 2024-02-01.
const FROM = '2025-02-01';
const TO = '2025-02-28';

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  await expectStatus(server, 201, 'POST', '/regions', { token: admin, body: { code: 'EAST', name: '华东区' } });
  const stores = [
    { code: 'K01', opened_on: '2020-05-01' },
    { code: 'K02', opened_on: '2024-02-01' },
    { code: 'K03', opened_on: '2024-02-02' },
    { code: 'K04', opened_on: '2025-02-20' },
    { code: 'K05', opened_on: '2025-03-01' },
    { code: 'K06', opened_on: '2019-01-01', closed_on: '2025-02-10', lifecycle_stage: 'closed' },
    { code: 'K07', opened_on: '2019-01-01', closed_on: '2025-01-31', lifecycle_stage: 'closed' },
    { code: 'K08', lifecycle_stage: 'construction' },
    { code: 'K09', opened_on: '2019-01-01', region_code: 'EAST' },
  ];
  for (const store of stores) await expectStatus(server, 201, 'POST', '/stores', { token: admin, body: { name: `门店${store.code}`, ...store } });

  // K09 renovated from 10 to 20 February: ten days, 20 February back in operation.
  for (const [stage, on] of [['renovating', '2025-02-10'], ['operating', '2025-02-20']] as const) {
    await expectStatus(server, 201, 'POST', '/stores/K09/transitions', { token: admin, body: { to_stage: stage, effective_on: on, override_reason: '测试' } });
  }
});
afterAll(() => server.close());

describe('cohortOf', () => {
  it.each([
    ['2020-05-01', null, 'comparable'],
    ['2024-02-01', null, 'comparable'],
    ['2024-02-02', null, 'new'],
    ['2025-02-28', null, 'new'],
    ['2025-03-01', null, 'not_open'],
    [null, null, 'not_open'],
    ['2019-01-01', '2025-02-28', 'closed'],
    ['2019-01-01', '2025-03-01', 'comparable'],
  ] as const)('opened %s, closed %s → %s', (opened, closed, want) => {
    expect(cohortOf({ opened_on: opened, closed_on: closed }, FROM, TO)).toBe(want);
  });

  it('treats 29 February a year before as the 28th', () => {
    expect(cohortOf({ opened_on: '2023-02-28', closed_on: null }, '2024-02-29', '2024-03-31')).toBe('comparable');
    expect(cohortOf({ opened_on: '2023-03-01', closed_on: null }, '2024-02-29', '2024-03-31')).toBe('new');
  });
});

describe('loadStoreLifecycleContext', () => {
  it('gives each store its cohort, days since opening, open and renovating days', async () => {
    const rows = await loadStoreLifecycleContext(server.database.db, server.database.dialect, { from: FROM, to: TO });
    const byCode = Object.fromEntries(rows.map((row) => [row.store_code, row]));
    expect(rows.map((row) => row.store_code)).toEqual(['K01', 'K02', 'K03', 'K04', 'K05', 'K06', 'K07', 'K08', 'K09']);
    expect(byCode.K01).toMatchObject({ cohort: 'comparable', days_since_opening: 1764, open_days_in_period: 28, renovating_days_in_period: 0 });
    expect(byCode.K02).toMatchObject({ cohort: 'comparable', days_since_opening: 393 });
    expect(byCode.K03).toMatchObject({ cohort: 'new', days_since_opening: 392 });
    expect(byCode.K04).toMatchObject({ cohort: 'new', days_since_opening: 8, open_days_in_period: 9 });
    expect(byCode.K05).toMatchObject({ cohort: 'not_open', days_since_opening: null, open_days_in_period: 0 });
    expect(byCode.K06).toMatchObject({ cohort: 'closed', open_days_in_period: 9 });
    expect(byCode.K07).toMatchObject({ cohort: 'closed', open_days_in_period: 0 });
    expect(byCode.K08).toMatchObject({ cohort: 'not_open', stage: 'construction' });
    expect(byCode.K09).toMatchObject({ cohort: 'comparable', renovating_days_in_period: 10, open_days_in_period: 28 });
  });

  it('filters by cohort, region and store list, and pages by code', async () => {
    const db = server.database.db;
    const dialect = server.database.dialect;
    const comparable = await loadStoreLifecycleContext(db, dialect, { from: FROM, to: TO, cohort: 'comparable' });
    expect(comparable.map((row) => row.store_code)).toEqual(['K01', 'K02', 'K09']);
    const east = await loadStoreLifecycleContext(db, dialect, { from: FROM, to: TO, regionCode: 'EAST' });
    expect(east.map((row) => row.store_code)).toEqual(['K09']);
    const mine = await loadStoreLifecycleContext(db, dialect, { from: FROM, to: TO, storeCodes: ['K03', 'K04'] });
    expect(mine.map((row) => row.store_code)).toEqual(['K03', 'K04']);
    const page = await loadStoreLifecycleContext(db, dialect, { from: FROM, to: TO, cohort: 'new', afterCode: 'K03', limit: 1 });
    expect(page.map((row) => row.store_code)).toEqual(['K04']);
  });
});

describe('GET /store-lifecycle-context', () => {
  it('pages through the same rows', async () => {
    const first = await expectStatus(server, 200, 'GET', `/store-lifecycle-context?from=${FROM}&to=${TO}&cohort=new&limit=1`, { token: admin });
    expect(first.body.data.map((row: { store_code: string }) => row.store_code)).toEqual(['K03']);
    const second = await expectStatus(server, 200, 'GET', `/store-lifecycle-context?from=${FROM}&to=${TO}&cohort=new&limit=1&cursor=${first.body.next_cursor}`, { token: admin });
    expect(second.body.data.map((row: { store_code: string }) => row.store_code)).toEqual(['K04']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('limits a store manager to its stores and rejects an empty period', async () => {
    const manager = await server.token('store_manager', ['K02']);
    const mine = await expectStatus(server, 200, 'GET', `/store-lifecycle-context?from=${FROM}&to=${TO}`, { token: manager });
    expect(mine.body.data.map((row: { store_code: string }) => row.store_code)).toEqual(['K02']);
    const empty = await expectStatus(server, 422, 'GET', `/store-lifecycle-context?from=${TO}&to=${FROM}`, { token: admin });
    expect(empty.body.code).toBe('lifecycle_period_invalid');
  });

  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
