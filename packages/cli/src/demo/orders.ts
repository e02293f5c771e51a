import { daysOfMonth, chinaTimeToUtc, weekday } from './calendar.js';
import { MENU_WEIGHTS, type DemoChain } from './chain.js';
import { Random } from './random.js';

export type Channel = 'dine_in' | 'takeaway' | 'delivery_meituan' | 'mini_program';
export type PaymentMethod = 'wechat' | 'alipay' | 'unionpay' | 'cash' | 'stored_value' | 'platform';

export interface DemoPayment {
  method: PaymentMethod;
  amountFen: number;
  /** The channel's transaction id (微信订单号, 支付宝交易号); absent for cash and stored value. */
  transactionId?: string;
  /** The merchant order number sent to the channel (商户订单号). */
  merchantOrderNo: string;
  paidAt: string;
}

export interface DemoLine {
  menuItemCode: string;
  quantity: number;
  unitPriceFen: number;
  discountFen: number;
}

export interface DemoOrder {
  storeCode: string;
  orderNumber: string;
  /** UTC instant. */
  orderedAt: string;
  channel: Channel;
  guests: number;
  lines: DemoLine[];
  payments: DemoPayment[];
}

/** Orders per hour of the day (local time), before the store's daily volume is applied. */
const HOURLY: Readonly<Record<number, number>> = {
  7: 4, 8: 10, 9: 9, 10: 6, 11: 7, 12: 10, 13: 8, 14: 6, 15: 7, 16: 6, 17: 6, 18: 5, 19: 4, 20: 3, 21: 2,
};
const LATE_HOURS: Readonly<Record<number, number>> = { 22: 2, 23: 1.5, 0: 1, 1: 0.6 };

const CHANNELS: readonly (readonly [Channel, number])[] = [['dine_in', 45], ['takeaway', 25], ['delivery_meituan', 18], ['mini_program', 12]];
const METHODS: readonly (readonly [PaymentMethod, number])[] = [['wechat', 56], ['alipay', 30], ['unionpay', 5], ['cash', 3], ['stored_value', 6]];

/**
 * Generate a month of orders for every store: weekly and hourly patterns, baskets drawn from
 * the menu's popularity, coupons on some orders, delivery orders settled by the platform.
 */
export function generateOrders(chain: DemoChain, period: string, seed: number): DemoOrder[] {
  const random = new Random(seed ^ 0x5bd1e995);
  const prices = new Map(chain.menuItems.map((m) => [m.code, m.price_fen ?? 0]));
  const orders: DemoOrder[] = [];

  for (const store of chain.stores) {
    const traffic = chain.traffic[store.code]!;
    const hours = store.day_end_cutoff === '02:00' ? { ...HOURLY, ...LATE_HOURS } : HOURLY;
    const hourWeight = Object.values(hours).reduce((a, b) => a + b, 0);
    let sequence = 0;

    for (const date of daysOfMonth(period)) {
      const day = weekday(date);
      const factor = day === 0 || day === 6 ? traffic.weekendFactor : day === 5 ? 1.1 : 1;
      for (const [hourText, weight] of Object.entries(hours)) {
        const hour = Number(hourText);
        // Hours after midnight belong to the same business day but the next calendar date.
        const calendarDate = hour < 7 ? nextDate(date) : date;
        const count = random.poisson((traffic.weekdayOrders * factor * weight) / hourWeight);
        for (let i = 0; i < count; i++) {
          sequence++;
          const orderedAt = chinaTimeToUtc(calendarDate, hour, random.int(0, 59), random.int(0, 59));
          orders.push(makeOrder(random, store.code, sequence, calendarDate, orderedAt, prices));
        }
      }
    }
  }
  return orders.sort((a, b) => (a.orderedAt < b.orderedAt ? -1 : a.orderedAt > b.orderedAt ? 1 : a.orderNumber < b.orderNumber ? -1 : 1));
}

function makeOrder(random: Random, storeCode: string, sequence: number, date: string, orderedAt: string, prices: Map<string, number>): DemoOrder {
  const channel = random.weighted(CHANNELS);
  const lineCount = random.weighted([[1, 55], [2, 30], [3, 12], [4, 3]] as const);
  const lines: DemoLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const code = random.weighted(MENU_WEIGHTS);
    const existing = lines.find((line) => line.menuItemCode === code);
    if (existing) existing.quantity++;
    else lines.push({ menuItemCode: code, quantity: 1, unitPriceFen: prices.get(code)!, discountFen: 0 });
  }
  // One order in ten uses a coupon, taken off the first line.
  if (random.chance(0.1)) lines[0]!.discountFen = Math.min(lines[0]!.unitPriceFen, random.pick([300, 500, 800]));

  const orderNumber = `${storeCode}-${date.replace(/-/g, '')}-${String(sequence).padStart(5, '0')}`;
  const total = lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity - l.discountFen, 0);
  const method: PaymentMethod = channel === 'delivery_meituan' ? 'platform' : random.weighted(METHODS);
  const payment: DemoPayment = { method, amountFen: total, merchantOrderNo: orderNumber.replace(/-/g, ''), paidAt: orderedAt };
  if (method === 'wechat') payment.transactionId = `4200${date.replace(/-/g, '').slice(0, 8)}${random.digits(16)}`;
  if (method === 'alipay') payment.transactionId = `${date.replace(/-/g, '')}22001${random.digits(15)}`;
  if (method === 'unionpay') payment.transactionId = random.digits(20);
  if (method === 'platform') payment.transactionId = `MT${random.digits(18)}`;

  return {
    storeCode,
    orderNumber,
    orderedAt,
    channel,
    guests: channel === 'dine_in' ? random.weighted([[1, 50], [2, 35], [3, 10], [4, 5]] as const) : 0,
    lines,
    payments: [payment],
  };
}

function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
