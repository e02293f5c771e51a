import type { ItemInfo } from '../../inventory/items.js';
import { loadItems } from '../../inventory/items.js';
import { postStockDocument, type StockDocumentInput } from '../../inventory/documents.js';
import { toBaseMicro } from '../../inventory/units.js';
import { chunks } from '../../ledger/journal.js';
import { fromMicro } from '../../math/quantity.js';
import { loadStores, type StoreInfo } from '../../sales/batch-scope.js';
import { instantOfLocal } from '../../tickets/sla/zone.js';
import { periodOf } from '../../time/business-date.js';
import { operationRoles, validateFields } from '../row-schema.js';
import type { BatchPlan, ImportContext, ImportRow, ImportTarget, RowIssue, RowResult } from '../target.js';
import { readByStore, storeIssues } from './store-rows.js';

/** An opening balance as stored or as a row gives it, in base-unit millionths and fen. */
interface Balance {
  quantityMicro: number;
  valueFen: number;
  date: string;
}

/** The lines of one opening document: one store, date and reference. */
interface PlannedDocument {
  storeCode: string;
  date: string;
  reference: string | null;
  note: string | null;
  lines: StockDocumentInput['lines'];
}

interface OpeningPlan extends BatchPlan {
  documents: PlannedDocument[];
}

// A stock document takes at most this many lines (the contract's maxItems).
const LINES_PER_DOCUMENT = 1000;

const TABLES = ['stock_movements', 'stock_balances', 'journal_entries', 'journal_lines', 'ledger_balances', 'accounting_periods'];

/**
 * Import opening stock (期初库存): one row per store and item, posted as opening documents by the
 * same service as `POST /stock/movements`, so stock, its value and the journal entry commit with
 * the batch. A store and item take one opening balance. A row equal to the stored one (same
 * quantity in the base unit, value and date) is `unchanged`, so a file imported twice posts
 * nothing the second time. A row with other values is rejected, because a posted balance is
 * corrected by a stock count or a receipt, never edited.
 */
export function openingStockTarget(unitSize: number): ImportTarget<OpeningPlan> {
  return {
    resource: 'opening_stock',
    roles: operationRoles('postStockDocument') as ImportTarget['roles'],
    matchableFields: new Set(),
    modes: ['insert', 'upsert'],
    unitSize,
    tables: TABLES,
    keyOf: (row) => keyOf(String(row.fields.store_code ?? ''), String(row.fields.item_code ?? '')),

    validate(rows) {
      return rows.map((row) => validateFields('OpeningStockRow', row.fields, new Set()));
    },

    async plan(context, rows) {
      const stores = await loadStores(context.db, rows.map((row) => row.fields.store_code as string));
      const items = await loadItems(context.db, rows.map((row) => row.fields.item_code as string));
      const stored = await storedOpenings(context, rows);
      const periods = await periodStatuses(context, rows.map((row) => periodOf(row.fields.opening_date as string)));

      const documents = new Map<string, PlannedDocument>();
      const results = rows.map((row) => {
        const decided = decide(context, row, stores, items, stored, periods);
        if (decided.outcome === 'created') addLine(documents, row, decided.balance!);
        return decided.result;
      });
      return { results, documents: [...documents.values()] };
    },

    async apply(context, plan) {
      const actor = { db: context.db, dialect: context.dialect, actor: context.actor, now: context.now };
      for (const document of plan.documents) {
        const stores = await loadStores(context.db, [document.storeCode]);
        const store = stores.get(document.storeCode)!;
        for (const lines of chunks(document.lines, LINES_PER_DOCUMENT)) {
          await postStockDocument(actor, {
            kind: 'opening',
            store_code: document.storeCode,
            occurred_at: dayStart(document.date, store),
            reference: document.reference,
            note: document.note,
            lines,
          });
        }
      }
    },
  };
}

/** Decide one row: rejected with its issues, unchanged, or created with its balance. */
function decide(
  context: ImportContext,
  row: ImportRow,
  stores: Map<string, StoreInfo>,
  items: Map<string, ItemInfo>,
  stored: Map<string, Balance>,
  periods: Map<string, string>,
): { outcome: 'created' | 'other'; result: RowResult; balance?: Balance } {
  const fields = row.fields;
  const storeCode = fields.store_code as string;
  const itemCode = fields.item_code as string;
  const key = keyOf(storeCode, itemCode);
  const reject = (issues: RowIssue[]) => ({ outcome: 'other' as const, result: { line: row.line, outcome: 'rejected' as const, key, issues } });

  const storeProblems = storeIssues(context, stores, storeCode);
  if (storeProblems.length > 0) return reject(storeProblems);
  const item = items.get(itemCode);
  if (!item) return reject([{ field: 'item_code', code: 'reference_not_found', params: { resource: 'item', value: itemCode }, value: itemCode }]);

  const converted = toBaseMicro(item, fields.quantity as number, fields.unit as string | null | undefined, 'row');
  if (converted.micro === undefined) return reject(converted.issues.map((issue) => ({ ...issue, field: issue.field.replace(/^row\./, '') })));
  const date = fields.opening_date as string;
  const status = periods.get(periodOf(date)) ?? 'open';
  if (status !== 'open') return reject([{ field: 'opening_date', code: 'period_closed', params: { period: periodOf(date), status }, value: date }]);

  const balance: Balance = { quantityMicro: converted.micro, valueFen: fields.value_fen as number, date };
  const before = stored.get(key);
  if (before) {
    if (sameBalance(before, balance)) return { outcome: 'other', result: { line: row.line, outcome: 'unchanged', key } };
    const params = { value: key, quantity: fromMicro(before.quantityMicro), base_unit: item.baseUnit, value_yuan: yuanText(before.valueFen), date: before.date };
    return reject([{ field: 'quantity', code: 'import_opening_posted', params, value: fields.quantity }]);
  }

  // A later row of the same store and item meets this one as stored.
  stored.set(key, balance);
  return { outcome: 'created', balance, result: { line: row.line, outcome: 'created', key } };
}

function addLine(documents: Map<string, PlannedDocument>, row: ImportRow, balance: Balance): void {
  const fields = row.fields;
  const reference = (fields.reference as string | null | undefined) ?? null;
  const id = `${fields.store_code as string}\u0000${balance.date}\u0000${reference ?? ''}`;
  let document = documents.get(id);
  if (!document) {
    document = { storeCode: fields.store_code as string, date: balance.date, reference, note: (fields.note as string | null | undefined) ?? null, lines: [] };
    documents.set(id, document);
  }
  const line: StockDocumentInput['lines'][number] = { item_code: fields.item_code as string, quantity: fields.quantity as number, value_fen: balance.valueFen };
  if (typeof fields.unit === 'string') line.unit = fields.unit;
  document.lines.push(line);
}

/** Read the opening balances already posted for the rows' stores and items, summed per store and item. */
async function storedOpenings(context: ImportContext, rows: readonly ImportRow[]): Promise<Map<string, Balance>> {
  const found = await readByStore(rows, 'item_code', (storeCode, itemCodes) =>
    context.db
      .selectFrom('stock_movements')
      .select(['store_code', 'item_code', 'quantity_micro', 'value_fen', 'variance_fen', 'business_date'])
      .where('kind', '=', 'opening')
      .where('store_code', '=', storeCode)
      .where('item_code', 'in', itemCodes)
      .orderBy('id')
      .execute(),
  );

  const balances = new Map<string, Balance>();
  for (const movement of found) {
    const key = keyOf(movement.store_code, movement.item_code);
    const balance = balances.get(key) ?? { quantityMicro: 0, valueFen: 0, date: movement.business_date };
    balance.quantityMicro += Number(movement.quantity_micro);
    // Into negative stock, part of the value goes to cost of goods sold, and the row gave both.
    balance.valueFen += Number(movement.value_fen) + Number(movement.variance_fen);
    balances.set(key, balance);
  }
  return balances;
}

async function periodStatuses(context: ImportContext, periods: string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(periods)];
  if (distinct.length === 0) return new Map();
  const rows = await context.db.selectFrom('accounting_periods').select(['period', 'status']).where('period', 'in', distinct).execute();
  return new Map(rows.map((row) => [row.period, row.status]));
}

function sameBalance(a: Balance, b: Balance): boolean {
  return a.quantityMicro === b.quantityMicro && a.valueFen === b.valueFen && a.date === b.date;
}

function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function keyOf(storeCode: string, itemCode: string): string {
  return `${storeCode}/${itemCode}`;
}

/** Return the first instant of a business date at a store: its day-end cut-off, local time. */
function dayStart(date: string, store: StoreInfo): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = store.dayEndCutoff.split(':').map(Number) as [number, number];
  const dayNumber = Date.UTC(year, month - 1, day) / 86_400_000;
  return new Date(instantOfLocal(store.timezone, dayNumber, hours * 60 + minutes)).toISOString();
}
