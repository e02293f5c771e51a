import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { FieldIssue } from '../http/api-error.js';
import { MAX_DECIMAL_PLACES, decimalPlaces, formatExact, multiplyExact, toExact } from './decimal.js';
import { unitsOf } from './items.js';
import type { ChildList } from './resource.js';

// Recipes (配方/BOM): the components of a menu item, kept in menu_item_components, with the
// checks that every component exists, is measured in a unit it has, and that no menu item
// contains itself through sub-recipes.

export type StoredComponent = components['schemas']['RecipeComponent'];
type PackUnit = components['schemas']['PackUnit'];

/** The largest quantity of base units one recipe line may come to, the same as the largest quantity. */
const MAX_BASE_QUANTITY = 1_000_000_000;

/** The components of menu items, in the order they were sent. */
export const componentList: ChildList = {
  field: 'components',
  async load(db, codes) {
    const rows = await db
      .selectFrom('menu_item_components')
      .selectAll()
      .where('menu_item_code', 'in', codes)
      .orderBy('menu_item_code')
      .orderBy('position')
      .execute();
    const lists = new Map<string, StoredComponent[]>();
    for (const row of rows) {
      const list = lists.get(row.menu_item_code) ?? [];
      list.push({
        component_type: row.component_type,
        code: row.component_code,
        quantity: row.quantity,
        unit: row.unit ?? null,
        loss_rate: row.loss_rate,
        base_quantity: row.base_quantity,
      });
      lists.set(row.menu_item_code, list);
    }
    return lists;
  },
  async save(db, code, list) {
    await db.deleteFrom('menu_item_components').where('menu_item_code', '=', code).execute();
    const rows = (list as StoredComponent[]).map((component, position) => ({
      menu_item_code: code,
      position,
      component_type: component.component_type,
      component_code: component.code,
      quantity: component.quantity,
      unit: component.unit,
      base_quantity: component.base_quantity,
      loss_rate: component.loss_rate,
    }));
    if (rows.length > 0) await db.insertInto('menu_item_components').values(rows).execute();
  },
};

/** The stored records a recipe's components refer to. */
export interface ComponentLookups {
  items: Map<string, { base_unit: string; pack_units: PackUnit[] }>;
  menuItems: Set<string>;
}

/** Read the items and menu items that the components name, in two queries. */
export async function lookUpComponents(db: Kysely<any>, list: readonly StoredComponent[]): Promise<ComponentLookups> {
  const itemCodes = [...new Set(list.filter((c) => c.component_type === 'item').map((c) => c.code))];
  const menuItemCodes = [...new Set(list.filter((c) => c.component_type === 'menu_item').map((c) => c.code))];

  const items = new Map<string, { base_unit: string; pack_units: PackUnit[] }>();
  if (itemCodes.length > 0) {
    const rows = await db.selectFrom('items').select(['code', 'base_unit', 'pack_units']).where('code', 'in', itemCodes).execute();
    for (const row of rows) items.set(row.code, { base_unit: row.base_unit, pack_units: JSON.parse(row.pack_units) as PackUnit[] });
  }
  const menuItems = new Set<string>();
  if (menuItemCodes.length > 0) {
    const rows = await db.selectFrom('menu_items').select('code').where('code', 'in', menuItemCodes).execute();
    for (const row of rows) menuItems.add(row.code as string);
  }
  return { items, menuItems };
}

/**
 * Convert one line's quantity to base units (portions for a sub-recipe) with exact decimal
 * arithmetic. Returns the base quantity, or else the issues of the line's unit and quantity.
 * A line whose item does not exist gets neither, because checkRecipe reports it.
 */
export function convertComponent(
  component: StoredComponent,
  lookups: ComponentLookups,
  field: string,
): { baseQuantity?: number; issues: FieldIssue[] } {
  if (decimalPlaces(component.quantity) > MAX_DECIMAL_PLACES) {
    return { issues: [{ field: `${field}.quantity`, code: 'decimal_places', params: { limit: MAX_DECIMAL_PLACES, value: component.quantity }, value: component.quantity }] };
  }

  if (component.component_type === 'menu_item') {
    if (component.unit !== null) return { issues: [{ field: `${field}.unit`, code: 'unit_for_sub_recipe', value: component.unit }] };
    return { baseQuantity: component.quantity, issues: [] };
  }

  const item = lookups.items.get(component.code);
  if (!item) return { issues: [] };
  if (component.unit === null || component.unit === item.base_unit) return { baseQuantity: component.quantity, issues: [] };

  const pack = item.pack_units.find((p) => p.unit === component.unit);
  if (!pack) {
    const params = { value: component.unit, item: component.code, allowed: unitsOf(item) };
    return { issues: [{ field: `${field}.unit`, code: 'unknown_unit', params, value: component.unit }] };
  }

  const exact = multiplyExact(toExact(component.quantity), toExact(pack.factor));
  const params = { quantity: component.quantity, unit: component.unit, base_quantity: formatExact(exact), base_unit: item.base_unit, limit: MAX_BASE_QUANTITY };
  if (exact.scale > MAX_DECIMAL_PLACES) {
    return { issues: [{ field: `${field}.quantity`, code: 'conversion_precision', params, value: component.quantity }] };
  }
  const baseQuantity = Number(formatExact(exact));
  if (baseQuantity > MAX_BASE_QUANTITY) {
    return { issues: [{ field: `${field}.quantity`, code: 'conversion_too_large', params, value: component.quantity }] };
  }
  return { baseQuantity, issues: [] };
}

/**
 * Report every invalid line of the recipe of menu item `code`, each under its index, such as
 * `body.components[2].code`. A line is invalid when its component does not exist or appears
 * twice, when its unit is not one of the item's, when its quantity does not convert exactly, or
 * when its sub-recipe leads back to this menu item.
 */
export async function checkRecipe(db: Kysely<any>, code: string, list: readonly StoredComponent[]): Promise<FieldIssue[]> {
  const lookups = await lookUpComponents(db, list);
  const issues: FieldIssue[] = [];
  const firstIndex = new Map<string, number>();

  for (const [index, component] of list.entries()) {
    const field = `body.components[${index}]`;
    const key = `${component.component_type}:${component.code}`;
    const first = firstIndex.get(key);
    if (first !== undefined) {
      issues.push({ field: `${field}.code`, code: 'duplicate_component', params: { resource: component.component_type, value: component.code, first }, value: component.code });
    } else {
      firstIndex.set(key, index);
    }

    const exists = component.component_type === 'item' ? lookups.items.has(component.code) : lookups.menuItems.has(component.code);
    if (component.component_type === 'menu_item' && component.code === code) {
      issues.push({ field: `${field}.code`, code: 'recipe_cycle', params: { value: code, path: `${code} → ${code}` }, value: component.code });
    } else if (!exists) {
      issues.push({ field: `${field}.code`, code: 'reference_not_found', params: { resource: component.component_type, value: component.code }, value: component.code });
    } else if (component.component_type === 'menu_item' && first === undefined) {
      const path = await pathBackTo(db, component.code, code);
      if (path) issues.push({ field: `${field}.code`, code: 'recipe_cycle', params: { value: code, path: [code, ...path].join(' → ') }, value: component.code });
    }

    if (decimalPlaces(component.loss_rate) > MAX_DECIMAL_PLACES) {
      issues.push({ field: `${field}.loss_rate`, code: 'decimal_places', params: { limit: MAX_DECIMAL_PLACES, value: component.loss_rate }, value: component.loss_rate });
    }
    issues.push(...convertComponent(component, lookups, field).issues);
  }
  return issues;
}

/**
 * Find a chain of stored sub-recipes from menu item `start` to menu item `target`, breadth first
 * so the shortest chain is reported. Returns the codes from `start` to `target`, or undefined.
 */
async function pathBackTo(db: Kysely<any>, start: string, target: string): Promise<string[] | undefined> {
  const previous = new Map<string, string | null>([[start, null]]);
  let frontier = [start];

  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('menu_item_components')
      .select(['menu_item_code', 'component_code'])
      .where('component_type', '=', 'menu_item')
      .where('menu_item_code', 'in', frontier)
      .orderBy('menu_item_code')
      .orderBy('position')
      .execute();

    const next: string[] = [];
    for (const row of rows) {
      const child = row.component_code as string;
      if (previous.has(child)) continue;
      previous.set(child, row.menu_item_code as string);
      if (child === target) return chainTo(previous, child);
      next.push(child);
    }
    frontier = next;
  }
  return undefined;
}

function chainTo(previous: Map<string, string | null>, end: string): string[] {
  const chain = [end];
  for (let node = previous.get(end); node; node = previous.get(node)) chain.unshift(node);
  return chain;
}
