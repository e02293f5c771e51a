import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { MAX_DECIMAL_PLACES, decimalPlaces } from './decimal.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';

type Item = components['schemas']['Item'];
type PackUnit = components['schemas']['PackUnit'];

const EDITABLE = [
  'name', 'category', 'kind', 'base_unit', 'pack_units', 'standard_cost_fen', 'cost_unit', 'barcode', 'spec',
  'shelf_life_days', 'tax_category',
] as const;

export const items: MasterResource<Item> = {
  resource: 'item',
  table: 'items',
  toApi: (row) => ({
    code: row.code,
    name: row.name,
    category: row.category ?? null,
    kind: row.kind,
    base_unit: row.base_unit,
    pack_units: JSON.parse(row.pack_units) as PackUnit[],
    standard_cost_fen: row.standard_cost_fen ?? null,
    cost_unit: row.cost_unit,
    barcode: row.barcode ?? null,
    spec: row.spec ?? null,
    shelf_life_days: row.shelf_life_days ?? null,
    tax_category: row.tax_category,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => {
    const columns = pick(fields, EDITABLE);
    if ('pack_units' in columns) columns.pack_units = JSON.stringify(columns.pack_units);
    return columns;
  },
  // The standard cost is per base unit unless the request names another unit.
  defaults: (input) => ({
    category: null, pack_units: '[]', standard_cost_fen: null, cost_unit: input.base_unit, barcode: null, spec: null,
    shelf_life_days: null, tax_category: 'goods',
  }),
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    category: { column: 'category', text: true, nullable: true },
    kind: { column: 'kind', text: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => {
    let q = query;
    for (const column of ['category', 'kind']) {
      if (params[column] !== undefined) q = q.where(column, '=', params[column]);
    }
    return q;
  },
  check: async (db, record, existing) => [
    ...checkPackUnits(record),
    ...checkCostUnit(record),
    ...(existing ? await checkBaseUnitChange(db, record, existing) : []),
    ...(await checkBarcode(db, record)),
  ],
};

/** Report a barcode that another active item already has: a scan must find one item. */
async function checkBarcode(db: Kysely<any>, record: Item): Promise<FieldIssue[]> {
  if (!record.barcode) return [];
  const other = await db
    .selectFrom('items')
    .select('code')
    .where('barcode', '=', record.barcode)
    .where('active', '=', true)
    .where('code', '!=', record.code)
    .executeTakeFirst();
  return other ? [{ field: 'body.barcode', code: 'barcode_taken', params: { value: record.barcode, other: other.code }, value: record.barcode }] : [];
}

/** Report factors with too many decimal places, the base unit listed as a pack, and repeated units. */
function checkPackUnits(record: Item): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstIndex = new Map<string, number>();
  record.pack_units.forEach((pack, index) => {
    const field = `body.pack_units[${index}]`;
    if (decimalPlaces(pack.factor) > MAX_DECIMAL_PLACES) {
      issues.push({ field: `${field}.factor`, code: 'decimal_places', params: { limit: MAX_DECIMAL_PLACES, value: pack.factor }, value: pack.factor });
    }
    if (pack.unit === record.base_unit) {
      issues.push({ field: `${field}.unit`, code: 'pack_unit_is_base_unit', params: { value: pack.unit }, value: pack.unit });
    } else if (firstIndex.has(pack.unit)) {
      issues.push({ field: `${field}.unit`, code: 'duplicate_unit', params: { value: pack.unit }, value: pack.unit });
    } else {
      firstIndex.set(pack.unit, index);
    }
  });
  return issues;
}

function checkCostUnit(record: Item): FieldIssue[] {
  const allowed = unitsOf(record);
  if (allowed.includes(record.cost_unit)) return [];
  return [{ field: 'body.cost_unit', code: 'unknown_unit', params: { value: record.cost_unit, item: record.code, allowed }, value: record.cost_unit }];
}

/** List the units a quantity of the item may be given in: the base unit first, then the packs. */
export function unitsOf(item: Pick<Item, 'base_unit' | 'pack_units'>): string[] {
  return [item.base_unit, ...item.pack_units.map((pack) => pack.unit)];
}

/**
 * Reject a new base unit while recipes use the item, because their quantities are stored in base
 * units and would silently change meaning (200 g becoming 200 kg).
 */
async function checkBaseUnitChange(db: Kysely<any>, record: Item, existing: Item): Promise<FieldIssue[]> {
  if (record.base_unit === existing.base_unit) return [];
  const uses = await db
    .selectFrom('menu_item_components')
    .select('menu_item_code')
    .where('component_type', '=', 'item')
    .where('component_code', '=', record.code)
    .orderBy('menu_item_code')
    .execute();
  if (uses.length === 0) return [];
  return [
    {
      field: 'body.base_unit',
      code: 'base_unit_in_use',
      params: { value: record.code, before: existing.base_unit, count: uses.length, example: uses[0]!.menu_item_code },
      value: record.base_unit,
    },
  ];
}

const listItems: Handler<'listItems'> = async (c) => ({ status: 200, body: await listRecords(items, callerOf(c), c.query) });
const getItem: Handler<'getItem'> = async (c) => getRecord(items, callerOf(c), c.params.code);
const createItem: Handler<'createItem'> = async (c) => createRecord(items, callerOf(c), c.body);
const updateItem: Handler<'updateItem'> = async (c) => updateRecord(items, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateItem: Handler<'deactivateItem'> = async (c) =>
  updateRecord(items, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const itemHandlers = { listItems, getItem, createItem, updateItem, deactivateItem };
