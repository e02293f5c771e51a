import type { components } from '@boh/sdk';
import { chinaTimeToUtc } from './calendar.js';
import type { DemoChain } from './chain.js';
import type { DemoOrder } from './orders.js';

type StockDocumentInput = components['schemas']['StockDocumentInput'];
type Component = NonNullable<components['schemas']['MenuItemCreate']['components']>[number];

/** Opening stock covers the month's use with this much to spare, in percent. */
const SPARE_PERCENT = 25;

/**
 * Build one opening-balance document (期初) per store, dated the first of the month before opening, with enough of
 * every item its recipes use that month plus a margin, valued at standard cost. Without it the
 * month's sales would drive stock below zero.
 */
export function openingStock(chain: DemoChain, orders: readonly DemoOrder[], period: string): StockDocumentInput[] {
  const recipes = new Map(chain.menuItems.map((menuItem) => [menuItem.code, menuItem]));
  const usage = new Map<string, Map<string, number>>();

  for (const order of orders) {
    const store = usage.get(order.storeCode) ?? new Map<string, number>();
    usage.set(order.storeCode, store);
    for (const line of order.lines) addUse(store, recipes, line.menuItemCode, line.quantity);
  }

  const items = new Map(chain.items.map((item) => [item.code, item]));
  // 03:00 on the first: after every store's day-end cut-off (at most 02:00), before opening.
  const occurredAt = chinaTimeToUtc(`${period}-01`, 3, 0, 0);
  return [...usage].map(([storeCode, used]) => ({
    kind: 'opening' as const,
    store_code: storeCode,
    occurred_at: occurredAt,
    reference: `OPEN-${storeCode}-${period}`,
    lines: [...used].sort(([a], [b]) => (a < b ? -1 : 1)).map(([itemCode, quantity]) => stockLine(items.get(itemCode)!, quantity)),
  }));
}

/** Add the base-unit quantities of the items a menu item uses, through sub-recipes. */
function addUse(store: Map<string, number>, recipes: Map<string, components['schemas']['MenuItemCreate']>, code: string, quantity: number): void {
  const menuItem = recipes.get(code);
  if (!menuItem) return;
  const servings = quantity / (menuItem.recipe_yield ?? 1);
  for (const component of (menuItem.components ?? []) as Component[]) {
    const amount = servings * component.quantity * (1 + (component.loss_rate ?? 0));
    if (component.component_type === 'menu_item') addUse(store, recipes, component.code, amount);
    else store.set(component.code, (store.get(component.code) ?? 0) + amount);
  }
}

/** Build a line of whole packs of the item's cost unit (袋, 盒) that covers the use plus the spare. */
function stockLine(item: components['schemas']['ItemCreate'], used: number): StockDocumentInput['lines'][number] {
  const pack = item.pack_units?.find((unit) => unit.unit === item.cost_unit);
  const packs = Math.ceil((used * (100 + SPARE_PERCENT)) / 100 / (pack?.factor ?? 1));
  const line = { item_code: item.code, quantity: packs, value_fen: packs * (item.standard_cost_fen ?? 0) };
  return pack ? { ...line, unit: pack.unit } : line;
}
