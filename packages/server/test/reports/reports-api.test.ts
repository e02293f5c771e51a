import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { FORMULA_STORE_NAME, seedChain } from './support.js';
import { readRawSheets } from './render/support/xlsx-inspect.js';

type Run = components['schemas']['ReportRun'];

let server: TestServer;
let boh: BohClient;
let january: Run;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'en' });
  await seedChain(boh);
  january = await boh.reports.run({ report: 'store-performance', period: '2024-01' });
}, 60_000);
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

function section(run: Run, key: string) {
  const found = run.sections.find((s) => s.key === key);
  if (!found) throw new Error(`run ${run.report} has no section ${key}`);
  return found;
}

function byStore(run: Run, key = 'by_store'): Map<string, Record<string, string | number | null>> {
  return new Map(section(run, key).rows.map((row) => [String(row.store_code), row]));
}

/** Sales, revenue and orders per store for January 2024, from the order and refund rows. */
async function januaryFromDetail(): Promise<Map<string, { sales: number; revenue: number; orders: number }>> {
  const db = server.database.db;
  const orders = await db.selectFrom('orders').selectAll().where('business_date', '>=', '2024-01-01').where('business_date', '<=', '2024-01-31').execute();
  const refunds = await db.selectFrom('refunds').selectAll().where('business_date', '>=', '2024-01-01').where('business_date', '<=', '2024-01-31').execute();
  const totals = new Map<string, { sales: number; revenue: number; orders: number }>();
  const of = (store: string) => totals.get(store) ?? totals.set(store, { sales: 0, revenue: 0, orders: 0 }).get(store)!;
  for (const order of orders) {
    const total = of(order.store_code);
    total.sales += Number(order.net_fen);
    total.revenue += Number(order.net_fen) - Number(order.tax_fen);
    total.orders += 1;
  }
  for (const refund of refunds) {
    const total = of(refund.store_code);
    total.sales -= Number(refund.amount_fen);
    total.revenue -= Number(refund.amount_fen) - Number(refund.tax_fen);
  }
  return totals;
}

describe('store performance', () => {
  it('matches the order and refund rows', async () => {
    const detail = await januaryFromDetail();
    const rows = byStore(january);
    expect([...rows.keys()].sort()).toEqual([...detail.keys()].sort());
    for (const [store, want] of detail) {
      expect(rows.get(store)).toMatchObject({ sales_fen: want.sales, revenue_fen: want.revenue, orders: want.orders });
      expect(rows.get(store)!.average_ticket_fen).toBe(Math.round(want.sales / want.orders));
    }
    expect(section(january, 'by_store').totals).toMatchObject({
      sales_fen: [...detail.values()].reduce((sum, t) => sum + t.sales, 0),
      orders: [...detail.values()].reduce((sum, t) => sum + t.orders, 0),
    });
  });

  it('gives sales per m², labour hour and visitor only where the data exists', () => {
    const rows = byStore(january);
    const first = rows.get('0001')!;
    expect(first.sales_per_m2_fen).toBe(Math.round((first.sales_fen as number) / 120));
    expect(first.labour_hours).toBe(36.5);
    expect(first.sales_per_labour_hour_fen).toBe(Math.round((first.sales_fen as number) / 36.5));
    expect(first.visitors).toBe(75);
    expect(first.conversion_rate).toBe((first.orders as number) / 75);
    expect(rows.get('0002')!.visitors).toBe(20);
    expect(rows.get('0002')!.labour_hours).toBeNull();
    expect(rows.get('0002')!.sales_per_labour_hour_fen).toBeNull();
    expect(rows.get('0003')!.area_m2).toBeNull();
    expect(rows.get('0003')!.sales_per_m2_fen).toBeNull();
    expect(rows.get('0003')!.visitors).toBeNull();
  });

  it('adds up to the same sales in every breakdown', () => {
    const total = section(january, 'by_store').totals!.sales_fen;
    for (const key of ['by_date', 'by_hour', 'by_weekday', 'by_channel']) expect(section(january, key).totals!.sales_fen).toBe(total);
    expect(section(january, 'by_payment_method').totals!.collected_fen).toBe(total);
  });

  it('lists the top items by sales', () => {
    const top = section(january, 'top_items').rows;
    expect(top.map((row) => row.item_code)).toEqual(['LATTE', 'VANILLA', 'WATER']);
    // Six lattes sold in January, less one refunded from A-1 and two from a December order.
    expect(top[0]).toMatchObject({ item_name: '拿铁', quantity: 4 });
    expect(section(january, 'bottom_items').rows.map((row) => row.item_code)).toEqual(['WATER', 'VANILLA', 'LATTE']);
  });

  it('says which data is missing instead of printing zero', async () => {
    const february = await boh.reports.run({ report: 'store-performance', period: '2024-02' });
    expect(february.missing_data.map((item) => item.source).sort()).toEqual(['footfall', 'labour_hours']);
    expect(february.missing_data.find((item) => item.source === 'labour_hours')!.measures).toEqual(['labour_hours']);
    expect(february.notes[0]).toMatchObject({ severity: 'warning' });
    const rows = byStore(february);
    expect(rows.get('0001')!.sales_per_labour_hour_fen).toBeNull();
    expect(rows.get('0001')!.conversion_rate).toBeNull();
    expect(january.missing_data).toEqual([]);
  });

  it('compares with the previous period', async () => {
    const february = await boh.reports.run({ report: 'store-performance', period: '2024-02', compare: 'previous_period' });
    expect(february.compared_period).toEqual({ period: '2024-01', from: '2024-01-01', to: '2024-01-31' });
    const now = byStore(february);
    const before = byStore(january);
    for (const [store, row] of now) {
      const previous = before.get(store)!.sales_fen as number;
      expect(row.sales_fen_previous).toBe(previous);
      expect(row.sales_fen_change).toBe(previous === 0 ? null : ((row.sales_fen as number) - previous) / Math.abs(previous));
    }
    expect(section(february, 'by_store').totals!.sales_fen_previous).toBe(section(january, 'by_store').totals!.sales_fen);
  });

  it('filters by region, brand and store', async () => {
    const stores = async (params: Partial<components['schemas']['ReportRunCreate']>) =>
      [...byStore(await boh.reports.run({ report: 'store-performance', period: '2024-01', ...params })).keys()].sort();
    expect(await stores({ region_code: 'EAST' })).toEqual(['0001', '0002']);
    expect(await stores({ brand: 'Leaf' })).toEqual(['0003']);
    expect(await stores({ store_code: '0002' })).toEqual(['0002']);
  });
});

describe('figures in two reports', () => {
  it('revenue in the P&L equals revenue in store performance', async () => {
    const pnl = byStore(await boh.reports.run({ report: 'store-pnl', period: '2024-01' }));
    for (const [store, row] of byStore(january)) expect(pnl.get(store)!.revenue_fen).toBe(row.revenue_fen);
  });

  it('P&L chain totals equal the trial balance', async () => {
    const pnl = await boh.reports.run({ report: 'store-pnl', period: '2024-01' });
    const trial = await boh.ledger.trialBalance({ period_from: '2024-01' });
    const turnover = (code: string) => {
      const row = trial.rows.find((r) => r.account_code === code);
      return row ? row.debit_fen - row.credit_fen : 0;
    };
    const totals = section(pnl, 'by_store').totals!;
    expect(totals.revenue_fen).toBe(-(turnover('5001') + turnover('5051')));
    expect(totals.cogs_fen).toBe(turnover('5401') + turnover('5402'));
    expect(totals.labour_fen).toBe(turnover('5601.01'));
    expect(totals.rent_fen).toBe(turnover('5601.02'));
    expect(totals.other_expenses_fen).toBe(turnover('5403') + turnover('5601') + turnover('5602') + turnover('5603') + turnover('5711') - turnover('5601.01') - turnover('5601.02'));
    const profitAccounts = ['5001', '5051', '5111', '5301', '5401', '5402', '5403', '5601', '5602', '5603', '5711'];
    expect(totals.profit_before_tax_fen).toBe(-profitAccounts.reduce((sum, code) => sum + turnover(code), 0));
    expect(totals.profit_before_tax_fen).toBe((totals.revenue_fen as number) - (totals.cogs_fen as number) - (totals.labour_fen as number) - (totals.rent_fen as number) - (totals.other_expenses_fen as number));
    // Head-office costs have no store and get a row of their own.
    expect(byStore(pnl).get('')!.other_expenses_fen).toBe(30_000);
  });

  it('cash balances equal the trial balance', async () => {
    const cash = await boh.reports.run({ report: 'cash', period: '2024-01' });
    const trial = await boh.ledger.trialBalance({ period_from: '2023-01', period_to: '2024-01' });
    const closing = (code: string) => {
      const row = trial.rows.find((r) => r.account_code === code);
      return row ? row.closing_debit_fen - row.closing_credit_fen : 0;
    };
    const totals = section(cash, 'balances').totals!;
    expect(totals.cash_fen).toBe(closing('1001'));
    expect(totals.bank_fen).toBe(closing('1002'));
    expect(totals.platform_balance_fen).toBe(closing('1012'));
    expect(totals.in_transit_fen).toBe(closing('1122'));
    expect(totals.bank_fen).toBe(-1_030_000);
  });

  it('COGS in inventory equals the COGS of stock in the ledger', async () => {
    const inventory = await boh.reports.run({ report: 'inventory', period: '2024-01' });
    const rows = byStore(inventory);
    // 500 ml of milk received at 1.5 fen/ml.
    expect(rows.get('0001')!.waste_fen).toBe(750);
    const balances = await server.database.db.selectFrom('stock_balances').selectAll().execute();
    const valueOf = (store: string) => balances.filter((b) => b.store_code === store).reduce((sum, b) => sum + Number(b.value_fen), 0);
    const february = byStore(await boh.reports.run({ report: 'inventory', period: '2024-02' }));
    for (const store of ['0001', '0002', '0003']) expect(february.get(store)!.on_hand_value_fen).toBe(valueOf(store));
  });
});

describe('other reports', () => {
  it('labour cost by role', async () => {
    const run = await boh.reports.run({ report: 'labour-cost', period: '2024-01' });
    expect(section(run, 'by_role').rows).toEqual([
      { role: 'barista', hours: 28.5, cost_fen: 85_500, cost_per_hour_fen: 3000 },
      { role: 'manager', hours: 8, cost_fen: 40_000, cost_per_hour_fen: 5000 },
    ]);
  });

  it('procurement trend says purchasing is missing', async () => {
    const run = await boh.reports.run({ report: 'procurement-trend', period: '2024-01' });
    expect(run.missing_data.map((item) => item.source)).toEqual(['purchases']);
    expect(run.row_counts).toEqual({ by_item_supplier: 0 });
  });

  it('maintenance counts tickets of the period', async () => {
    await boh.tickets.create({ store_code: '0001', kind: 'failure', category: 'coffee_machine', priority: 'high', title: '咖啡机漏水', reported_at: '2024-01-08T02:00:00Z' });
    const run = await boh.reports.run({ report: 'maintenance', period: '2024-01' });
    expect(byStore(run).get('0001')).toMatchObject({ tickets: 1 });
  });
});

describe('report runs', () => {
  it('are recorded and read again', async () => {
    const again = await boh.reports.getRun(january.id);
    expect(again).toEqual(january);
    expect(january.generated_by).toBe('test-admin');
    expect(january.row_counts.by_store).toBe(3);
  });

  it('render every format with a deterministic name', async () => {
    const response = await fetch(`${server.url}/report-runs/${january.id}/output?format=xlsx`, { headers: { authorization: `Bearer ${await server.token('admin')}` } });
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''store-performance-2024-01.xlsx");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    expect(Object.keys(zip.files)).toContain('xl/workbook.xml');

    const html = new TextDecoder().decode(await boh.reports.output(january.id, 'html'));
    expect(html).toContain('<svg');
    expect(html).toContain('Store performance');
    const json = JSON.parse(new TextDecoder().decode(await boh.reports.output(january.id, 'json')));
    expect(json.sections.map((s: { key: string }) => s.key)).toEqual(january.sections.map((s) => s.key));
  });

  it('guard formula text in CSV while negative sales stay numbers', async () => {
    const csv = new TextDecoder().decode(await boh.reports.output(january.id, 'csv', { section: 'by_store' }));
    const line = csv.split('\r\n').find((l) => l.startsWith('0003,'))!;
    const sales = byStore(january).get('0003')!.sales_fen as number;
    expect(sales).toBeLessThan(0);
    expect(line).toContain(`"'${FORMULA_STORE_NAME.replaceAll('"', '""')}"`);
    expect(line.split(',')).toContain((sales / 100).toFixed(2));
  });

  it('show channels and payment methods by their names in the reader\'s language', async () => {
    expect(section(january, 'by_channel').rows.map((row) => row.channel)).toContain('delivery_meituan');
    const english = new TextDecoder().decode(await boh.reports.output(january.id, 'csv', { section: 'by_channel' }));
    expect(english).toContain('Meituan delivery');
    expect(english).not.toContain('delivery_meituan');

    const chinese = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    try {
      const channels = new TextDecoder().decode(await chinese.reports.output(january.id, 'csv', { section: 'by_channel' }));
      expect(channels).toContain('美团外卖');
      expect(channels).toContain('外带');
      const methods = new TextDecoder().decode(await chinese.reports.output(january.id, 'csv', { section: 'by_payment_method' }));
      expect(methods).toContain('平台结算');
      expect(methods).not.toMatch(/\bplatform\b/);
    } finally {
      await chinese.close();
    }
  });

  it('keep business dates and formula text exact in XLSX', async () => {
    const sheets = readRawSheets(Buffer.from(await boh.reports.output(january.id, 'xlsx')));
    for (const [name, cells] of sheets) expect([...cells.values()].filter((cell) => cell.hasFormula), name).toEqual([]);

    // B-2 was paid at 23:50 Shanghai time on 31 January: a whole-day serial, whatever TZ the server runs in.
    const days = [...sheets.get('By day')!].filter(([address]) => /^A\d+$/.test(address)).map(([, cell]) => cell.value);
    expect(days).toContain('45322');
    expect(days.filter((value) => value !== undefined && /^\d+\.\d+$/.test(value))).toEqual([]);

    const byStore = [...sheets.get('By store')!.values()];
    expect(byStore.find((cell) => cell.value === FORMULA_STORE_NAME)?.type).toMatch(/^(str|inlineStr|s)$/);
    const sales = negativeSales(january);
    expect(byStore.some((cell) => cell.type === undefined && Number(cell.value) === sales / 100)).toBe(true);
  });

  it('reject an unknown report and section', async () => {
    await expect(boh.reports.run({ report: 'no-such-report', period: '2024-01' })).rejects.toMatchObject({ status: 422 });
    await expect(boh.reports.output(january.id, 'csv', { section: 'nope' })).rejects.toMatchObject({ status: 422 });
    await expect(boh.reports.getRun('rpt_0000000000000000')).rejects.toMatchObject({ status: 404 });
  });

  it('keep a store manager to their stores', async () => {
    const manager = createClient({ baseUrl: server.url, token: await server.token('store_manager', ['0002']) });
    await expect(manager.reports.run({ report: 'store-performance', period: '2024-01' })).rejects.toMatchObject({ status: 403 });
    const own = await manager.reports.run({ report: 'store-performance', period: '2024-01', store_code: '0002' });
    expect([...byStore(own).keys()]).toEqual(['0002']);
    await expect(manager.reports.getRun(january.id)).rejects.toMatchObject({ status: 403 });
    await manager.close();
  });
});

function negativeSales(run: Run): number {
  return byStore(run).get('0003')!.sales_fen as number;
}

describe('footfall counts', () => {
  it('reject a mix of whole-day and hourly counts', async () => {
    await expect(boh.reports.recordFootfall([{ store_code: '0001', business_date: '2024-01-05', hour: 10, visitors: 3 }])).rejects.toMatchObject({ status: 422 });
    await expect(boh.reports.recordFootfall([{ store_code: 'NOPE', business_date: '2024-01-05', visitors: 3 }])).rejects.toMatchObject({ status: 422 });
  });

  it('name the stored kind of count in Chinese', async () => {
    const response = await fetch(`${server.url}/footfall-counts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token('admin')}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ counts: [{ store_code: '0001', business_date: '2024-01-05', hour: 10, visitors: 3 }] }),
    });
    expect(response.status).toBe(422);
    const body = JSON.stringify(await response.json());
    expect(body).toContain('门店“0001”在 2024-01-05 已有全天客流数据');
    expect(body).not.toContain('whole-day');
  });

  it('replace an earlier count', async () => {
    await boh.reports.recordFootfall([{ store_code: '0003', business_date: '2024-02-01', visitors: 10 }]);
    await boh.reports.recordFootfall([{ store_code: '0003', business_date: '2024-02-01', visitors: 12 }]);
    const rows = await server.database.db.selectFrom('footfall_counts').selectAll().where('store_code', '=', '0003').execute();
    expect(rows.map((r) => Number(r.visitors))).toEqual([12]);
  });
});
