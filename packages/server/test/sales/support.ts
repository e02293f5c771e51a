import type { BohClient, components } from '@boh/sdk';

type OrderInput = components['schemas']['OrderInput'];

/**
 * A small café chain: store 0001 closes its business day at 04:00, store 0002 at midnight.
 * Latte takes 18 g beans, 200 ml milk with 5 % loss and a cup. Vanilla latte also takes two
 * portions (with 20 % loss) of a house syrup, of which a batch of 500 g sugar makes 20 portions.
 */
export async function seedCafe(boh: BohClient): Promise<void> {
  await boh.stores.create({ code: '0001', name: '静安寺店', day_end_cutoff: '04:00' });
  await boh.stores.create({ code: '0002', name: '徐家汇店' });

  await boh.items.create({ code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }, { unit: '箱', factor: 12000 }] });
  await boh.items.create({ code: 'MILK', name: '牛奶', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '盒', factor: 1000 }] });
  await boh.items.create({ code: 'CUP', name: '纸杯', kind: 'packaging', base_unit: '个', pack_units: [{ unit: '条', factor: 50 }] });
  await boh.items.create({ code: 'SUGAR', name: '白砂糖', kind: 'raw_material', base_unit: 'g' });
  await boh.items.create({ code: 'WATER', name: '矿泉水', kind: 'merchandise', base_unit: '瓶', tax_category: 'goods' });

  await boh.menuItems.create({
    code: 'LATTE',
    name: '拿铁',
    price_fen: 3200,
    components: [
      { component_type: 'item', code: 'BEANS', quantity: 18 },
      { component_type: 'item', code: 'MILK', quantity: 200, loss_rate: 0.05 },
      { component_type: 'item', code: 'CUP', quantity: 1 },
    ],
  });
  await boh.menuItems.create({ code: 'SYRUP', name: '香草糖浆', sellable: false, recipe_yield: 20, components: [{ component_type: 'item', code: 'SUGAR', quantity: 500 }] });
  await boh.menuItems.create({
    code: 'VANILLA',
    name: '香草拿铁',
    price_fen: 3600,
    components: [
      { component_type: 'item', code: 'BEANS', quantity: 18 },
      { component_type: 'item', code: 'MILK', quantity: 180 },
      { component_type: 'menu_item', code: 'SYRUP', quantity: 2, loss_rate: 0.2 },
      { component_type: 'item', code: 'CUP', quantity: 1 },
    ],
  });
}

/**
 * Receive opening stock at round unit costs: beans 12 fen/g, milk 1.5 fen/ml, cups 20 fen,
 * sugar 1 fen/g, water 150 fen a bottle.
 */
export async function receiveStock(boh: BohClient, storeCode: string, occurredAt = '2024-01-02T01:00:00Z'): Promise<void> {
  await boh.stock.postDocument({
    kind: 'receipt',
    store_code: storeCode,
    occurred_at: occurredAt,
    reference: `GR-${storeCode}-${occurredAt}`,
    lines: [
      { item_code: 'BEANS', quantity: 2, unit: '袋', value_fen: 24_000 },
      { item_code: 'MILK', quantity: 10, unit: '盒', value_fen: 15_000 },
      { item_code: 'CUP', quantity: 2, unit: '条', value_fen: 2_000 },
      { item_code: 'SUGAR', quantity: 1000, value_fen: 1_000 },
      { item_code: 'WATER', quantity: 24, value_fen: 3_600 },
    ],
  });
}

/** Build an order of `lines` paid in one payment of what they come to. */
export function anOrder(storeCode: string, orderNumber: string, orderedAt: string, lines: OrderInput['lines'], extra: Partial<OrderInput> = {}): OrderInput {
  const net = lines.reduce((sum, line) => sum + Math.round(line.unit_price_fen * line.quantity) - (line.discount_fen ?? 0), 0) - (extra.discount_fen ?? 0);
  return {
    store_code: storeCode,
    order_number: orderNumber,
    channel: 'dine_in',
    ordered_at: orderedAt,
    lines,
    payments: net > 0 ? [{ method: 'wechat', amount_fen: net, transaction_id: `42000${orderNumber}` }] : [],
    ...extra,
  };
}

/** Stock of a store by item: [quantity, value]. */
export async function stockOf(boh: BohClient, storeCode: string): Promise<Record<string, [number, number]>> {
  const result: Record<string, [number, number]> = {};
  for await (const balance of boh.stock.balances({ store_code: storeCode, limit: 500 })) result[balance.item_code] = [balance.quantity, balance.value_fen];
  return result;
}

/** Closing balance (debit − credit) of every leaf account, for one store or the chain. */
export async function balancesOf(boh: BohClient, storeCode?: string, periodTo = '2099-12'): Promise<Record<string, number>> {
  const trial = await boh.ledger.trialBalance({ period_from: periodTo, period_to: periodTo, ...(storeCode ? { store_code: storeCode } : {}) });
  const result: Record<string, number> = {};
  for (const row of trial.rows) {
    const net = row.closing_debit_fen - row.closing_credit_fen;
    if (row.is_leaf && net !== 0) result[row.account_code] = net;
  }
  return result;
}
