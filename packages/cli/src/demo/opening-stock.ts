import type { components } from '@boh/sdk';
import type { DemoChain } from './chain.js';
import type { DemoOrder } from './orders.js';
import { yuan } from './statements.js';

type Component = NonNullable<components['schemas']['MenuItemCreate']['components']>[number];

/** Opening stock covers the month's use with this much to spare, in percent. */
const SPARE_PERCENT = 25;

/** Column headers of the opening-stock file, as a chain's inventory spreadsheet names them. */
const HEADER = ['门店编码', '物料编码', '物料名称', '数量', '单位', '金额', '期初日期', '期初单号'];

/**
 * Write the opening stock (期初) of every store as a CSV file for `boh import opening_stock`, one
 * row per store and item, dated the first of the month. Each row has enough of the item for the
 * month's recipes plus a margin, valued at standard cost in yuan. Without it the month's sales
 * would drive stock below zero.
 */
export function openingStockCsv(chain: DemoChain, orders: readonly DemoOrder[], period: string): string {
  const recipes = new Map(chain.menuItems.map((menuItem) => [menuItem.code, menuItem]));
  const usage = new Map<string, Map<string, number>>();

  for (const order of orders) {
    const store = usage.get(order.storeCode) ?? new Map<string, number>();
    usage.set(order.storeCode, store);
    for (const line of order.lines) addUse(store, recipes, line.menuItemCode, line.quantity);
  }

  const items = new Map(chain.items.map((item) => [item.code, item]));
  const rows = [HEADER.join(',')];
  for (const [storeCode, used] of usage) {
    for (const [itemCode, quantity] of [...used].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const item = items.get(itemCode)!;
      const line = stockLine(item, quantity);
      rows.push([storeCode, itemCode, csvCell(item.name), String(line.quantity), line.unit ?? item.base_unit, yuan(line.valueFen), `${period}-01`, `OPEN-${storeCode}-${period}`].join(','));
    }
  }
  return `\ufeff${rows.join('\r\n')}\r\n`;
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
function stockLine(item: components['schemas']['ItemCreate'], used: number): { quantity: number; unit?: string; valueFen: number } {
  const pack = item.pack_units?.find((unit) => unit.unit === item.cost_unit);
  const packs = Math.ceil((used * (100 + SPARE_PERCENT)) / 100 / (pack?.factor ?? 1));
  const line = { quantity: packs, valueFen: packs * (item.standard_cost_fen ?? 0) };
  return pack ? { ...line, unit: pack.unit } : line;
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
