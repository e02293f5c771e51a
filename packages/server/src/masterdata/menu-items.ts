import type { components } from '@boh/sdk/types';
import type { Handler } from '../http/handler.js';
import { MAX_DECIMAL_PLACES, decimalPlaces } from './decimal.js';
import { checkRecipe, componentList, convertComponent, lookUpComponents, type StoredComponent } from './recipes.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';

type MenuItem = components['schemas']['MenuItem'];

const EDITABLE = ['name', 'category', 'price_fen', 'sellable', 'tax_category', 'recipe_yield', 'components'] as const;

export const menuItems: MasterResource<MenuItem> = {
  resource: 'menu_item',
  table: 'menu_items',
  toApi: (row) => ({
    code: row.code,
    name: row.name,
    category: row.category ?? null,
    price_fen: row.price_fen ?? null,
    sellable: Boolean(row.sellable),
    tax_category: row.tax_category,
    recipe_yield: row.recipe_yield,
    components: ((row.components ?? []) as Partial<StoredComponent>[]).map(normaliseComponent),
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => pick(fields, EDITABLE),
  defaults: { category: null, price_fen: null, sellable: true, tax_category: 'catering_service', recipe_yield: 1, components: [] },
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    category: { column: 'category', text: true, nullable: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => {
    let q = query;
    if (params.category !== undefined) q = q.where('category', '=', params.category);
    if (params.sellable !== undefined) q = q.where('sellable', '=', params.sellable);
    return q;
  },
  children: [componentList],
  complete: async (db, record) => {
    const lookups = await lookUpComponents(db, record.components);
    const completed = record.components.map((component, index) =>
      component.base_quantity === null
        ? { ...component, base_quantity: convertComponent(component, lookups, `body.components[${index}]`).baseQuantity ?? null }
        : component,
    );
    return { ...record, components: completed as MenuItem['components'] };
  },
  check: async (db, record) => {
    const issues = await checkRecipe(db, record.code, record.components);
    if (decimalPlaces(record.recipe_yield) > MAX_DECIMAL_PLACES) {
      issues.push({ field: 'body.recipe_yield', code: 'decimal_places', params: { limit: MAX_DECIMAL_PLACES, value: record.recipe_yield }, value: record.recipe_yield });
    }
    return issues;
  },
};

/**
 * Fill in the optional fields of a recipe line. A line from a request has no base quantity yet,
 * so it gets null until `complete` converts it.
 */
function normaliseComponent(component: Partial<StoredComponent>): StoredComponent {
  return {
    component_type: component.component_type!,
    code: component.code!,
    quantity: component.quantity!,
    unit: component.unit ?? null,
    loss_rate: component.loss_rate ?? 0,
    base_quantity: component.base_quantity ?? (null as unknown as number),
  };
}

const listMenuItems: Handler<'listMenuItems'> = async (c) => ({ status: 200, body: await listRecords(menuItems, callerOf(c), c.query) });
const getMenuItem: Handler<'getMenuItem'> = async (c) => getRecord(menuItems, callerOf(c), c.params.code);
const createMenuItem: Handler<'createMenuItem'> = async (c) => createRecord(menuItems, callerOf(c), c.body);
const updateMenuItem: Handler<'updateMenuItem'> = async (c) =>
  updateRecord(menuItems, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateMenuItem: Handler<'deactivateMenuItem'> = async (c) =>
  updateRecord(menuItems, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const menuItemHandlers = { listMenuItems, getMenuItem, createMenuItem, updateMenuItem, deactivateMenuItem };
