// The site model learns from the sales summaries that posting orders writes: orders and a
// refund go through POST /orders/batch, and the stores' monthly sales come out of
// `sales_daily_summary` as the orders add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStorePerformance } from '@boh/server';
import { send } from '../../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../../test-support/server.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  for (const code of ['S1', 'S2']) await send(server.url, 'POST', '/stores', { token: admin, body: { code, name: `门店${code}` } });
  await send(server.url, 'POST', '/items', { token: admin, body: { code: 'WATER', name: '矿泉水', kind: 'merchandise', base_unit: '瓶', tax_category: 'goods' } });
});
afterAll(() => server.close());

/** One order a day at noon Shanghai time: `bottles` bottles of water at 3 yuan. */
function dailyOrders(store: string, from: string, days: number, bottles: number) {
  const start = Date.parse(`${from}T04:00:00Z`);
  return Array.from({ length: days }, (_, i) => ({
    store_code: store,
    order_number: `${store}-${i + 1}`,
    channel: 'dine_in',
    ordered_at: new Date(start + i * 86_400_000).toISOString(),
    lines: [{ item_code: 'WATER', quantity: bottles, unit_price_fen: 300 }],
    payments: [{ method: 'cash', amount_fen: bottles * 300 }],
  }));
}

describe('the site model over posted sales', () => {
  it('reads monthly sales, net of refunds, from the orders posted', async () => {
    const orders = [...dailyOrders('S1', '2025-01-01', 22, 10), ...dailyOrders('S2', '2025-01-05', 12, 4)];
    const refunds = [{ store_code: 'S1', order_number: 'S1-3', refund_number: 'R-1', refunded_at: '2025-01-03T06:00:00Z' }];
    const posted = await send(server.url, 'POST', '/orders/batch', { token: admin, body: { orders, refunds } });
    expect(posted.status).toBe(200);
    // 34 orders and the refund.
    expect(posted.body).toMatchObject({ posted: 35, rejected: 0 });

    const performance = await loadStorePerformance(server.database.db, { from: '2025-01-01', to: '2025-01-31' });
    // S1 traded on 22 days: 22 orders of 3 000 fen, less the refunded one. S2's 12 days are too few to count.
    expect(performance).toEqual([
      { store_code: 'S1', months_with_sales: 1, months_counted: 1, sales_fen: 21 * 3000, monthly_sales_fen: 21 * 3000 },
      { store_code: 'S2', months_with_sales: 1, months_counted: 0, sales_fen: 0, monthly_sales_fen: 0 },
    ]);
  });
});
