// A seeded generator of a café chain's master data and orders for the sales benchmark. The same
// seed always gives the same chain and the same orders, so posting and plain inserting see
// exactly the same lines.

/** mulberry32: a small, fast PRNG with 32-bit state, good enough for test data. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ['dine_in', 'dine_in', 'dine_in', 'takeaway', 'takeaway', 'delivery_meituan', 'delivery_eleme', 'mini_program'];
const METHODS = ['wechat', 'wechat', 'wechat', 'alipay', 'alipay', 'unionpay', 'cash', 'stored_value'];
const KINDS = ['raw_material', 'raw_material', 'raw_material', 'packaging', 'merchandise'];
const UNITS = ['g', 'ml', '个'];

/**
 * Generate the chain: `stores` stores, `items` items, `menuItems` menu items whose recipes take 3 to 6
 * items, and `subRecipes` sub-recipes used by every fifth menu item.
 */
export function generateChain({ seed = 20240101, stores = 20, items = 300, menuItems = 200, subRecipes = 10 } = {}) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const now = new Date().toISOString();
  const record = { active: true, version: 1, created_at: now, updated_at: now };

  const storeRows = Array.from({ length: stores }, (_, i) => ({
    ...record,
    code: `S${String(i + 1).padStart(3, '0')}`,
    name: `门店${i + 1}`,
    timezone: 'Asia/Shanghai',
    day_end_cutoff: i % 4 === 0 ? '04:00' : '00:00',
    lifecycle_stage: 'operating',
  }));
  const itemRows = Array.from({ length: items }, (_, i) => {
    const unit = pick(UNITS);
    return { ...record, code: `I${String(i + 1).padStart(4, '0')}`, name: `物料${i + 1}`, kind: pick(KINDS), base_unit: unit, pack_units: '[]', cost_unit: unit, tax_category: 'goods', standard_cost_fen: 1 + Math.floor(next() * 20) };
  });

  const menuRows = [];
  const components = [];
  const addRecipe = (code, count, sub) => {
    const used = new Set();
    for (let position = 0; position < count; position++) {
      let item = pick(itemRows).code;
      while (used.has(item)) item = pick(itemRows).code;
      used.add(item);
      const quantity = 1 + Math.floor(next() * 200);
      components.push({ menu_item_code: code, position, component_type: 'item', component_code: item, quantity, unit: null, base_quantity: quantity, loss_rate: next() < 0.3 ? 0.05 : 0 });
    }
    if (sub) components.push({ menu_item_code: code, position: count, component_type: 'menu_item', component_code: sub, quantity: 1, unit: null, base_quantity: 1, loss_rate: 0 });
  };
  for (let i = 0; i < subRecipes; i++) {
    const code = `SUB${i + 1}`;
    menuRows.push({ ...record, code, name: `子配方${i + 1}`, price_fen: null, sellable: false, tax_category: 'catering_service', recipe_yield: 10 });
    addRecipe(code, 3, null);
  }
  for (let i = 0; i < menuItems; i++) {
    const code = `M${String(i + 1).padStart(4, '0')}`;
    menuRows.push({ ...record, code, name: `菜品${i + 1}`, price_fen: 800 + Math.floor(next() * 6000), sellable: true, tax_category: 'catering_service', recipe_yield: 1 });
    addRecipe(code, 3 + Math.floor(next() * 4), i % 5 === 0 ? `SUB${1 + (i % subRecipes)}` : null);
  }
  return { stores: storeRows, items: itemRows, menuItems: menuRows.filter((m) => m.sellable), allMenuItems: menuRows, components };
}

/**
 * Yield batches of orders, in the API's shape, until `lines` order lines have been made: one to
 * four lines each, a tenth with a discount, a fifth paid in two payments, spread over January
 * 2024 across the stores.
 */
export function* generateOrders(chain, { seed = 7, lines = 1_000_000, batchSize = 2000 } = {}) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  // Orders arrive in time order, as POS exports and imports deliver them: about 13,000 a day
  // across the chain for a million lines in January.
  const start = Date.parse('2023-12-31T16:00:00Z');
  const span = 31 * 24 * 3600 * 1000;
  const step = span / (lines / 2.5);
  let made = 0;
  let number = 0;
  let batch = [];

  while (made < lines) {
    const store = pick(chain.stores).code;
    const count = Math.min(1 + Math.floor(next() * 4), lines - made);
    const orderLines = [];
    let net = 0;
    for (let i = 0; i < count; i++) {
      const menuItem = pick(chain.menuItems);
      const quantity = next() < 0.85 ? 1 : 2;
      const discount = next() < 0.1 ? 100 : 0;
      orderLines.push({ menu_item_code: menuItem.code, quantity, unit_price_fen: menuItem.price_fen, ...(discount ? { discount_fen: discount } : {}) });
      net += menuItem.price_fen * quantity - discount;
    }
    made += count;
    number += 1;
    const channel = pick(CHANNELS);
    const method = channel.startsWith('delivery') ? 'platform' : pick(METHODS);
    const split = method !== 'platform' && next() < 0.2 ? Math.floor(net / 2) : 0;
    batch.push({
      store_code: store,
      order_number: `B${String(number).padStart(8, '0')}`,
      channel,
      ordered_at: new Date(start + Math.min(span - 1, Math.floor(number * step))).toISOString(),
      guests: channel === 'dine_in' ? 1 + Math.floor(next() * 4) : 0,
      lines: orderLines,
      payments: split > 0 ? [{ method: 'stored_value', amount_fen: split }, { method, amount_fen: net - split }] : [{ method, amount_fen: net }],
    });
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The header of the POS export that `posExportRows` writes, in Chinese as many POS systems write it. */
export const POS_EXPORT_HEADER = ['订单号', '门店编码', '下单时间', '渠道', '就餐人数', '支付方式', '实收', '第二支付方式', '第二支付金额', '菜品编码', '数量', '单价', '优惠'];

/** Yuan text of fen: 3250 → 32.50. */
function yuan(fen) {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Shanghai wall-clock time of an instant: 2024-01-05 12:30:00. */
function shanghai(iso) {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Yield the orders of `generateOrders` as the rows of a POS export, as arrays of text: one row per
 * order line, the order's columns repeated on each, amounts in yuan.
 */
export function* posExportRows(chain, lines) {
  for (const batch of generateOrders(chain, { lines, batchSize: 2000 })) {
    for (const order of batch) {
      const [first, second] = order.payments;
      const head = [order.order_number, order.store_code, shanghai(order.ordered_at), order.channel, order.guests, first.method, yuan(first.amount_fen), second?.method ?? '', second ? yuan(second.amount_fen) : ''];
      for (const line of order.lines) yield [...head, line.menu_item_code, line.quantity, yuan(line.unit_price_fen), yuan(line.discount_fen ?? 0)];
    }
  }
}
