import { sql } from 'kysely';
import { recordChange } from '../audit/record.js';
import { ApiError } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import type { Handler, HandlerContext, OperationId } from '../http/handler.js';
import { fromMicro } from '../math/quantity.js';
import { postingContextOf } from '../sales/handlers.js';
import { registerStockClosingGuard } from './closing-guard.js';
import { cancelStockCount, countFieldsToApi, createStockCount, postStockCount, readStockCount, updateStockCount } from './counts.js';
import { postStockDocument as postDocument } from './documents.js';
import type { MovementRow } from './stock-book.js';
import { checkDateRange } from '../http/date-range.js';

type StockMovement = { id: number } & MovementRow;

registerStockClosingGuard();

const listStockBalances: Handler<'listStockBalances'> = async (c) => {
  const limit = c.query.limit ?? 50;
  const postgres = c.database.dialect === 'postgres';
  let query = c.db
    .selectFrom('stock_balances')
    .innerJoin('items', 'items.code', 'stock_balances.item_code')
    .select(['stock_balances.store_code', 'stock_balances.item_code', 'items.name', 'items.base_unit', 'stock_balances.quantity_micro', 'stock_balances.value_fen', 'stock_balances.updated_at']);
  query = scopeToStores(c, query, 'stock_balances.store_code');
  if (c.query.item_code) query = query.where('stock_balances.item_code', '=', c.query.item_code);
  if (c.query.negative !== undefined) query = query.where('stock_balances.quantity_micro', c.query.negative ? '<' : '>=', 0);

  const store = postgres ? sql`stock_balances.store_code collate "C"` : sql`stock_balances.store_code`;
  const item = postgres ? sql`stock_balances.item_code collate "C"` : sql`stock_balances.item_code`;
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, 'store_item');
    query = query.where(sql<boolean>`(${store}, ${item}) > (${String(position.value)}, ${position.key})`);
  }
  const rows = await query.orderBy(store).orderBy(item).limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: page.map((row) => ({
        store_code: row.store_code,
        item_code: row.item_code,
        item_name: row.name,
        base_unit: row.base_unit,
        quantity: fromMicro(Number(row.quantity_micro)),
        value_fen: Number(row.value_fen),
        updated_at: row.updated_at,
      })),
      next_cursor: rows.length > limit && last ? encodeCursor({ sort: 'store_item', value: last.store_code, key: last.item_code }) : null,
    },
  };
};

const listStockMovements: Handler<'listStockMovements'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('stock_movements').selectAll();
  query = scopeToStores(c, query, 'store_code');
  if (c.query.item_code) query = query.where('item_code', '=', c.query.item_code);
  if (c.query.kind) query = query.where('kind', '=', c.query.kind);
  checkDateRange(c.query);
  if (c.query.from) query = query.where('business_date', '>=', c.query.from);
  if (c.query.to) query = query.where('business_date', '<=', c.query.to);
  if (c.query.cursor) query = query.where('id', '>', Number(decodeCursor(c.query.cursor, 'id').value));

  const rows = await query.orderBy('id').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: page.map((row) => movementToApi({ ...row, id: Number(row.id) })),
      next_cursor: rows.length > limit && last ? encodeCursor({ sort: 'id', value: Number(last.id), key: String(last.id) }) : null,
    },
  };
};

const postStockDocument: Handler<'postStockDocument'> = async (c) => {
  const posted = await postDocument(postingContextOf(c), c.body, c.principal);
  return {
    status: 201,
    body: {
      kind: c.body.kind,
      store_code: c.body.store_code,
      business_date: posted.businessDate,
      journal_entry_id: posted.journalEntryId,
      movements: posted.movements.map(movementToApi),
    },
  };
};

const listStockCounts: Handler<'listStockCounts'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('stock_counts').selectAll();
  query = scopeToStores(c, query, 'store_code');
  if (c.query.status) query = query.where('status', '=', c.query.status);
  if (c.query.cursor) query = query.where('id', '<', Number(decodeCursor(c.query.cursor, '-id').value));
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: page.map(countFieldsToApi),
      next_cursor: rows.length > limit && last ? encodeCursor({ sort: '-id', value: Number(last.id), key: String(last.id) }) : null,
    },
  };
};

const createCount: Handler<'createStockCount'> = async (c) => {
  const count = await createStockCount(postingContextOf(c), c.body, c.principal);
  return { status: 201, body: count, headers: { ETag: etagOf(count.version) } };
};

const getStockCount: Handler<'getStockCount'> = async (c) => {
  const count = await readStockCount(c, c.params.id, c.principal);
  return { status: 200, body: count, headers: { ETag: etagOf(count.version) } };
};

const updateCount: Handler<'updateStockCount'> = async (c) => {
  const count = await updateStockCount(postingContextOf(c), c.params.id, c.body, c.headers['if-match'], c.principal);
  return { status: 200, body: count, headers: { ETag: etagOf(count.version) } };
};

const postCount: Handler<'postStockCount'> = async (c) => {
  const count = await postStockCount(postingContextOf(c), c.params.id, c.headers['if-match'], c.principal);
  return { status: 200, body: count, headers: { ETag: etagOf(count.version) } };
};

const cancelCount: Handler<'cancelStockCount'> = async (c) => {
  const count = await cancelStockCount(postingContextOf(c), c.params.id, c.headers['if-match'], c.principal);
  return { status: 200, body: count, headers: { ETag: etagOf(count.version) } };
};

const getStockSettings: Handler<'getStockSettings'> = async (c) => {
  const row = await c.db.selectFrom('stock_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { status: 200, body: settingsToApi(row), headers: { ETag: etagOf(row.version) } };
};

const updateStockSettings: Handler<'updateStockSettings'> = async (c) => {
  let query = c.db.selectFrom('stock_settings').selectAll().where('id', '=', 1);
  if (c.database.dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  assertVersion(parseIfMatch(c.headers['if-match']), row.version, 'stock_settings', 'default');
  if (row.negative_stock === c.body.negative_stock) return { status: 200, body: settingsToApi(row), headers: { ETag: etagOf(row.version) } };

  const now = new Date().toISOString();
  const updated = { ...row, negative_stock: c.body.negative_stock, version: row.version + 1, updated_at: now };
  await c.db.updateTable('stock_settings').set({ negative_stock: updated.negative_stock, version: updated.version, updated_at: now }).where('id', '=', 1).execute();
  await recordChange(c.db, { resource: 'stock_settings', key: 'default', action: 'update', actor: c.actor, changes: [{ field: 'negative_stock', before: row.negative_stock, after: updated.negative_stock }], at: now });
  return { status: 200, body: settingsToApi(updated), headers: { ETag: etagOf(updated.version) } };
};

function settingsToApi(row: { negative_stock: string; version: number; updated_at: string }) {
  return { negative_stock: row.negative_stock as 'allow' | 'reject', version: row.version, updated_at: row.updated_at };
}

/** Convert a movement row to the API's shape. */
export function movementToApi(row: StockMovement) {
  return {
    id: row.id,
    store_code: row.store_code,
    item_code: row.item_code,
    kind: row.kind as 'receipt',
    quantity: fromMicro(Number(row.quantity_micro)),
    value_fen: Number(row.value_fen),
    variance_fen: Number(row.variance_fen),
    balance_quantity: fromMicro(Number(row.balance_quantity_micro)),
    balance_value_fen: Number(row.balance_value_fen),
    business_date: row.business_date,
    occurred_at: row.occurred_at,
    source_type: row.source_type,
    source_ref: row.source_ref,
    journal_entry_id: row.journal_entry_id === null ? null : Number(row.journal_entry_id),
    flags: row.flags ? row.flags.split(',') : [],
    note: row.note,
  };
}

/** Limit a query to the store asked for and, for a store manager, to its stores. */
function scopeToStores<K extends OperationId, Q extends { where: (...args: any[]) => Q }>(c: HandlerContext<K>, query: Q, column: string): Q {
  const asked = (c.query as { store_code?: string }).store_code;
  let scoped = asked ? query.where(column, '=', asked) : query;
  if (c.principal.role === 'store_manager') {
    if (asked && !c.principal.storeCodes.includes(asked)) {
      throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: asked });
    }
    const stores = c.principal.storeCodes;
    scoped = stores.length > 0 ? scoped.where(column, 'in', stores) : scoped.where(sql<boolean>`1 = 0`);
  }
  return scoped;
}

export const inventoryHandlers = {
  listStockBalances,
  listStockMovements,
  postStockDocument,
  listStockCounts,
  createStockCount: createCount,
  getStockCount,
  updateStockCount: updateCount,
  postStockCount: postCount,
  cancelStockCount: cancelCount,
  getStockSettings,
  updateStockSettings,
};
