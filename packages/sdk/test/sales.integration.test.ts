import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let boh: BohClient;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.items.create({ code: 'WATER', name: '矿泉水', kind: 'merchandise', base_unit: '瓶', tax_category: 'goods' });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

const water = (number: string, bottles: number): components['schemas']['OrderInput'] => ({
  store_code: '0001',
  order_number: number,
  channel: 'takeaway',
  ordered_at: '2024-03-01T04:00:00Z',
  lines: [{ item_code: 'WATER', quantity: bottles, unit_price_fen: 300 }],
  payments: [{ method: 'alipay', amount_fen: 300 * bottles }],
});

describe('orders.postBatch', () => {
  it('splits the orders into requests and keeps their indexes', async () => {
    const orders = [1, 2, 3, 4, 5].map((n) => water(`W-${n}`, n));
    orders[3] = { ...orders[3]!, payments: [] };
    const progress: number[] = [];
    const summary = await boh.orders.postBatch(orders, {
      batchSize: 2,
      refunds: [{ store_code: '0001', order_number: 'W-5', refund_number: 'WR-5', refunded_at: '2024-03-01T05:00:00Z' }],
      onBatch: ({ done }) => progress.push(done),
    });
    expect(progress).toEqual([2, 4, 5, 6]);
    expect(summary).toMatchObject({ posted: 5, duplicates: 0, rejected: 1, conflicts: 0 });
    expect(summary.batchIds).toHaveLength(4);
    expect(summary.orders.map((o) => [o.index, o.order_number, o.outcome])).toEqual([
      [0, 'W-1', 'posted'],
      [1, 'W-2', 'posted'],
      [2, 'W-3', 'posted'],
      [3, 'W-4', 'rejected'],
      [4, 'W-5', 'posted'],
    ]);
    expect(summary.orders[3]!.errors![0]).toMatchObject({ field: 'orders[3].payments', message: expect.stringMatching(/^orders\[3\]\.payments: /) });
    expect(summary.refunds).toEqual([expect.objectContaining({ index: 0, refund_number: 'WR-5', outcome: 'posted' })]);
  });

  it('posts nothing twice when run again', async () => {
    const summary = await boh.orders.postBatch([1, 2, 3].map((n) => water(`W-${n}`, n)), { batchSize: 10 });
    expect(summary).toMatchObject({ posted: 0, duplicates: 3, batchIds: [] });
  });
});
