// The pairs matched inside the database must come out as the engine gives them. Two servers get
// the same orders and statement, and one runs with the pass turned off. Every item and the
// summary must agree, apart from the item ids.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { fixedOffsetMinutes } from '../../src/time/business-date.js';
import { anOrder, receiveStock, seedCafe } from '../sales/support.js';

type OrderInput = components['schemas']['OrderInput'];
type LineInput = components['schemas']['StatementLineInput'];
type Item = components['schemas']['ReconciliationItem'];

const SWITCH = 'BOH_RECONCILE_PAIRS_IN_DATABASE';
const HOUR = 3_600_000;

/** Convert Shanghai wall-clock time to a UTC instant. With `ms` the text keeps the milliseconds. */
function shanghai(day: string, time: string, ms = false): string {
  const text = new Date(Date.parse(`${day}T${time}Z`) - 8 * HOUR).toISOString();
  return ms ? text : text.replace('.000Z', 'Z');
}

interface Case {
  orders: OrderInput[];
  refunds: { store: string; order: string; refund: Parameters<BohClient['orders']['refund']>[2] }[];
  lines: LineInput[];
}

/** Build orders and statement lines with a fault of each kind the matching finds, in a fixed order. */
function buildCase(): Case {
  const orders: OrderInput[] = [];
  const refunds: Case['refunds'] = [];
  const lines: LineInput[] = [];
  const addLine = (at: string | null, gross: number, ids: Partial<LineInput>, fee = gross * 6, extra: Partial<LineInput> = {}) => {
    const n = lines.length + 1;
    lines.push({
      line: n, fingerprint: `wechat:${n}`, occurred_at: at, business_date: at === null ? '2024-01-20' : null, kind: 'payment', flow: 'in',
      gross_fen: gross, refund_fen: 0, fee_milli_fen: fee, net_milli_fen: gross * 1000 - fee, ...ids, ...extra,
    });
  };
  const addOrder = (store: string, number: string, at: string, quantity: number, txn: string | null) => {
    const latte = { menu_item_code: 'LATTE', quantity, unit_price_fen: 3200 };
    orders.push(anOrder(store, number, at, [latte], { payments: [{ method: 'wechat', amount_fen: 3200 * quantity, transaction_id: txn ?? undefined, merchant_order_number: `M${number}` }] }));
    return 3200 * quantity;
  };

  for (let i = 0; i < 96; i++) {
    const store = i % 3 === 0 ? '0002' : '0001';
    const day = `2024-01-${String(1 + (i % 30)).padStart(2, '0')}`;
    const time = `${String(9 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:10`;
    const at = shanghai(day, time, i % 2 === 1);
    const txn = `4200${String(i).padStart(6, '0')}`;
    const amount = addOrder(store, `N${i}`, at, 1 + (i % 3), txn);
    const ids = { transaction_id: txn, merchant_order_number: `MN${i}` };
    switch (i % 12) {
      case 4: addLine(at, amount + 1, ids); break; // within the tolerance
      case 5: addLine(at, amount + 500, ids); break; // amount mismatch
      case 6: addLine(at, amount, ids, amount * 60); break; // a fee off the usual rate
      case 7: addLine(at, amount, ids); addLine(at, amount, ids); break; // the line twice
      case 8: addOrder(store, `D${i}`, at, 1 + (i % 3), txn); addLine(at, amount, ids); break; // two payments, one id
      case 9: addLine(null, amount, ids); break; // a line with a date only
      case 10: addLine(shanghai(day, '23:59:59'), amount, ids); break; // a line late the same day or the next
      case 11:
        addLine(at, amount, ids);
        refunds.push({ store, order: `N${i}`, refund: { refund_number: `R${i}`, refunded_at: shanghai(day, '22:00:00'), amount_fen: 1000, payments: [{ sequence: 1, amount_fen: 1000, transaction_id: `50R${i}` }] } });
        addLine(shanghai(day, '22:00:01'), 0, { transaction_id: txn, refund_id: `50R${i}` }, 0, { kind: 'refund', flow: 'out', refund_fen: 1000, net_milli_fen: -1_000_000 });
        break;
      default: addLine(shanghai(day, time.slice(0, 6) + '12', i % 4 === 0), amount, ids);
    }
  }
  // Across midnight at the end of the month, and both sides outside the period.
  const late = addOrder('0002', 'X1', shanghai('2024-01-31', '23:59:58'), 1, '4299000001');
  addLine(shanghai('2024-02-01', '00:00:03'), late, { transaction_id: '4299000001' });
  const early = addOrder('0002', 'X2', shanghai('2023-12-31', '12:00:00'), 1, '4299000002');
  addLine(shanghai('2023-12-31', '12:00:01'), early, { transaction_id: '4299000002' });
  // A line in the statement whose id the POS does not know, and a payment without a line.
  addLine(shanghai('2024-01-15', '10:00:00'), 3200, { transaction_id: '4299000003' });
  addOrder('0001', 'X4', shanghai('2024-01-16', '10:00:00'), 2, '4299000004');
  return { orders, refunds, lines };
}

async function seed(server: TestServer, data: Case): Promise<{ boh: BohClient; statementId: string }> {
  const boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await seedCafe(boh);
  await receiveStock(boh, '0001', '2023-12-01T01:00:00Z');
  await receiveStock(boh, '0002', '2023-12-01T01:00:00Z');
  const summary = await boh.orders.postBatch(data.orders);
  expect(summary.rejected).toBe(0);
  expect(summary.posted).toBe(data.orders.length);
  for (const { store, order, refund } of data.refunds) await boh.orders.refund(store, order, refund);

  const sum = (field: 'gross_fen' | 'refund_fen' | 'fee_milli_fen' | 'net_milli_fen') => data.lines.reduce((total, line) => total + line[field], 0);
  const statement = await boh.statements.load({
    statement: {
      channel: 'wechat', layout: 'wechat-merchant-trade', file_name: 'wechat-2024-01.csv', file_sha256: 'c'.repeat(64), period: '2024-01',
      merchant_id: '1900000001', line_count: data.lines.length,
      totals: { gross_fen: sum('gross_fen'), refund_fen: sum('refund_fen'), fee_milli_fen: sum('fee_milli_fen'), net_milli_fen: sum('net_milli_fen') },
    },
    lines: data.lines,
  });
  return { boh, statementId: statement.id };
}

async function run(boh: BohClient, statementId: string, inDatabase: boolean): Promise<{ summary: unknown; items: Item[] }> {
  if (inDatabase) delete process.env[SWITCH];
  else process.env[SWITCH] = '0';
  try {
    const reconciliation = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [statementId], tolerance_fen: 2 });
    const items: Item[] = [];
    // Statement ids are random: name the statement the same on both servers.
    for await (const item of boh.reconciliations.items(reconciliation.id)) items.push(JSON.parse(JSON.stringify(item).replaceAll(statementId, 'statement')) as Item);
    return { summary: reconciliation.summary, items };
  } finally {
    delete process.env[SWITCH];
  }
}

const refsOf = (item: Item) => `${item.pos.refs.join(' ')}|${item.statement.refs.join(' ')}`;
const withoutId = ({ id: _id, ...rest }: Item) => rest;

describe('pairing in the database', () => {
  const data = buildCase();
  let engineServer: TestServer;
  let pairServer: TestServer;
  let engine: { summary: unknown; items: Item[] };
  let paired: { summary: unknown; items: Item[] };

  beforeAll(async () => {
    engineServer = await startTestServer();
    pairServer = await startTestServer();
    const a = await seed(engineServer, data);
    const b = await seed(pairServer, data);
    engine = await run(a.boh, a.statementId, false);
    paired = await run(b.boh, b.statementId, true);
    await a.boh.close();
    await b.boh.close();
  });
  afterAll(async () => {
    for (const server of [engineServer, pairServer]) {
      expect(server.violations).toEqual([]);
      await server.close();
    }
  });

  it('gives the engine\'s items', () => {
    const byRefs = (items: Item[]) => new Map(items.map((item) => [refsOf(item), withoutId(item)]));
    expect(paired.items.length).toBe(engine.items.length);
    expect(byRefs(paired.items)).toEqual(byRefs(engine.items));
    expect(paired.summary).toEqual(engine.summary);
  });

  it('covers each kind of outcome', () => {
    const reasons = new Set(engine.items.map((item) => item.reason));
    for (const reason of ['same_amount', 'within_tolerance', 'amount_differs', 'fee_differs', 'crosses_day', 'duplicate_line', 'no_line', 'no_pos']) {
      expect(reasons).toContain(reason);
    }
  });

  it('numbers the pairs first', () => {
    const ids = (items: Item[]) => new Map(items.map((item) => [refsOf(item), item.id]));
    expect(ids(paired.items)).not.toEqual(ids(engine.items));
    expect(paired.items.map((item) => item.id).sort((a, b) => a - b)).toEqual(paired.items.map((_, index) => index + 1));
  });
});

describe('fixedOffsetMinutes', () => {
  it('finds fixed offsets only', () => {
    const january = [Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-02-01T00:00:00Z')] as const;
    const march = [Date.parse('2024-03-01T00:00:00Z'), Date.parse('2024-04-01T00:00:00Z')] as const;
    expect(fixedOffsetMinutes('Asia/Shanghai', ...march)).toBe(480);
    expect(fixedOffsetMinutes('America/New_York', ...january)).toBe(-300);
    expect(fixedOffsetMinutes('America/New_York', ...march)).toBeNull();
    expect(fixedOffsetMinutes('Asia/Kolkata', ...january)).toBe(330);
  });
});
