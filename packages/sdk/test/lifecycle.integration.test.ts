import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, BohNotFoundError, BohPermissionError, createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let boh: BohClient;
let ops: BohClient;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  ops = createClient({ baseUrl: server.url, token: await server.token('ops'), language: 'zh-CN' });
  await boh.stores.create({ code: 'L001', name: '陆家嘴店', lifecycle_stage: 'construction' });
});
afterAll(async () => {
  await boh.close();
  await ops.close();
  await server.close();
});

describe('boh.lifecycle', () => {
  it('raises typed errors carrying the open items', async () => {
    const refused = await ops.lifecycle.transition('L001', { to_stage: 'pre_opening' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BohConflictError);
    expect((refused as BohConflictError).code).toBe('checklist_incomplete');
    expect((refused as BohConflictError).message).toContain('必办事项未完成');

    const override = await ops.lifecycle.transition('L001', { to_stage: 'pre_opening', override_reason: '赶工期' }).catch((error: unknown) => error);
    expect(override).toBeInstanceOf(BohPermissionError);
    expect((override as BohPermissionError).code).toBe('override_not_allowed');
  });

  it('ticks items with If-Match and moves the store once they are done', async () => {
    const checklist = await ops.lifecycle.checklist('L001');
    for (const item of checklist.items.filter((entry) => entry.mandatory)) {
      await ops.lifecycle.tick('L001', item.key, { done: true, evidence_ref: `EV-${item.key}` }, { ifVersion: item.version });
    }
    const { transition, store } = await ops.lifecycle.transition('L001', { to_stage: 'pre_opening', note: '证照齐全' }, { ifVersion: 1 });
    expect(transition).toMatchObject({ from_stage: 'construction', to_stage: 'pre_opening', overridden: false, note: '证照齐全' });
    expect(store.lifecycle_stage).toBe('pre_opening');

    const stages = await boh.lifecycle.stages('L001').toArray({ max: 10 });
    expect(stages.map((stay) => stay.stage)).toEqual(['construction', 'pre_opening']);
    const moves = await boh.lifecycle.transitions('L001').toArray({ max: 10 });
    expect(moves).toHaveLength(1);
  });

  it('runs a batch as a dry run first', async () => {
    const report = await boh.lifecycle.transitionMany({ dry_run: true, rows: [{ store_code: 'L001', to_stage: 'operating', override_reason: '试营业提前' }] });
    expect(report).toMatchObject({ applied: false, counts: { valid: 1, rejected: 0, applied: 0 } });
    expect((await boh.stores.get('L001')).lifecycle_stage).toBe('pre_opening');
  });

  it('keeps a budget and compares it with costs', async () => {
    const budget = await boh.lifecycle.setBudget('L001', { lines: [{ category: 'fit_out', amount_fen: 10_000_000 }] }, { ifVersion: 0 });
    expect(budget.version).toBe(1);
    await boh.lifecycle.addCost('L001', { category: 'fit_out', amount_fen: 6_000_000, incurred_on: '2025-05-01', reference: 'FP-1' });
    await boh.lifecycle.addCost('L001', { category: 'fit_out', amount_fen: 5_000_000, incurred_on: '2025-05-20', reference: 'FP-2' });
    const duplicate = await boh.lifecycle.addCost('L001', { category: 'fit_out', amount_fen: 5_000_000, incurred_on: '2025-05-20', reference: 'FP-2' }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(BohConflictError);

    const report = await boh.lifecycle.budgetReport('L001');
    expect(report.total).toMatchObject({ budget_fen: 10_000_000, actual_fen: 11_000_000, variance_fen: 1_000_000, used_percent: 110, over_budget: true });
    expect(await boh.lifecycle.costs('L001').toArray({ max: 10 })).toHaveLength(2);
  });

  it('lists the lifecycle context of stores for a period', async () => {
    await boh.stores.create({ code: 'L002', name: '老店', opened_on: '2015-01-01' });
    const rows = await boh.lifecycle.context({ from: '2025-01-01', to: '2025-01-31' }).toArray({ max: 10 });
    expect(rows.map((row) => [row.store_code, row.cohort])).toEqual([['L001', 'not_open'], ['L002', 'comparable']]);
  });
});

describe('boh.sites', () => {
  it('adds candidates and reads their attributes', async () => {
    const site = await boh.sites.create({ code: 'SITE-1', name: '候选一', area_m2: 80, latitude: 31.23, longitude: 121.47, footfall_daily: 12_000 });
    expect(site.store.lifecycle_stage).toBe('site_selection');
    expect(site.attributes).toMatchObject({ footfall_daily: 12_000, rent_fen_per_m2_month: null });
    const updated = await boh.sites.setAttributes('SITE-1', { footfall_daily: 15_000, rent_fen_per_m2_month: 40_000 }, { ifVersion: 1 });
    expect(updated.version).toBe(2);
    expect((await boh.sites.list().toArray({ max: 10 })).map((entry) => entry.store.code)).toEqual(['SITE-1']);
    await expect(boh.sites.attributes('L002')).rejects.toBeInstanceOf(BohNotFoundError);
  });

  it('explains why the model cannot be fitted without sales', async () => {
    const error = await boh.sites.score().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BohConflictError);
    expect((error as BohConflictError).code).toBe('site_model_not_enough_stores');
  });
});
