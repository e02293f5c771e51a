import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStorePerformance } from '@boh/server';
import { startTestServer, type TestServer } from '../../../../../test-support/server.js';
import { insertDailySales, type DailySales } from './sales-summary.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function days(store: string, from: string, count: number, channel: string, net: number, refund = 0): DailySales[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    store_code: store,
    business_date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    channel,
    net_fen: net,
    refund_fen: refund,
  }));
}

describe('loadStorePerformance', () => {
  it('returns nothing for a window without sales', async () => {
    expect(await loadStorePerformance(server.database.db, { from: '2025-01-01', to: '2025-12-31' })).toEqual([]);
  });

  it('sums net minus refund over channels and counts only months with enough trading days', async () => {
      await insertDailySales(server, [
      // A: every day of January and February on two channels, one refund in February.
      ...days('A', '2025-01-01', 31, 'dine_in', 100_000),
      ...days('A', '2025-01-01', 31, 'delivery_meituan', 20_000),
      ...days('A', '2025-02-01', 28, 'dine_in', 100_000),
      { store_code: 'A', business_date: '2025-02-14', channel: 'delivery_meituan', net_fen: 50_000, refund_fen: 8_000 },
      // B: opened on 20 January (12 days), then all of February.
      ...days('B', '2025-01-20', 12, 'dine_in', 70_000),
      ...days('B', '2025-02-01', 28, 'dine_in', 80_000),
      // Outside the window.
      ...days('A', '2024-12-01', 31, 'dine_in', 999_999),
    ]);

    const result = await loadStorePerformance(server.database.db, { from: '2025-01-01', to: '2025-02-28' });
    expect(result).toEqual([
      {
        store_code: 'A',
        months_with_sales: 2,
        months_counted: 2,
        sales_fen: 31 * 120_000 + 28 * 100_000 + 42_000,
        monthly_sales_fen: (31 * 120_000 + 28 * 100_000 + 42_000) / 2,
      },
      { store_code: 'B', months_with_sales: 2, months_counted: 1, sales_fen: 28 * 80_000, monthly_sales_fen: 28 * 80_000 },
    ]);

    const lenient = await loadStorePerformance(server.database.db, { from: '2025-01-01', to: '2025-02-28', minDaysPerMonth: 10 });
    expect(lenient.find((row) => row.store_code === 'B')).toMatchObject({ months_counted: 2, monthly_sales_fen: (12 * 70_000 + 28 * 80_000) / 2 });
  });
});
