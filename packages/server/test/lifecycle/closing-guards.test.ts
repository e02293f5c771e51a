// Closing a store is held back by the stock it still holds and by its open repair tickets, read
// from the inventory and ticket tables themselves, and allowed once both are cleared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { expectStatus, tickAll, walk, ZH } from './support.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  for (const code of ['C001', 'C002']) {
    await expectStatus(server, 201, 'POST', '/stores', { token: admin, body: { code, name: `门店${code}`, city: '上海', opened_on: '2020-01-01', latitude: 31.22, longitude: 121.44 } });
  }
  await expectStatus(server, 201, 'POST', '/items', { token: admin, body: { code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g', standard_cost_fen: 20 } });
  await expectStatus(server, 201, 'POST', '/stock/movements', {
    token: admin,
    body: { kind: 'receipt', store_code: 'C001', occurred_at: '2024-05-02T02:00:00Z', lines: [{ item_code: 'BEANS', quantity: 1000, value_fen: 20_000 }] },
  });
});
afterAll(() => server.close());

const close = (headers: Record<string, string> = {}) => send409('/stores/C001/transitions', { to_stage: 'closed' }, headers);
const send409 = (path: string, body: unknown, headers: Record<string, string>) => expectStatus(server, 409, 'POST', path, { token: admin, body, headers });

describe('closing guards of stock and tickets', () => {
  let ticket: string;

  it('names the items still in stock and the open tickets, and what to do with them', async () => {
    ticket = (await expectStatus(server, 201, 'POST', '/tickets', { token: admin, body: { store_code: 'C001', category: 'refrigeration', title: '冰箱不制冷' } })).body.code;
    await walk(server, admin, 'C001', ['closing']);
    await tickAll(server, admin, 'C001');

    const english = await close();
    expect(english.body.code).toBe('closing_blocked');
    expect(english.body.params.remaining).toEqual([
      { guard: 'open_repair_tickets', remaining: [ticket] },
      { guard: 'stock_on_hand', remaining: ['BEANS'] },
    ]);
    expect(english.body.detail).toContain(`repair tickets not closed; resolve and close them, or cancel them (\`boh ticket transition <code> resolved|closed|cancelled\`) (1): ${ticket}`);
    expect(english.body.detail).toContain('items with stock on hand; transfer them out (`boh stock transfer`)');
    const chinese = await close(ZH);
    expect(chinese.body.detail).toContain('仍有库存的物料；请调出（`boh stock transfer`）');
    expect(chinese.body.detail).toContain('未关闭的维修工单；请解决并关闭，或取消');
  });

  it('lets the store close once the stock is transferred out and the ticket cancelled', async () => {
    await expectStatus(server, 200, 'POST', `/tickets/${ticket}/transitions`, { token: admin, body: { to: 'cancelled', note: '闭店' } });
    const still = await close();
    expect(still.body.params.remaining).toEqual([{ guard: 'stock_on_hand', remaining: ['BEANS'] }]);

    await expectStatus(server, 201, 'POST', '/stock/movements', {
      token: admin,
      body: { kind: 'transfer', store_code: 'C001', to_store_code: 'C002', occurred_at: '2024-05-03T02:00:00Z', lines: [{ item_code: 'BEANS', quantity: 1000 }] },
    });
    await expectStatus(server, 201, 'POST', '/stores/C001/transitions', { token: admin, body: { to_stage: 'closed' } });
  });
});
