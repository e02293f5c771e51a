import { bulkInsert } from '../db/bulk-insert.js';
import type { Selectable } from 'kysely';
import type { components } from '@boh/sdk/types';
import { recordChange } from '../audit/record.js';
import { canAccessStore, type Principal } from '../auth/roles.js';
import { ApiError, notFound, validationError, type FieldIssue } from '../http/api-error.js';
import { assertVersion, parseIfMatch } from '../http/etag.js';
import { loadAccountIndex } from '../ledger/account-index.js';
import { postingTime, type PostingContext } from '../ledger/context.js';
import { chunks, postJournalEntry } from '../ledger/journal.js';
import { assertPeriodsOpen } from '../ledger/periods.js';
import { loadPostingRules } from '../ledger/posting-rules.js';
import { fromMicro } from '../math/quantity.js';
import { loadStores } from '../sales/batch-scope.js';
import { businessDate, periodOf } from '../time/business-date.js';
import { loadItems, lockStores, type ItemInfo } from './items.js';
import { loadStockPolicy } from './settings.js';
import { StockBook } from './stock-book.js';
import type { StockCountLineTable, StockCountTable } from './tables.js';
import { toBaseMicro } from './units.js';
import { EMPTY_STATE, countTo, type StockState } from './valuation.js';

// Stock counts (盘点): a sheet per store lists items with the counted quantities, entered or
// imported while it is a draft. Posting it sets each counted item's balance to what was counted
// with a count_adjustment movement at moving-average cost, and books the variance (盘盈/盘亏)
// against the stock_count account (待处理财产损溢) until finance decides where it goes.

type StockCount = components['schemas']['StockCount'];
type CountEntries = components['schemas']['StockCountEntries'];

/** Create a draft count sheet. */
export async function createStockCount(context: PostingContext, input: components['schemas']['StockCountCreate'], principal: Principal): Promise<StockCount> {
  const store = (await loadStores(context.db, [input.store_code])).get(input.store_code);
  if (!store) throw validationError([{ field: 'body.store_code', code: 'reference_not_found', params: { resource: 'store', value: input.store_code }, value: input.store_code }]);
  assertStore(principal, input.store_code);

  const now = postingTime(context);
  const countDate = input.count_date ?? businessDate(now, store.timezone, store.dayEndCutoff);
  let itemCodes = input.item_codes ?? [];
  if (!input.item_codes) {
    const balances = await context.db.selectFrom('stock_balances').select('item_code').where('store_code', '=', input.store_code).orderBy('item_code').execute();
    itemCodes = balances.map((row) => row.item_code);
  }
  const items = await loadItems(context.db, [...itemCodes, ...(input.lines ?? []).map((line) => line.item_code)]);
  const missing = itemCodes.map((code, index) => ({ code, index })).filter(({ code }) => !items.has(code));
  if (missing.length > 0) {
    throw validationError(missing.map(({ code, index }) => ({ field: `body.item_codes[${index}]`, code: 'reference_not_found', params: { resource: 'item', value: code }, value: code })));
  }

  const inserted = await context.db
    .insertInto('stock_counts')
    .values({
      store_code: input.store_code,
      count_date: countDate,
      status: 'draft',
      note: input.note ?? null,
      uncounted: input.uncounted ?? 'skip',
      journal_entry_id: null,
      version: 1,
      created_at: now,
      created_by: context.actor.name,
      updated_at: now,
      posted_at: null,
      posted_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);

  const lines = new Map<string, StockCountLineTable>([...new Set(itemCodes)].map((code) => [code, emptyLine(id, code)]));
  applyEntries(lines, input.lines ?? [], items, id);
  await bulkInsert(context, 'stock_count_lines', [...lines.values()] as never);
  await recordChange(context.db, { resource: 'stock_count', key: String(id), action: 'create', actor: context.actor, changes: [{ field: 'store_code', before: null, after: input.store_code }, { field: 'count_date', before: null, after: countDate }], at: now });
  return readStockCount(context, id, principal);
}

/** Enter counted quantities or change the options of a draft. */
export async function updateStockCount(
  context: PostingContext,
  id: number,
  changes: components['schemas']['StockCountUpdate'],
  ifMatch: string | undefined,
  principal: Principal,
): Promise<StockCount> {
  const count = await lockDraft(context, id, ifMatch, principal);
  const now = postingTime(context);

  if (changes.lines) {
    const existing = await context.db.selectFrom('stock_count_lines').selectAll().where('count_id', '=', id).execute();
    const lines = new Map(existing.map((line) => [line.item_code, { ...line } as StockCountLineTable]));
    const items = await loadItems(context.db, changes.lines.map((line) => line.item_code));
    applyEntries(lines, changes.lines, items, id);
    await context.db.deleteFrom('stock_count_lines').where('count_id', '=', id).execute();
    await bulkInsert(context, 'stock_count_lines', [...lines.values()] as never);
  }
  await context.db
    .updateTable('stock_counts')
    .set({
      ...(changes.uncounted ? { uncounted: changes.uncounted } : {}),
      ...('note' in changes ? { note: changes.note ?? null } : {}),
      version: count.version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await recordChange(context.db, { resource: 'stock_count', key: String(id), action: 'update', actor: context.actor, changes: [{ field: 'lines', before: null, after: changes.lines?.length ?? 0 }], at: now });
  return readStockCount(context, id, principal);
}

/**
 * Post a draft count: each counted item (and, with `uncounted: zero`, each uncounted one, as 0)
 * is set to its count at moving-average cost, in one journal entry on the count date.
 */
export async function postStockCount(context: PostingContext, id: number, ifMatch: string | undefined, principal: Principal): Promise<StockCount> {
  const count = await lockDraft(context, id, ifMatch, principal);
  await lockStores(context.db, context.dialect, [count.store_code]);
  await assertPeriodsOpen(context, [periodOf(count.count_date)]);

  const lines = await context.db.selectFrom('stock_count_lines').selectAll().where('count_id', '=', id).orderBy('item_code').execute();
  const items = await loadItems(context.db, lines.map((line) => line.item_code));
  const book = await StockBook.open(context, lines.map((line) => ({ storeCode: count.store_code, itemCode: line.item_code })), items, await loadStockPolicy(context.db));
  const rules = await loadPostingRules(context.db);
  const now = postingTime(context);

  const ledger = new Map<string, number>();
  const add = (account: string, amount: number) => ledger.set(account, (ledger.get(account) ?? 0) + amount);
  const updated: StockCountLineTable[] = [];
  for (const line of lines) {
    const counted = line.counted_quantity_micro ?? (count.uncounted === 'zero' ? 0 : null);
    const before = book.state(count.store_code, line.item_code);
    if (counted === null) {
      updated.push({ ...line, system_quantity_micro: before.quantity, system_value_fen: before.value, variance_quantity_micro: null, variance_value_fen: null });
      continue;
    }
    const valuation = book.apply({
      storeCode: count.store_code,
      itemCode: line.item_code,
      kind: 'count_adjustment',
      quantityMicro: Number(counted),
      businessDate: count.count_date,
      occurredAt: now,
      sourceType: 'stock_count',
      sourceRef: String(id),
    });
    const kind = items.get(line.item_code)!.kind;
    add(rules.inventory(kind), valuation.delta);
    add(rules.cogs(kind), valuation.variance);
    add(rules.account('stock_count'), -(valuation.delta + valuation.variance));
    updated.push({
      ...line,
      counted_quantity_micro: Number(counted),
      system_quantity_micro: before.quantity,
      system_value_fen: before.value,
      variance_quantity_micro: Number(counted) - before.quantity,
      variance_value_fen: valuation.delta,
    });
  }

  const amounts = [...ledger].filter(([, amount]) => amount !== 0).sort(([, a], [, b]) => (a > 0 === b > 0 ? 0 : a > 0 ? -1 : 1));
  const entryId =
    amounts.length > 0
      ? await postJournalEntry(
          context,
          {
            entryDate: count.count_date,
            storeCode: count.store_code,
            sourceType: 'stock_count',
            sourceRef: String(id),
            memo: count.note,
            documentCount: 1,
            lines: amounts.map(([account, amount]) => ({ accountCode: account, debitFen: Math.max(amount, 0), creditFen: Math.max(-amount, 0) })),
          },
          await loadAccountIndex(context.db),
        )
      : null;
  for (const row of book.rows) row.journal_entry_id = entryId;
  await book.write(context);

  await context.db.deleteFrom('stock_count_lines').where('count_id', '=', id).execute();
  await bulkInsert(context, 'stock_count_lines', updated as never);
  await context.db
    .updateTable('stock_counts')
    .set({ status: 'posted', journal_entry_id: entryId, posted_at: now, posted_by: context.actor.name, version: count.version + 1, updated_at: now })
    .where('id', '=', id)
    .execute();
  await recordChange(context.db, { resource: 'stock_count', key: String(id), action: 'post', actor: context.actor, changes: [{ field: 'status', before: 'draft', after: 'posted' }], at: now });
  return readStockCount(context, id, principal);
}

/** Cancel a draft count; nothing is adjusted. */
export async function cancelStockCount(context: PostingContext, id: number, ifMatch: string | undefined, principal: Principal): Promise<StockCount> {
  const count = await lockDraft(context, id, ifMatch, principal);
  const now = postingTime(context);
  await context.db.updateTable('stock_counts').set({ status: 'cancelled', version: count.version + 1, updated_at: now }).where('id', '=', id).execute();
  await recordChange(context.db, { resource: 'stock_count', key: String(id), action: 'cancel', actor: context.actor, changes: [{ field: 'status', before: 'draft', after: 'cancelled' }], at: now });
  return readStockCount(context, id, principal);
}

/**
 * Read a count sheet in the API's shape. A draft shows the live balance as the system quantity
 * and estimates each variance at the current moving-average cost. A posted count shows what it posted.
 */
export async function readStockCount(context: Pick<PostingContext, 'db'>, id: number, principal: Principal): Promise<StockCount> {
  const count = await context.db.selectFrom('stock_counts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!count) throw notFound('stock_count', String(id));
  assertStore(principal, count.store_code);

  const lines = await context.db.selectFrom('stock_count_lines').selectAll().where('count_id', '=', id).orderBy('item_code').execute();
  const items = await loadItems(context.db, lines.map((line) => line.item_code));
  const live = new Map<string, StockState>();
  if (count.status === 'draft') {
    for (const chunk of chunks(lines.map((line) => line.item_code), 5000)) {
      const balances = await context.db.selectFrom('stock_balances').selectAll().where('store_code', '=', count.store_code).where('item_code', 'in', chunk).execute();
      for (const b of balances) {
        live.set(b.item_code, { quantity: Number(b.quantity_micro), value: Number(b.value_fen), lastCostQuantity: Number(b.last_cost_quantity_micro), lastCostValue: Number(b.last_cost_value_fen) });
      }
    }
  }

  const apiLines = lines.map((line) => {
    const item = items.get(line.item_code);
    let system = { quantity: Number(line.system_quantity_micro ?? 0), value: Number(line.system_value_fen ?? 0) };
    let variance: { quantity: number | null; value: number | null } = {
      quantity: line.variance_quantity_micro === null ? null : Number(line.variance_quantity_micro),
      value: line.variance_value_fen === null ? null : Number(line.variance_value_fen),
    };
    if (count.status === 'draft') {
      const state = live.get(line.item_code) ?? EMPTY_STATE;
      system = { quantity: state.quantity, value: state.value };
      const counted = line.counted_quantity_micro ?? (count.uncounted === 'zero' ? 0 : null);
      variance = counted === null ? { quantity: null, value: null } : { quantity: Number(counted) - state.quantity, value: countTo(state, Number(counted), item?.standardCost).delta };
    }
    return {
      item_code: line.item_code,
      item_name: item?.name ?? line.item_code,
      base_unit: item?.baseUnit ?? '',
      counted_quantity: line.counted_quantity_micro === null ? null : fromMicro(Number(line.counted_quantity_micro)),
      entered_quantity: line.entered_quantity === null ? null : Number(line.entered_quantity),
      entered_unit: line.entered_unit,
      system_quantity: fromMicro(system.quantity),
      system_value_fen: system.value,
      variance_quantity: variance.quantity === null ? null : fromMicro(variance.quantity),
      variance_value_fen: variance.value,
    };
  });

  return {
    ...countFieldsToApi(count),
    uncounted: count.uncounted as StockCount['uncounted'],
    lines: apiLines,
    variance_value_fen: apiLines.reduce((sum, line) => sum + (line.variance_value_fen ?? 0), 0),
    updated_at: count.updated_at,
  };
}

/** Convert a count row to the fields lists show. */
export function countFieldsToApi(count: Selectable<StockCountTable>) {
  return {
    id: Number(count.id),
    store_code: count.store_code,
    count_date: count.count_date,
    status: count.status as StockCount['status'],
    note: count.note,
    journal_entry_id: count.journal_entry_id === null ? null : Number(count.journal_entry_id),
    version: count.version,
    created_at: count.created_at,
    posted_at: count.posted_at,
  };
}

async function lockDraft(context: PostingContext, id: number, ifMatch: string | undefined, principal: Principal): Promise<Selectable<StockCountTable>> {
  const expected = parseIfMatch(ifMatch);
  let query = context.db.selectFrom('stock_counts').selectAll().where('id', '=', id);
  if (context.dialect === 'postgres') query = query.forUpdate();
  const count = await query.executeTakeFirst();
  if (!count) throw notFound('stock_count', String(id));
  assertStore(principal, count.store_code);
  assertVersion(expected, count.version, 'stock_count', String(id));
  if (count.status !== 'draft') throw new ApiError(409, 'stock_count_not_draft', { id, status: count.status });
  return count;
}

function assertStore(principal: Principal, storeCode: string): void {
  if (!canAccessStore(principal, storeCode)) throw new ApiError(403, 'store_out_of_scope', { allowed: principal.storeCodes, store_code: storeCode });
}

function emptyLine(countId: number, itemCode: string): StockCountLineTable {
  return {
    count_id: countId,
    item_code: itemCode,
    counted_quantity_micro: null,
    entered_quantity: null,
    entered_unit: null,
    system_quantity_micro: null,
    system_value_fen: null,
    variance_quantity_micro: null,
    variance_value_fen: null,
  };
}

/** Put entered quantities on the sheet's lines, converted to base units; report every bad entry. */
function applyEntries(lines: Map<string, StockCountLineTable>, entries: CountEntries, items: Map<string, ItemInfo>, countId: number): void {
  const issues: FieldIssue[] = [];
  entries.forEach((entry, index) => {
    const field = `body.lines[${index}]`;
    const item = items.get(entry.item_code);
    if (!item) {
      issues.push({ field: `${field}.item_code`, code: 'reference_not_found', params: { resource: 'item', value: entry.item_code }, value: entry.item_code });
      return;
    }
    const line = lines.get(entry.item_code) ?? emptyLine(countId, entry.item_code);
    if (entry.quantity === null) {
      Object.assign(line, { counted_quantity_micro: null, entered_quantity: null, entered_unit: null });
    } else {
      const converted = toBaseMicro(item, entry.quantity, entry.unit, field);
      if (converted.micro === undefined) {
        issues.push(...converted.issues);
        return;
      }
      Object.assign(line, { counted_quantity_micro: converted.micro, entered_quantity: String(entry.quantity), entered_unit: entry.unit ?? item.baseUnit });
    }
    lines.set(entry.item_code, line);
  });
  if (issues.length > 0) throw validationError(issues);
}
