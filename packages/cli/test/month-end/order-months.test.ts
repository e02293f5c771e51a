import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { OrderMonths } from '../../src/commands/month-end/order-months.js';

let server: TestServer;
let boh: BohClient;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await boh.stores.create({ code: 'LATE', name: '夜宵店', day_end_cutoff: '02:00' });
  await boh.stores.create({ code: 'UTC', name: 'London', timezone: 'Europe/London' });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('OrderMonths', () => {
  it('counts orders outside the period by business date', async () => {
    const months = await OrderMonths.forPeriod(boh, '2026-11');
    // 01:30 on 1 December in Shanghai is still 30 November with a 02:00 cut-off.
    months.add({ store_code: 'LATE', ordered_at: '2026-11-30T17:30:00Z' });
    // 02:30 on 1 December in Shanghai is past the cut-off.
    months.add({ store_code: 'LATE', ordered_at: '2026-11-30T18:30:00Z' });
    // 23:30 on 30 November in London is 1 December in Shanghai, but the store is in London.
    months.add({ store_code: 'UTC', ordered_at: '2026-11-30T23:30:00Z' });
    // A store the server does not know counts in Asia/Shanghai with no cut-off.
    months.add({ store_code: 'NOPE', ordered_at: '2026-10-31T15:59:59Z' });
    months.add({ store_code: 'LATE', ordered_at: 'not a time' });
    expect(months.result()).toEqual({ count: 2, months: ['2026-10', '2026-12'] });
  });
});
