import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { ZH, messageOf } from './support/master-data.js';

// Messages name the expected JSON type or format in the reader's language, so a Chinese message
// reads 整数 and 日期 instead of the schema's "integer" and "date".

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
});
afterAll(() => server.close());

const item = { code: 'TYPE-CHECK', name: '类型检查', kind: 'raw_material', base_unit: 'g', standard_cost_fen: '12.50' };

describe('type and format messages', () => {
  it('name a wrong type in Chinese', async () => {
    const reply = await send(server.url, 'POST', '/items', { token: admin, body: item, headers: ZH });
    expect(reply.status).toBe(422);
    expect(messageOf(reply, 'body.standard_cost_fen')).toBe('body.standard_cost_fen: 类型应为 整数或空值（null），实际为 文本 "12.50"');
  });

  it('name a wrong type in English', async () => {
    const reply = await send(server.url, 'POST', '/items', { token: admin, body: item });
    expect(messageOf(reply, 'body.standard_cost_fen')).toBe('body.standard_cost_fen: must be a whole number or null; got text "12.50"');
  });

  it('name every allowed type of a nullable field', async () => {
    const reply = await send(server.url, 'POST', '/items', { token: admin, body: { ...item, standard_cost_fen: 1250, spec: 5 }, headers: ZH });
    expect(messageOf(reply, 'body.spec')).toBe('body.spec: 类型应为 文本或空值（null），实际为 整数 5');
  });

  it('name a wrong type in an order batch', async () => {
    const order = {
      store_code: 'S1',
      order_number: 'T-1',
      channel: 'dine_in',
      ordered_at: '2026-11-05T04:00:00Z',
      lines: [{ item_code: 'TYPE-CHECK', quantity: 1, unit_price_fen: '12.5' }],
      payments: [{ method: 'cash', amount_fen: 1250 }],
    };
    const reply = await send(server.url, 'POST', '/orders/batch', { token: admin, body: { orders: [order] }, headers: ZH });
    expect(reply.status).toBe(200);
    const message = reply.body.orders[0].errors.find((error: { field: string }) => error.field === 'orders[0].lines[0].unit_price_fen')?.message;
    expect(message).toBe('orders[0].lines[0].unit_price_fen: 类型应为 整数，实际为 文本 "12.5"');
  });

  it('name a wrong date in Chinese', async () => {
    const reply = await send(server.url, 'GET', '/stock/movements?from=2026%2F11%2F01', { token: admin, headers: ZH });
    expect(reply.status).toBe(422);
    expect(messageOf(reply, 'query.from')).toBe('query.from: "2026/11/01" 不是有效的 日期（YYYY-MM-DD，例如 2026-11-01）');
  });

  it('name a wrong date in English', async () => {
    const reply = await send(server.url, 'GET', '/stock/movements?from=2026-11-31', { token: admin });
    expect(messageOf(reply, 'query.from')).toBe('query.from: "2026-11-31" is not a valid date (YYYY-MM-DD, such as 2026-11-01)');
  });
});
