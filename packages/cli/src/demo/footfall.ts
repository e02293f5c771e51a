import { daysOfMonth } from './calendar.js';
import type { DemoChain } from './chain.js';
import { countOrdersByStoreDay } from './labour-hours.js';
import type { DemoOrder } from './orders.js';
import { Random } from './random.js';

const HEADER = ['门店编码', '营业日', '客流'];

/**
 * Write a month of each store's whole-day visitor counts (客流) as a CSV file for
 * `boh import footfall`. Each store converts a steady share of its visitors into orders (30 to
 * 55 %), with a few percent of noise a day, as a door counter would record.
 */
export function footfallCsv(chain: DemoChain, orders: readonly DemoOrder[], period: string, seed: number): string {
  const random = new Random(seed ^ 0x7f4a7c15);
  const ordersPerDay = countOrdersByStoreDay(orders);
  const rows = [HEADER.join(',')];

  for (const store of chain.stores) {
    const conversion = 0.3 + random.next() * 0.25;
    for (const date of daysOfMonth(period)) {
      const orderCount = ordersPerDay.get(`${store.code}/${date}`) ?? 0;
      const noise = 0.95 + random.next() * 0.1;
      rows.push([store.code, date, String(Math.round((orderCount / conversion) * noise))].join(','));
    }
  }
  return `\ufeff${rows.join('\r\n')}\r\n`;
}
