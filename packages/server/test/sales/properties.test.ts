import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohApiError, createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { balancesOf, seedCafe, stockOf } from './support.js';

// Random streams of receipts, orders, refunds, write-offs and counts, each at a store of its
// own, checked against the ledger's and the stock's invariants after every stream.
// BOH_PROPERTY_RUNS sets the number of streams (25 by default) for a longer search.

type OrderInput = components['schemas']['OrderInput'];

let server: TestServer;
let boh: BohClient;
let run = 0;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await seedCafe(boh);
});
afterAll(async () => {
  await boh.close();
  expect(server.violations).toEqual([]);
  await server.close();
});

const ITEMS = ['BEANS', 'MILK', 'CUP', 'SUGAR', 'WATER'] as const;
const INVENTORY_ACCOUNTS = ['1403', '1405', '1411'];

const lineArbitrary = fc.record({
  code: fc.constantFrom('LATTE', 'VANILLA', 'WATER'),
  quantity: fc.constantFrom(0.5, 1, 1.25, 2, 3),
  price: fc.integer({ min: 1, max: 5000 }),
  discountShare: fc.integer({ min: 0, max: 100 }),
});
const orderArbitrary = fc.record({
  lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 3 }),
  orderDiscountShare: fc.integer({ min: 0, max: 30 }),
  split: fc.boolean(),
  channel: fc.constantFrom('dine_in', 'takeaway', 'delivery_meituan', 'mini_program'),
});
const eventArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('receipt' as const), item: fc.constantFrom(...ITEMS), quantity: fc.integer({ min: 1, max: 5000 }), value: fc.integer({ min: 0, max: 60_000 }) }),
  fc.record({ kind: fc.constant('order' as const), order: orderArbitrary }),
  fc.record({ kind: fc.constant('sold_and_refunded' as const), order: orderArbitrary, inParts: fc.boolean() }),
  fc.record({ kind: fc.constant('refund' as const), target: fc.nat(), byAmount: fc.boolean(), share: fc.integer({ min: 1, max: 100 }), returnStock: fc.boolean() }),
  fc.record({ kind: fc.constant('waste' as const), item: fc.constantFrom(...ITEMS), quantity: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('count' as const), item: fc.constantFrom(...ITEMS), quantity: fc.integer({ min: 0, max: 3000 }) }),
);
type StreamEvent = typeof eventArbitrary extends fc.Arbitrary<infer T> ? T : never;
type OrderShape = typeof orderArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Build the order's input with payments that add up to what the server will compute. */
function buildOrder(store: string, number: string, at: string, shape: OrderShape): OrderInput {
  const lines = shape.lines.map((line) => {
    const gross = Math.round(line.price * line.quantity);
    const discount = Math.floor((gross * line.discountShare) / 200);
    const base = line.code === 'WATER' ? { item_code: 'WATER' } : { menu_item_code: line.code };
    return { input: { ...base, quantity: line.quantity, unit_price_fen: line.price, discount_fen: discount }, net: gross - discount };
  });
  const net = lines.reduce((sum, line) => sum + line.net, 0);
  const orderDiscount = Math.floor((net * shape.orderDiscountShare) / 100);
  const due = net - orderDiscount;
  const storedValue = shape.split ? Math.floor(due / 3) : 0;
  const payments = [
    ...(storedValue > 0 ? [{ method: 'stored_value' as const, amount_fen: storedValue }] : []),
    ...(due - storedValue > 0 ? [{ method: 'wechat' as const, amount_fen: due - storedValue }] : []),
  ];
  return { store_code: store, order_number: number, channel: shape.channel, ordered_at: at, discount_fen: orderDiscount, lines: lines.map((l) => l.input), payments };
}

/** Stock (a balance of nothing worth nothing counts as no balance) and the books of a store. */
async function snapshot(store: string) {
  const stock = Object.entries(await stockOf(boh, store)).filter(([, [quantity, value]]) => quantity !== 0 || value !== 0);
  return { stock: Object.fromEntries(stock), books: await balancesOf(boh, store) };
}

/** Refund part of an order: half of its first open line, or a share of what is left of its money. */
async function refundPart(store: string, number: string, refundNumber: string, at: string, byAmount: boolean, share: number, returnStock: boolean): Promise<void> {
  const order = await boh.orders.get(store, number);
  const left = order.net_fen - order.refunded_fen;
  if (byAmount) {
    const amount = Math.floor((left * share) / 100);
    if (amount > 0) await boh.orders.refund(store, number, { refund_number: refundNumber, refunded_at: at, amount_fen: amount, return_stock: returnStock });
    return;
  }
  const line = order.lines.find((l) => l.quantity > l.refunded_quantity);
  if (!line) return;
  const open = Math.round((line.quantity - line.refunded_quantity) * 1e6);
  const quantity = Math.max(1, Math.floor((open * share) / 100)) / 1e6;
  await boh.orders.refund(store, number, { refund_number: refundNumber, refunded_at: at, lines: [{ line_number: line.line_number, quantity }], return_stock: returnStock });
}

async function playStream(store: string, events: StreamEvent[]): Promise<void> {
  const orders: string[] = [];
  let minute = 0;
  const at = () => new Date(Date.UTC(2024, 0, 2, 1, 0) + 7 * 60_000 * minute++).toISOString();

  for (const [index, event] of events.entries()) {
    switch (event.kind) {
      case 'receipt':
        await boh.stock.postDocument({ kind: 'receipt', store_code: store, occurred_at: at(), lines: [{ item_code: event.item, quantity: event.quantity, value_fen: event.value }] });
        break;
      case 'waste':
        await boh.stock.postDocument({ kind: 'waste', store_code: store, occurred_at: at(), lines: [{ item_code: event.item, quantity: event.quantity }] });
        break;
      case 'count': {
        const count = await boh.stock.counts.create({ store_code: store, count_date: at().slice(0, 10), item_codes: [event.item], lines: [{ item_code: event.item, quantity: event.quantity }] });
        await boh.stock.counts.post(count.id);
        break;
      }
      case 'order': {
        const number = `O${index}`;
        await boh.orders.post(buildOrder(store, number, at(), event.order));
        orders.push(number);
        break;
      }
      case 'refund': {
        if (orders.length === 0) break;
        const number = orders[event.target % orders.length]!;
        await refundPart(store, number, `F${index}`, at(), event.byAmount, event.share, event.returnStock).catch((error: unknown) => {
          if (!(error instanceof BohApiError && error.code === 'nothing_to_refund')) throw error;
        });
        break;
      }
      case 'sold_and_refunded': {
        const before = await snapshot(store);
        const number = `O${index}`;
        await boh.orders.post(buildOrder(store, number, at(), event.order));
        if (event.inParts) {
          await refundPart(store, number, `F${index}a`, at(), false, 50, true);
          await refundPart(store, number, `F${index}b`, at(), true, 40, true);
        }
        const order = await boh.orders.get(store, number);
        if (order.status !== 'refunded' || order.lines.some((l) => l.refunded_quantity < l.quantity)) {
          await boh.orders.refund(store, number, { refund_number: `F${index}z`, refunded_at: at() });
        }
        // Refunding an order in full, straight after it, leaves stock and books as they were.
        expect(await snapshot(store)).toEqual(before);
        break;
      }
    }
  }
}

async function checkInvariants(store: string): Promise<void> {
  // Every journal entry balances.
  for await (const entry of boh.ledger.entries.list({ store_code: store, limit: 500 })) {
    const debit = entry.lines.reduce((sum, line) => sum + line.debit_fen, 0);
    const credit = entry.lines.reduce((sum, line) => sum + line.credit_fen, 0);
    expect(debit, `entry ${entry.id}`).toBe(credit);
    expect(entry.total_fen).toBe(debit);
  }

  // The trial balance sums to zero.
  const trial = await boh.ledger.trialBalance({ period_from: '2024-01', period_to: '2024-12', store_code: store });
  expect(trial.balanced).toBe(true);
  expect(trial.rows.filter((r) => r.is_leaf).reduce((sum, r) => sum + r.closing_debit_fen - r.closing_credit_fen, 0)).toBe(0);

  // Stock equals the sum of its movements, and is worth nothing when there is none.
  const sums: Record<string, [number, number]> = {};
  for await (const movement of boh.stock.movements({ store_code: store, limit: 500 })) {
    const sum = (sums[movement.item_code] ??= [0, 0]);
    sum[0] = Math.round((sum[0] + movement.quantity) * 1e6) / 1e6;
    sum[1] += movement.value_fen;
  }
  const stock = await stockOf(boh, store);
  expect(stock).toEqual(sums);
  for (const [quantity, value] of Object.values(stock)) if (quantity === 0) expect(value).toBe(0);

  // The inventory accounts hold exactly the value of the stock.
  const books = await balancesOf(boh, store);
  const inLedger = INVENTORY_ACCOUNTS.reduce((sum, account) => sum + (books[account] ?? 0), 0);
  expect(inLedger).toBe(Object.values(stock).reduce((sum, [, value]) => sum + value, 0));
}

describe('random order streams', () => {
  it('keep the books balanced and stock equal to its movements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArbitrary, { minLength: 1, maxLength: 12 }), async (events) => {
        const store = `P${++run}`;
        await boh.stores.create({ code: store, name: `随机门店${run}` });
        await playStream(store, events);
        await checkInvariants(store);
      }),
      { numRuns: Number(process.env.BOH_PROPERTY_RUNS ?? 25) },
    );
  }, 600_000);
});
