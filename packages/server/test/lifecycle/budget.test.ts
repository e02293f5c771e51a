import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { expectStatus, ZH } from './support.js';

let server: TestServer;
let admin: string;
let finance: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  finance = await server.token('finance');
  await expectStatus(server, 201, 'POST', '/stores', { token: admin, body: { code: 'P001', name: '前滩店', lifecycle_stage: 'construction' } });
  await expectStatus(server, 201, 'POST', '/suppliers', { token: admin, body: { code: 'S-FIT', name: '上海某装饰工程有限公司' } });
});
afterAll(() => server.close());

describe('construction budget', () => {
  it('starts empty at version 0', async () => {
    const budget = await expectStatus(server, 200, 'GET', '/stores/P001/construction-budget', { token: finance });
    expect(budget.body).toEqual({ store_code: 'P001', lines: [], total_fen: 0, version: 0, updated_at: null });
    expect(budget.headers.get('etag')).toBe('"0"');
  });

  it('is replaced as a whole, versioned and audited', async () => {
    const lines = [
      { category: 'fit_out', amount_fen: 45_000_000, note: '含水电' },
      { category: 'equipment', amount_fen: 28_000_000 },
      { category: 'licences', amount_fen: 500_000 },
    ];
    const put = await expectStatus(server, 200, 'PUT', '/stores/P001/construction-budget', { token: finance, body: { lines }, headers: { 'if-match': '"0"' } });
    expect(put.body).toMatchObject({ total_fen: 73_500_000, version: 1 });
    expect(put.body.lines[1]).toEqual({ category: 'equipment', amount_fen: 28_000_000, note: null });

    const stale = await expectStatus(server, 412, 'PUT', '/stores/P001/construction-budget', { token: finance, body: { lines: [] }, headers: { 'if-match': '"0"' } });
    expect(stale.body.code).toBe('precondition_failed');

    const history = await expectStatus(server, 200, 'GET', '/history/store/P001?limit=1', { token: admin });
    expect(history.body.data[0]).toMatchObject({ action: 'construction_budget', actor: 'test-finance' });
    expect(history.body.data[0].changes[0].before).toBeNull();
  });

  it('rejects a category listed twice', async () => {
    const reply = await expectStatus(server, 422, 'PUT', '/stores/P001/construction-budget', {
      token: finance,
      body: { lines: [{ category: 'design', amount_fen: 1 }, { category: 'design', amount_fen: 2 }] },
    });
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'body.lines[1].category', code: 'duplicate_category' })]);
  });
});

describe('actual costs', () => {
  it('records costs with references, once per reference', async () => {
    const first = await expectStatus(server, 201, 'POST', '/stores/P001/construction-costs', {
      token: finance,
      body: { category: 'fit_out', amount_fen: 30_000_000, incurred_on: '2025-03-02', reference: 'FP-0001', supplier_code: 'S-FIT' },
    });
    expect(first.body).toMatchObject({ category: 'fit_out', amount_fen: 30_000_000, reference: 'FP-0001', supplier_code: 'S-FIT', actor: 'test-finance' });

    const again = await expectStatus(server, 409, 'POST', '/stores/P001/construction-costs', {
      token: finance,
      body: { category: 'fit_out', amount_fen: 30_000_000, incurred_on: '2025-03-02', reference: 'FP-0001' },
      headers: ZH,
    });
    expect(again.body.code).toBe('cost_reference_taken');
    expect(again.body.detail).toContain(`记录 ${first.body.id}`);
  });

  it('rejects a zero amount and an unknown supplier together', async () => {
    const reply = await expectStatus(server, 422, 'POST', '/stores/P001/construction-costs', {
      token: finance,
      body: { category: 'equipment', amount_fen: 0, incurred_on: '2025-03-05', supplier_code: 'NOPE' },
    });
    expect(reply.body.errors.map((e: { code: string }) => e.code)).toEqual(['amount_zero', 'reference_not_found']);
  });

  it('compares budget and actual per category, credit notes included', async () => {
    const costs = [
      { category: 'fit_out', amount_fen: 18_500_000, incurred_on: '2025-04-10', reference: 'FP-0002' },
      { category: 'fit_out', amount_fen: -500_000, incurred_on: '2025-04-20', reference: 'HC-0001', note: '红字发票' },
      { category: 'equipment', amount_fen: 27_999_999, incurred_on: '2025-04-01', reference: 'FP-0100' },
      { category: 'signage', amount_fen: 1_200_000, incurred_on: '2025-04-15' },
    ];
    for (const body of costs) await expectStatus(server, 201, 'POST', '/stores/P001/construction-costs', { token: finance, body });

    const report = await expectStatus(server, 200, 'GET', '/stores/P001/construction-budget/report', { token: finance });
    expect(report.body.lines).toEqual([
      { category: 'fit_out', budget_fen: 45_000_000, actual_fen: 48_000_000, variance_fen: 3_000_000, used_percent: 106.7, over_budget: true },
      { category: 'equipment', budget_fen: 28_000_000, actual_fen: 27_999_999, variance_fen: -1, used_percent: 100, over_budget: false },
      { category: 'signage', budget_fen: 0, actual_fen: 1_200_000, variance_fen: 1_200_000, used_percent: null, over_budget: true },
      { category: 'licences', budget_fen: 500_000, actual_fen: 0, variance_fen: -500_000, used_percent: 0, over_budget: false },
    ].sort((a, b) => ['fit_out', 'equipment', 'furniture', 'signage', 'licences'].indexOf(a.category) - ['fit_out', 'equipment', 'furniture', 'signage', 'licences'].indexOf(b.category)));
    expect(report.body.total).toEqual({ category: null, budget_fen: 73_500_000, actual_fen: 77_199_999, variance_fen: 3_699_999, used_percent: 105, over_budget: true });
    expect(report.body).toMatchObject({ stage: 'construction', cost_entries: 5, first_cost_on: '2025-03-02', last_cost_on: '2025-04-20' });
  });

  it('lists costs oldest first across pages and by category', async () => {
    const page = await expectStatus(server, 200, 'GET', '/stores/P001/construction-costs?limit=3', { token: finance });
    expect(page.body.data.map((c: { reference: string | null }) => c.reference)).toEqual(['FP-0001', 'FP-0002', 'HC-0001']);
    const rest = await expectStatus(server, 200, 'GET', `/stores/P001/construction-costs?limit=3&cursor=${page.body.next_cursor}`, { token: finance });
    expect(rest.body.data.map((c: { reference: string | null }) => c.reference)).toEqual(['FP-0100', null]);
    const fitOut = await expectStatus(server, 200, 'GET', '/stores/P001/construction-costs?category=fit_out', { token: finance });
    expect(fitOut.body.data).toHaveLength(3);
  });

  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
