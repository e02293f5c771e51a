import type { components } from '@boh/sdk/types';
import { canAccessStore, type Principal } from '../auth/roles.js';
import { ApiError, validationError, type FieldIssue } from '../http/api-error.js';
import { loadAccountIndex } from '../ledger/account-index.js';
import type { PostingContext } from '../ledger/context.js';
import { postJournalEntry } from '../ledger/journal.js';
import { assertPeriodsOpen } from '../ledger/periods.js';
import { loadPostingRules, type PostingRules } from '../ledger/posting-rules.js';
import { loadStores } from '../sales/batch-scope.js';
import { businessDate, periodOf } from '../time/business-date.js';
import { loadItems, lockStores, type ItemInfo } from './items.js';
import { loadStockPolicy } from './settings.js';
import { StockBook, type MovementKind, type MovementRow } from './stock-book.js';
import { toBaseMicro } from './units.js';

export type StockDocumentInput = components['schemas']['StockDocumentInput'];

/** A posted stock document: its movements (with ids) and its journal entry. */
export interface PostedStockDocument {
  businessDate: string;
  journalEntryId: number | null;
  movements: (MovementRow & { id: number })[];
}

/**
 * Post a stock document (库存单据): a receipt or opening balance at the values given, a waste
 * write-off, or a transfer to another store at moving-average cost. Quantities in pack units are
 * converted to base units exactly. The movements and the journal entry are written in the
 * context's transaction:
 *
 * - receipt: Dr inventory (by item kind), Dr input VAT, Cr the stock_receipt rule's account (应付账款)
 *   or `counter_account_code`;
 * - opening: Dr inventory, Cr the opening_balance rule's account;
 * - waste: Dr the waste rule's account, Cr inventory;
 * - transfer: Dr inventory of the receiving store, Cr inventory of the sending store.
 *
 * An inflow into negative stock first fills the hole; what its value differs from the hole's
 * estimated cost goes to cost of goods sold.
 */
export async function postStockDocument(context: PostingContext, input: StockDocumentInput, principal?: Principal): Promise<PostedStockDocument> {
  const storeCodes = [input.store_code, ...(input.to_store_code ? [input.to_store_code] : [])];
  checkShape(input);
  const stores = await loadStores(context.db, storeCodes);
  const issues: FieldIssue[] = [];
  for (const [field, code] of [['store_code', input.store_code], ['to_store_code', input.to_store_code]] as const) {
    if (code && !stores.has(code)) issues.push({ field: `body.${field}`, code: 'reference_not_found', params: { resource: 'store', value: code }, value: code });
  }
  if (principal && !canAccessStore(principal, input.store_code)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: principal.storeCodes, store_code: input.store_code });
  }

  const items = await loadItems(context.db, input.lines.map((line) => line.item_code));
  const quantities = input.lines.map((line, index) => {
    const field = `body.lines[${index}]`;
    const item = items.get(line.item_code);
    if (!item) {
      issues.push({ field: `${field}.item_code`, code: 'reference_not_found', params: { resource: 'item', value: line.item_code }, value: line.item_code });
      return 0;
    }
    const converted = toBaseMicro(item, line.quantity, line.unit, field);
    issues.push(...converted.issues);
    return converted.micro ?? 0;
  });
  if (issues.length > 0) throw validationError(issues);

  await lockStores(context.db, context.dialect, storeCodes);
  const from = stores.get(input.store_code)!;
  const to = input.to_store_code ? stores.get(input.to_store_code)! : undefined;
  const occurredAt = new Date(input.occurred_at).toISOString();
  const date = businessDate(occurredAt, from.timezone, from.dayEndCutoff);
  const toDate = to ? businessDate(occurredAt, to.timezone, to.dayEndCutoff) : date;
  await assertPeriodsOpen(context, [periodOf(date), periodOf(toDate)]);

  const rules = await loadPostingRules(context.db);
  const accounts = await loadAccountIndex(context.db);
  const pairs = input.lines.flatMap((line) => storeCodes.map((storeCode) => ({ storeCode, itemCode: line.item_code })));
  const book = await StockBook.open(context, pairs, items, await loadStockPolicy(context.db));

  const ledger: [string, number, string?][] = [];
  const base = { occurredAt, sourceType: 'stock_document', sourceRef: input.reference ?? null, note: input.note ?? null };
  input.lines.forEach((line, index) => {
    const item = items.get(line.item_code)!;
    const quantity = quantities[index]!;
    applyLine(book, rules, ledger, input, item, quantity, line.value_fen ?? 0, line.tax_fen ?? 0, { ...base, date, toDate });
  });

  const lines = netByAccount(ledger, input.store_code);
  const entryId = lines.length > 0
    ? await postJournalEntry(context, { entryDate: date, storeCode: input.store_code, sourceType: `stock_${input.kind}`, sourceRef: input.reference ?? null, memo: input.note ?? null, documentCount: 1, lines }, accounts)
    : null;

  for (const row of book.rows) row.journal_entry_id = entryId;
  const ids = await book.write(context, { returnIds: true });
  const movements = book.rows.map((row, index) => ({ ...row, id: ids[index]! }));
  return { businessDate: date, journalEntryId: entryId, movements };
}

/** Net the amounts per account and store, debits first, so each account appears once per store. */
function netByAccount(ledger: [string, number, string?][], defaultStore: string) {
  const totals = new Map<string, { accountCode: string; storeCode: string; amount: number }>();
  for (const [accountCode, amount, storeCode = defaultStore] of ledger) {
    const key = `${accountCode}\u0000${storeCode}`;
    const total = totals.get(key) ?? { accountCode, storeCode, amount: 0 };
    total.amount += amount;
    totals.set(key, total);
  }
  return [...totals.values()]
    .filter((total) => total.amount !== 0)
    .sort((a, b) => (a.amount > 0 === b.amount > 0 ? 0 : a.amount > 0 ? -1 : 1))
    .map((total) => ({ accountCode: total.accountCode, storeCode: total.storeCode, debitFen: Math.max(total.amount, 0), creditFen: Math.max(-total.amount, 0) }));
}

function checkShape(input: StockDocumentInput): void {
  const issues: FieldIssue[] = [];
  if (input.kind === 'transfer') {
    if (!input.to_store_code) issues.push({ field: 'body.to_store_code', code: 'required' });
    else if (input.to_store_code === input.store_code) issues.push({ field: 'body.to_store_code', code: 'transfer_same_store', value: input.to_store_code });
  } else if (input.to_store_code) {
    issues.push({ field: 'body.to_store_code', code: 'only_for_transfers', value: input.to_store_code });
  }
  if (input.counter_account_code && input.kind !== 'receipt') issues.push({ field: 'body.counter_account_code', code: 'only_for_receipts', value: input.counter_account_code });

  const valued = input.kind === 'receipt' || input.kind === 'opening';
  input.lines.forEach((line, index) => {
    const field = `body.lines[${index}]`;
    if (valued && line.value_fen === undefined) issues.push({ field: `${field}.value_fen`, code: 'required' });
    if (!valued && line.value_fen !== undefined) issues.push({ field: `${field}.value_fen`, code: 'value_not_allowed', params: { kind: input.kind }, value: line.value_fen });
    if (input.kind !== 'receipt' && line.tax_fen !== undefined) issues.push({ field: `${field}.tax_fen`, code: 'only_for_receipts', value: line.tax_fen });
  });
  if (issues.length > 0) throw validationError(issues);
}

interface LineContext {
  date: string;
  toDate: string;
  occurredAt: string;
  sourceType: string;
  sourceRef: string | null;
  note: string | null;
}

/** Apply one line's movements and add its journal amounts: [account, debit positive, store]. */
function applyLine(
  book: StockBook,
  rules: PostingRules,
  ledger: [string, number, string?][],
  input: StockDocumentInput,
  item: ItemInfo,
  quantity: number,
  valueFen: number,
  taxFen: number,
  line: LineContext,
): void {
  const move = (storeCode: string, kind: MovementKind, quantityMicro: number, nominalFen: number, date: string) =>
    book.apply({ storeCode, itemCode: item.code, kind, quantityMicro, nominalFen, businessDate: date, occurredAt: line.occurredAt, sourceType: line.sourceType, sourceRef: line.sourceRef, note: line.note });
  const inventory = rules.inventory(item.kind);
  const cogs = rules.cogs(item.kind);

  switch (input.kind) {
    case 'receipt':
    case 'opening': {
      const valuation = move(input.store_code, input.kind, quantity, valueFen, line.date);
      const counter = input.kind === 'receipt' ? (input.counter_account_code ?? rules.account('stock_receipt')) : rules.account('opening_balance');
      ledger.push([inventory, valuation.delta], [cogs, valuation.variance], [counter, -(valueFen + taxFen)]);
      if (taxFen > 0) ledger.push([rules.account('input_vat'), taxFen]);
      return;
    }
    case 'waste': {
      const valuation = move(input.store_code, 'waste', -quantity, 0, line.date);
      ledger.push([rules.waste(item.kind), -valuation.delta], [inventory, valuation.delta]);
      return;
    }
    case 'transfer': {
      const out = move(input.store_code, 'transfer_out', -quantity, 0, line.date);
      const into = move(input.to_store_code!, 'transfer_in', quantity, -out.delta, line.toDate);
      ledger.push([inventory, out.delta, input.store_code], [inventory, into.delta, input.to_store_code!], [cogs, into.variance, input.to_store_code!]);
      return;
    }
  }
}
