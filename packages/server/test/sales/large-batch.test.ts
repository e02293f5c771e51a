import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { anOrder, receiveStock, seedCafe, stockOf } from './support.js';

// Batches larger than the few hundred orders the server writes at a time while it values the
// rest, so that orders, their journal entries and a rollback span several writes.

let server: TestServer;
let boh: BohClient;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  boh = createClient({ baseUrl: server.url, token: admin });
  await seedCafe(boh);
  await receiveStock(boh, '0001');
  await receiveStock(boh, '0002');
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

const latte = (quantity = 1) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200 });

/** 1,200 orders over two stores and three business dates, in time order. */
function manyOrders(prefix: string, day = 10) {
  return Array.from({ length: 1200 }, (_, index) => {
    const store = index % 2 === 0 ? '0001' : '0002';
    const date = `2024-02-${String(day + Math.floor(index / 400)).padStart(2, '0')}`;
    const time = `${String(2 + Math.floor((index % 400) / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00Z`;
    return anOrder(store, `${prefix}-${index}`, `${date}T${time}`, [latte(1 + (index % 3))]);
  });
}

describe('a batch of 1,200 orders', () => {
  it('refers each order to the entry of its store and date', async () => {
    const orders = manyOrders('L');
    const summary = await boh.orders.postBatch(orders, { batchSize: orders.length });
    expect(summary.posted).toBe(1200);

    const stored = await boh.orders.list({ from: '2024-02-01', to: '2024-02-29' }).toArray({ max: 5000 });
    const batch = stored.filter((order) => order.order_number.startsWith('L-'));
    expect(batch).toHaveLength(1200);

    const entries = new Map<number, { store: string | null; date: string; documents: number; debitFen: number }>();
    for (const id of new Set(batch.map((order) => order.journal_entry_id))) {
      expect(id).not.toBeNull();
      const entry = await boh.ledger.entries.get(id!);
      const debitFen = entry.lines.find((line) => line.account_code === '1012.01')?.debit_fen ?? 0;
      entries.set(id!, { store: entry.store_code ?? null, date: entry.entry_date, documents: entry.document_count, debitFen });
    }
    expect(entries.size).toBe(6);

    for (const order of batch) {
      const entry = entries.get(order.journal_entry_id!)!;
      expect(entry.store).toBe(order.store_code);
      expect(entry.date).toBe(order.business_date);
    }
    const documents = [...entries.values()].reduce((sum, entry) => sum + entry.documents, 0);
    expect(documents).toBe(1200);
    const paidFen = orders.reduce((sum, order) => sum + order.payments.reduce((total, payment) => total + payment.amount_fen, 0), 0);
    const debitFen = [...entries.values()].reduce((sum, entry) => sum + entry.debitFen, 0);
    expect(debitFen).toBe(paidFen);
  });

  it('writes nothing when atomic and the last order is bad', async () => {
    const orders = manyOrders('M', 20);
    orders[orders.length - 1] = { ...orders[orders.length - 1]!, payments: [] };
    const reply = await send(server.url, 'POST', '/orders/batch', { token: admin, body: { atomic: true, orders } });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('batch_rejected');

    const stored = await boh.orders.list({ from: '2024-02-01', to: '2024-02-29' }).toArray({ max: 5000 });
    expect(stored.filter((order) => order.order_number.startsWith('M-'))).toEqual([]);
    const trial = await boh.ledger.trialBalance({ period_from: '2024-02', period_to: '2024-02' });
    expect(trial.balanced).toBe(true);
  });
});

describe('an order whose entry nets to zero', () => {
  it('has no entry, and the next order gets a written one', async () => {
    // A store without stock: the free sugar is taken at a cost of zero, so nothing is booked.
    await boh.stores.create({ code: '0003', name: '新天地店' });
    const free = anOrder('0003', 'Z-1', '2024-03-05T03:00:00Z', [{ item_code: 'SUGAR', quantity: 1, unit_price_fen: 0 }]);
    const first = await boh.orders.post(free);
    expect(first.journal_entry_id).toBeNull();
    expect((await boh.orders.get('0003', 'Z-1')).journal_entry_id).toBeNull();

    const paid = await boh.orders.post(anOrder('0003', 'Z-2', '2024-03-05T04:00:00Z', [{ item_code: 'WATER', quantity: 1, unit_price_fen: 300 }]));
    expect(paid.journal_entry_id).not.toBeNull();
    const entry = await boh.ledger.entries.get(paid.journal_entry_id!);
    expect(entry.document_count).toBe(1);
  });
});

describe('two large batches at once', () => {
  it('post both stores in full', async () => {
    const stores = ['0001', '0002'];
    const before = await Promise.all(stores.map(async (store) => (await stockOf(boh, store)).BEANS![0]));
    const batches = stores.map((store, index) =>
      Array.from({ length: 600 }, (_, n) => anOrder(store, `W-${index}-${n}`, `2024-02-27T${String(2 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00Z`, [latte()])),
    );

    const summaries = await Promise.all(batches.map((orders) => boh.orders.postBatch(orders, { batchSize: orders.length })));
    expect(summaries.map((summary) => summary.posted)).toEqual([600, 600]);

    // 600 lattes of 18 g beans each per store, whichever batch ran first.
    const after = await Promise.all(stores.map(async (store) => (await stockOf(boh, store)).BEANS![0]));
    expect(after[0]).toBe(before[0]! - 600 * 18);
    expect(after[1]).toBe(before[1]! - 600 * 18);
    const trial = await boh.ledger.trialBalance({ period_from: '2024-02', period_to: '2024-02' });
    expect(trial.balanced).toBe(true);
  });
});

describe('a batch whose orders are all rejected', () => {
  it('leaves no batch and no rows behind', async () => {
    const before = await countRows();
    const orders = manyOrders('R', 25).map((order) => ({ ...order, payments: [] }));
    const summary = await boh.orders.postBatch(orders, { batchSize: orders.length });
    expect(summary.posted).toBe(0);
    expect(summary.rejected).toBe(1200);
    expect(await countRows()).toEqual(before);
  });
});

/** Row counts of the tables a posting writes. */
async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['posting_batches', 'orders', 'journal_entries', 'stock_movements'] as const) {
    const row = await server.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}
