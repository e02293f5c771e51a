import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import { canAccessStore, type Principal } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { loadItems, lockStores } from '../inventory/items.js';
import { loadStockPolicy } from '../inventory/settings.js';
import { StockBook } from '../inventory/stock-book.js';
import { loadAccountIndex } from '../ledger/account-index.js';
import { postingTime, type PostingContext } from '../ledger/context.js';
import { chunks } from '../ledger/journal.js';
import { lockPeriodsForPosting } from '../ledger/periods.js';
import { loadPostingRules } from '../ledger/posting-rules.js';
import { loadTaxRates } from '../ledger/tax-rates.js';
import { businessDate, periodOf } from '../time/business-date.js';
import { loadStores, type BatchScope } from './batch-scope.js';
import {
  canonicalOrder,
  canonicalRefund,
  differencesOf,
  hashOf,
  type BatchRefundInput,
  type CanonicalOrder,
  type CanonicalRefund,
  type OrderInput,
} from './canonical.js';
import { EntryBuilder } from './entry-builder.js';
import { addSaleCosts, evaluateOrder } from './evaluate-order.js';
import { evaluateRefund, type RefundState } from './evaluate-refund.js';
import { loadOrders, orderKey, type OrderState } from './order-state.js';
import { Rejection, type PostingIssue, type PostingOutcome } from './outcomes.js';
import { RecipeBook } from './recipe-book.js';
import { storedOrderCanonical, storedRefundCanonical } from './stored-canonical.js';
import { SummaryChanges } from './summaries.js';
import { OrderStream } from './order-stream.js';
import { writeBatch } from './write-batch.js';

/** Orders and refunds to post together, in the API's shapes. */
export interface SalesBatchInput {
  orders: OrderInput[];
  refunds?: BatchRefundInput[];
}

export interface SalesBatchOptions {
  /** Reject the whole batch (422 batch_rejected) when any order or refund is rejected or conflicts. */
  atomic?: boolean;
  /** The caller; a store manager may post only for its own stores. */
  principal?: Principal;
  /** Field path of the records in messages: `orders[3]` by default, `body` for a single order. */
  fieldPrefix?: (kind: 'orders' | 'refunds', index: number) => string;
}

export interface SalesBatchResult {
  batchId: number | null;
  orders: PostingOutcome[];
  refunds: PostingOutcome[];
  /** The orders this batch posted or refunded, by store and number. */
  postedOrders: Map<string, OrderState>;
  /** The refunds this batch posted, by store and refund number. */
  postedRefunds: Map<string, RefundState>;
}

/** Orders valued between two yields to the event loop, a few milliseconds of work. */
const YIELD_EVERY = 32;

/** Records brought into canonical form between two yields, so that the first reads go on meanwhile. */
const PREPARE_YIELD_EVERY = 500;

interface Pending<T> {
  index: number;
  canonical: T;
  /** The canonical form's hash once `inputHash` has computed it. */
  hash: string | undefined;
  prefix: string;
}

/**
 * Return the hash of a record's canonical form, computing it on first use. Most records of a batch
 * are new, and their hash is first needed when they are valued: on PostgreSQL that is while the
 * rows of the orders before them are written, instead of before the first write.
 */
function inputHash(pending: Pending<CanonicalOrder | CanonicalRefund>): string {
  pending.hash ??= hashOf(pending.canonical);
  return pending.hash;
}

/**
 * Post a batch of orders and refunds in the context's transaction: the import engine's and the
 * API's one way to record sales. Lookups (stores, recipes, items, tax rates, posting rules,
 * accounts, stock balances, periods) are read once for the whole batch and every row is written
 * in bulk, so a batch of thousands costs a few dozen statements.
 *
 * Each order and refund is checked on its own and gets one of four outcomes. Posted: written
 * now. Duplicate: the same number and content as before, so nothing changes. Conflict: the same
 * number with other content, and the differences are listed. Rejected: invalid, with its issues,
 * and nothing of it is written. Orders post in the order given, so stock is valued in that order.
 * Refunds post after all orders and may refund orders of the same batch. On PostgreSQL the
 * stores' posting locks and the periods' share locks are held until the transaction ends.
 */
export async function postSalesBatch(context: PostingContext, input: SalesBatchInput, options: SalesBatchOptions = {}): Promise<SalesBatchResult> {
  const prefixOf = options.fieldPrefix ?? ((kind, index) => `${kind}[${index}]`);
  const refundInputs = input.refunds ?? [];
  const orderOutcomes: PostingOutcome[] = input.orders.map((order, index) => ({ index, store_code: order.store_code, order_number: order.order_number, outcome: 'posted' }));
  const refundOutcomes: PostingOutcome[] = refundInputs.map((refund, index) => ({
    index,
    store_code: refund.store_code,
    order_number: refund.order_number,
    refund_number: refund.refund_number,
    outcome: 'posted',
  }));
  const reject = (outcome: PostingOutcome, issues: PostingIssue[]) => Object.assign(outcome, { outcome: 'rejected', issues });

  // The first reads need only the records' store codes and numbers, so they are sent before the
  // canonical forms are built. On PostgreSQL they run while Node.js builds them. Stores are locked
  // before their stored numbers are read, so no other posting adds one meanwhile.
  const inScope = (storeCode: string) => !options.principal || canAccessStore(options.principal, storeCode);
  const storesRead = loadStores(context.db, [...input.orders, ...refundInputs].map((record) => record.store_code).filter(inScope));
  const firstReads = storesRead.then(async (stores) => {
    await lockStores(context.db, context.dialect, stores.keys());
    const orderPairs = input.orders.filter((order) => stores.has(order.store_code)).map((order): [string, string] => [order.store_code, order.order_number]);
    const refundPairs = refundInputs.filter((refund) => stores.has(refund.store_code)).map((refund): [string, string] => [refund.store_code, refund.refund_number]);
    return { stores, storedOrders: await storedHashes(context, 'orders', orderPairs), storedRefunds: await storedHashes(context, 'refunds', refundPairs) };
  });
  // A failure is awaited below, after the canonical forms. This handler keeps Node.js from
  // reporting it as unhandled before then.
  firstReads.catch(() => undefined);

  // Canonical forms, the caller's store scope, and numbers repeated inside the batch.
  const orders = await prepare(input.orders, orderOutcomes, 'orders', prefixOf, options.principal, reject, (order, prefix) => {
    const { order: canonical, issues } = canonicalOrder(order, prefix);
    return { canonical, issues, key: orderKey(order.store_code, order.order_number), storeCode: order.store_code };
  });
  const refunds = await prepare(refundInputs, refundOutcomes, 'refunds', prefixOf, options.principal, reject, (refund, prefix) => {
    const { refund: canonical, issues } = canonicalRefund(refund, refund.store_code, refund.order_number, prefix);
    return { canonical, issues, key: orderKey(refund.store_code, refund.refund_number), storeCode: refund.store_code };
  });

  // Records of unknown stores are rejected.
  const { stores, storedOrders: storedOrderHashes, storedRefunds: storedRefundHashes } = await firstReads;
  const known = <T extends { store_code: string }>(list: Pending<T>[], outcomes: PostingOutcome[]) =>
    list.filter((pending) => {
      if (stores.has(pending.canonical.store_code)) return true;
      const value = pending.canonical.store_code;
      reject(outcomes[pending.index]!, [{ field: `${pending.prefix}.store_code`, code: 'reference_not_found', params: { resource: 'store', value }, value }]);
      return false;
    });

  // Numbers posted before: the same content is a duplicate, other content a conflict.
  const candidates = await settleStoredOrders(context, known(orders, orderOutcomes), orderOutcomes, storedOrderHashes);
  const refundCandidates = await settleStoredRefunds(context, known(refunds, refundOutcomes), refundOutcomes, storedRefundHashes);

  // Shared lookups.
  const refundTargets = refundCandidates
    .map((pending) => ({ storeCode: pending.canonical.store_code, orderNumber: pending.canonical.order_number }))
    .filter((key) => !candidates.some((order) => orderKey(order.canonical.store_code, order.canonical.order_number) === orderKey(key.storeCode, key.orderNumber)));
  const storedOrders = await loadOrders(context.db, refundTargets);
  const recipes = await RecipeBook.load(context.db, candidates.flatMap((p) => p.canonical.lines.map((line) => line.menu_item_code)).filter((code): code is string => code !== null));
  const itemCodes = new Set<string>(recipes.itemCodes());
  for (const pending of candidates) for (const line of pending.canonical.lines) if (line.item_code) itemCodes.add(line.item_code);
  for (const order of storedOrders.values()) for (const line of order.lines) for (const [item] of line.consumption) itemCodes.add(item);
  const items = await loadItems(context.db, itemCodes);

  // The periods to lock, and the journal entries the batch will most likely post to.
  const periods = new Set<string>();
  const entryKeys = new Set<string>();
  const expect = (source: 'sales' | 'refunds', storeCode: string, at: string) => {
    const store = stores.get(storeCode)!;
    const date = businessDate(at, store.timezone, store.dayEndCutoff);
    periods.add(periodOf(date));
    entryKeys.add(EntryBuilder.key(source, storeCode, date));
  };
  for (const { canonical } of candidates) expect('sales', canonical.store_code, canonical.ordered_at);
  for (const { canonical } of refundCandidates) expect('refunds', canonical.store_code, canonical.refunded_at);

  const scope: BatchScope = {
    stores,
    recipes,
    items,
    taxRates: await loadTaxRates(context.db),
    rules: await loadPostingRules(context.db),
    accounts: await loadAccountIndex(context.db),
    periods: await lockPeriodsForPosting(context, periods),
    book: await StockBook.open(context, stockPairs(candidates, storedOrders, recipes, itemCodes), items, await loadStockPolicy(context.db)),
    entries: new EntryBuilder(),
    summaries: new SummaryChanges(),
    orders: storedOrders,
    stockAccounts: new Map(),
    now: postingTime(context),
  };

  // Value the orders, then the refunds, one after the other. New orders are written while the
  // next are valued (see OrderStream), so the loop yields to the event loop every few orders.
  const stream = new OrderStream(context, scope.now);
  try {
    if (candidates.length > 0 || refundCandidates.length > 0) await stream.open(entryKeys);
    const postedRefunds = new Map<string, RefundState>();
    for (let position = 0; position < candidates.length; position += 1) {
      const pending = candidates[position]!;
      try {
        const state = evaluateOrder(scope, pending.canonical, inputHash(pending), stores.get(pending.canonical.store_code)!, pending.prefix);
        scope.orders.set(orderKey(state.storeCode, state.orderNumber), state);
        stream.add(state);
      } catch (error) {
        if (!(error instanceof Rejection)) throw error;
        reject(orderOutcomes[pending.index]!, error.issues);
      }
      if (position % YIELD_EVERY === YIELD_EVERY - 1 && stream.writing) await setImmediate();
    }
    addSaleCosts(scope);
    for (const pending of refundCandidates) {
      try {
        const state = evaluateRefund(scope, pending.canonical, inputHash(pending), stores.get(pending.canonical.store_code)!, pending.prefix);
        postedRefunds.set(orderKey(state.storeCode, state.refundNumber), state);
      } catch (error) {
        if (!(error instanceof Rejection)) throw error;
        reject(refundOutcomes[pending.index]!, error.issues);
      }
    }

    const failed = [...orderOutcomes, ...refundOutcomes].filter((o) => o.outcome === 'rejected' || o.outcome === 'conflict');
    if (options.atomic && failed.length > 0) throw batchRejected(orderOutcomes, refundOutcomes);

    const changedOrders = new Map([...scope.orders].filter(([, order]) => order.isNew || order.changedLines.size > 0 || order.changedPayments.size > 0));
    if (changedOrders.size === 0 && postedRefunds.size === 0) {
      await stream.discard();
      return { batchId: null, orders: orderOutcomes, refunds: refundOutcomes, postedOrders: changedOrders, postedRefunds };
    }
    const batchId = await writeBatch(context, scope, stream, changedOrders, postedRefunds);
    return { batchId, orders: orderOutcomes, refunds: refundOutcomes, postedOrders: changedOrders, postedRefunds };
  } finally {
    await stream.settled();
  }
}

/**
 * Turn the inputs into canonical forms, rejecting those without one and those of stores outside
 * the caller's. A number repeated in the batch is a duplicate or conflict of its first use.
 */
async function prepare<I, T extends CanonicalOrder | CanonicalRefund>(
  inputs: I[],
  outcomes: PostingOutcome[],
  kind: 'orders' | 'refunds',
  prefixOf: (kind: 'orders' | 'refunds', index: number) => string,
  principal: Principal | undefined,
  reject: (outcome: PostingOutcome, issues: PostingIssue[]) => void,
  canonicalise: (input: I, prefix: string) => { canonical?: T; issues: PostingIssue[]; key: string; storeCode: string },
): Promise<Pending<T>[]> {
  const pending: Pending<T>[] = [];
  const firstByKey = new Map<string, Pending<T>>();
  for (let index = 0; index < inputs.length; index += 1) {
    if (index % PREPARE_YIELD_EVERY === PREPARE_YIELD_EVERY - 1) await setImmediate();
    const input = inputs[index]!;
    const prefix = prefixOf(kind, index);
    const outcome = outcomes[index]!;
    const { canonical, issues, key, storeCode } = canonicalise(input, prefix);
    if (principal && !canAccessStore(principal, storeCode)) {
      reject(outcome, [{ field: `${prefix}.store_code`, code: 'store_out_of_scope', params: { allowed: principal.storeCodes, store_code: storeCode } }]);
      continue;
    }
    if (!canonical) {
      reject(outcome, issues);
      continue;
    }

    const entry: Pending<T> = { index, canonical, hash: undefined, prefix };
    const first = firstByKey.get(key);
    if (first) {
      if (inputHash(first) === inputHash(entry)) outcome.outcome = 'duplicate';
      else Object.assign(outcome, { outcome: 'conflict', differences: differencesOf(first.canonical, canonical) });
      continue;
    }
    firstByKey.set(key, entry);
    pending.push(entry);
  }
  return pending;
}

/** Mark orders whose store and number were posted before (`stored`: hashes by orderKey); return the others. */
async function settleStoredOrders(
  context: PostingContext,
  candidates: Pending<CanonicalOrder>[],
  outcomes: PostingOutcome[],
  stored: ReadonlyMap<string, string>,
): Promise<Pending<CanonicalOrder>[]> {

  const remaining: Pending<CanonicalOrder>[] = [];
  for (const pending of candidates) {
    const hash = stored.get(orderKey(pending.canonical.store_code, pending.canonical.order_number));
    if (hash === undefined) remaining.push(pending);
    else if (hash === inputHash(pending)) outcomes[pending.index]!.outcome = 'duplicate';
    else {
      const before = await storedOrderCanonical(context.db, pending.canonical.store_code, pending.canonical.order_number);
      Object.assign(outcomes[pending.index]!, { outcome: 'conflict', differences: differencesOf(before, pending.canonical) });
    }
  }
  return remaining;
}

/** Mark refunds whose store and refund number were posted before (`stored`: hashes by orderKey); return the others. */
async function settleStoredRefunds(
  context: PostingContext,
  candidates: Pending<CanonicalRefund>[],
  outcomes: PostingOutcome[],
  stored: ReadonlyMap<string, string>,
): Promise<Pending<CanonicalRefund>[]> {

  const remaining: Pending<CanonicalRefund>[] = [];
  for (const pending of candidates) {
    const hash = stored.get(orderKey(pending.canonical.store_code, pending.canonical.refund_number));
    if (hash === undefined) remaining.push(pending);
    else if (hash === inputHash(pending)) outcomes[pending.index]!.outcome = 'duplicate';
    else {
      const before = await storedRefundCanonical(context.db, pending.canonical.store_code, pending.canonical.refund_number);
      Object.assign(outcomes[pending.index]!, { outcome: 'conflict', differences: differencesOf(before, pending.canonical) });
    }
  }
  return remaining;
}

/**
 * Read the input hashes of the orders or refunds stored under these store codes and numbers, by
 * orderKey. PostgreSQL gets one statement that joins two arrays. SQLite gets one `in` list per
 * store and 5,000 numbers, because it has no arrays.
 */
async function storedHashes(context: PostingContext, table: 'orders' | 'refunds', pairs: [string, string][]): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  if (pairs.length === 0) return stored;
  const column = table === 'orders' ? 'order_number' : 'refund_number';

  if (context.dialect === 'postgres') {
    const storeCodes = pairs.map(([storeCode]) => storeCode);
    const numbers = pairs.map(([, number]) => number);
    const result = await sql<{ store_code: string; number: string; input_hash: string }>`
      select t.store_code, t.${sql.ref(column)} as number, t.input_hash
      from ${sql.table(table)} t
      join unnest(${storeCodes}::text[], ${numbers}::text[]) as k(store_code, number) on t.store_code = k.store_code and t.${sql.ref(column)} = k.number`.execute(context.db);
    for (const row of result.rows) stored.set(orderKey(row.store_code, row.number), row.input_hash);
    return stored;
  }

  for (const [storeCode, numbers] of groupNumbers(pairs)) {
    for (const chunk of chunks(numbers, 5000)) {
      const rows = await context.db.selectFrom(table).select([`${column} as number`, 'input_hash']).where('store_code', '=', storeCode).where(column, 'in', chunk).execute();
      for (const row of rows) stored.set(orderKey(storeCode, row.number as string), row.input_hash);
    }
  }
  return stored;
}

function groupNumbers(pairs: [string, string][]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [store, number] of pairs) {
    const list = groups.get(store);
    if (list) list.push(number);
    else groups.set(store, [number]);
  }
  return groups;
}

/** List the balances a batch may touch: each order's store with its lines' items, and each refunded order's store with what it took. */
function stockPairs(
  candidates: Pending<CanonicalOrder>[],
  storedOrders: Map<string, OrderState>,
  recipes: RecipeBook,
  knownItems: Set<string>,
): { storeCode: string; itemCode: string }[] {
  // Menu items and items per store first, so each recipe is expanded once per store.
  const sold = new Map<string, { menuItems: Set<string>; items: Set<string> }>();
  const of = (storeCode: string) => {
    let entry = sold.get(storeCode);
    if (!entry) {
      entry = { menuItems: new Set(), items: new Set() };
      sold.set(storeCode, entry);
    }
    return entry;
  };
  for (const { canonical } of candidates) {
    const entry = of(canonical.store_code);
    for (const line of canonical.lines) {
      if (line.item_code) entry.items.add(line.item_code);
      else if (line.menu_item_code && recipes.menuItem(line.menu_item_code)) entry.menuItems.add(line.menu_item_code);
    }
  }
  for (const order of storedOrders.values()) for (const line of order.lines) for (const [item] of line.consumption) of(order.storeCode).items.add(item);

  const pairs: { storeCode: string; itemCode: string }[] = [];
  for (const [storeCode, { menuItems, items }] of sold) {
    for (const code of menuItems) for (const item of recipes.expand(code).keys()) items.add(item);
    for (const item of items) if (knownItems.has(item)) pairs.push({ storeCode, itemCode: item });
  }
  return pairs;
}

/** Build the 422 of an atomic batch, with every issue of every rejected or conflicting record. */
function batchRejected(orders: PostingOutcome[], refunds: PostingOutcome[]): ApiError {
  const failed = [...orders.map((o) => ({ kind: 'orders', o })), ...refunds.map((o) => ({ kind: 'refunds', o }))].filter(
    ({ o }) => o.outcome === 'rejected' || o.outcome === 'conflict',
  );
  const issues = failed.flatMap(({ kind, o }) =>
    o.outcome === 'conflict'
      ? [{ field: `body.${kind}[${o.index}]`, code: 'number_conflict', params: { fields: (o.differences ?? []).map((d) => d.field) } }]
      : (o.issues ?? []).map((issue) => ({ ...issue, field: `body.${issue.field}` })),
  );
  return new ApiError(422, 'batch_rejected', { count: failed.length, indexes: failed.map(({ kind, o }) => `${kind}[${o.index}]`) }, issues);
}
