import { sql } from 'kysely';
import { WritePipeline } from '../db/write-pipeline.js';
import { ApiError } from '../http/api-error.js';
import { chunks } from '../ledger/journal.js';
import { postingTime, type PostingContext } from '../ledger/context.js';
import { fromMicro } from '../math/quantity.js';
import type { ItemInfo } from './items.js';
import type { StockBalanceTable } from './tables.js';
import { EMPTY_STATE, countTo, issue, receive, type StockState, type Valuation } from './valuation.js';

export type NegativeStockPolicy = 'allow' | 'reject';

export const MOVEMENT_KINDS = ['opening', 'receipt', 'sale', 'refund_return', 'transfer_out', 'transfer_in', 'waste', 'count_adjustment', 'maintenance'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** One change of one store's stock of one item, before it is valued. */
export interface MovementRequest {
  storeCode: string;
  itemCode: string;
  kind: MovementKind;
  /**
   * Millionths of the base unit: positive puts into stock, negative takes out. For a
   * count_adjustment, the counted quantity instead (the balance is set to it).
   */
  quantityMicro: number;
  /** Value of an inflow, fen; ignored for outflows and counts, which are valued at moving-average cost. */
  nominalFen?: number;
  businessDate: string;
  occurredAt: string;
  sourceType: string;
  sourceRef?: string | null;
  note?: string | null;
  /**
   * Movements of the same store and item with the same group are stored as one row, as sales
   * consumption of a posting batch is per store, business date and item. A group is for one
   * kind of movement only.
   */
  group?: string;
}

/** A valued movement as it is stored. */
export interface MovementRow {
  store_code: string;
  item_code: string;
  kind: string;
  quantity_micro: number;
  value_fen: number;
  variance_fen: number;
  balance_quantity_micro: number;
  balance_value_fen: number;
  business_date: string;
  occurred_at: string;
  source_type: string;
  source_ref: string | null;
  journal_entry_id: number | null;
  flags: string;
  note: string | null;
  created_at: string;
}

/** Raised by StockBook.apply when the chain rejects negative stock and the movement would cause it. */
export class InsufficientStockError extends ApiError {
  constructor(storeCode: string, item: ItemInfo, onHandMicro: number, requiredMicro: number) {
    super(409, 'insufficient_stock', {
      store_code: storeCode,
      item_code: item.code,
      on_hand: fromMicro(onHandMicro),
      required: fromMicro(requiredMicro),
      unit: item.baseUnit,
    });
  }
}

/** One balance of the book, with its movement rows by group. */
interface Slot {
  storeCode: string;
  item: ItemInfo;
  state: StockState;
  touched: boolean;
  groups: Map<string, MovementRow> | undefined;
}

/**
 * The stock balances one posting touches, held in memory: movements are valued one after the
 * other against them, and everything is written back in bulk at the end. The caller holds the
 * stores' posting locks (see lockStores), so no other transaction changes these balances
 * meanwhile.
 */
export class StockBook {
  readonly #slots = new Map<string, Map<string, Slot>>();
  readonly #rows: MovementRow[] = [];
  readonly #items: Map<string, ItemInfo>;
  readonly #policy: NegativeStockPolicy;
  readonly #now: string;

  private constructor(items: Map<string, ItemInfo>, policy: NegativeStockPolicy, now: string) {
    this.#items = items;
    this.#policy = policy;
    this.#now = now;
  }

  /** Read the balances of these stores and items. */
  static async open(
    context: PostingContext,
    pairs: Iterable<{ storeCode: string; itemCode: string }>,
    items: Map<string, ItemInfo>,
    policy: NegativeStockPolicy,
  ): Promise<StockBook> {
    const book = new StockBook(items, policy, postingTime(context));
    const byStore = new Map<string, Set<string>>();
    for (const { storeCode, itemCode } of pairs) {
      const set = byStore.get(storeCode) ?? new Set<string>();
      set.add(itemCode);
      byStore.set(storeCode, set);
    }

    for (const row of await readBalances(context, byStore)) {
      book.#slot(row.store_code, row.item_code).state = {
        quantity: Number(row.quantity_micro),
        value: Number(row.value_fen),
        lastCostQuantity: Number(row.last_cost_quantity_micro),
        lastCostValue: Number(row.last_cost_value_fen),
      };
    }
    return book;
  }

  /** Return the balance of a store's item as the movements so far left it. */
  state(storeCode: string, itemCode: string): StockState {
    return this.#slots.get(storeCode)?.get(itemCode)?.state ?? EMPTY_STATE;
  }

  /** Return the item's master data. */
  item(itemCode: string): ItemInfo {
    const item = this.#items.get(itemCode);
    if (!item) throw new Error(`Item ${itemCode} was not loaded for this posting`);
    return item;
  }

  /**
   * Value a movement against the balance and remember it. Throws InsufficientStockError when
   * the chain rejects negative stock and an outflow needs more than is on hand. To reject a whole
   * order before any of its movements is applied, check it first with `shortfall`.
   */
  apply(request: MovementRequest): Valuation {
    const slot = this.#slot(request.storeCode, request.itemCode);
    const before = slot.state;
    const valuation = this.#value(before, request, slot.item);
    this.#check(slot, before, valuation);
    if (!this.#addToGroup(slot, before, valuation, request.group)) {
      this.#addRow(slot, before, valuation, request.group, {
        kind: request.kind,
        businessDate: request.businessDate,
        occurredAt: request.occurredAt,
        sourceType: request.sourceType,
        sourceRef: request.sourceRef ?? null,
        note: request.note ?? null,
      });
    }
    return valuation;
  }

  /**
   * Take `quantityMicro` out of stock for a sale, into the sale movement of `group`: the hot path
   * of batch posting, the same as `apply` with kind sale without building a request.
   */
  take(storeCode: string, itemCode: string, quantityMicro: number, group: string, businessDate: string, occurredAt: string): Valuation {
    const slot = this.#slot(storeCode, itemCode);
    const before = slot.state;
    const valuation = issue(before, quantityMicro, slot.item.standardCost);
    this.#check(slot, before, valuation);
    if (!this.#addToGroup(slot, before, valuation, group)) {
      this.#addRow(slot, before, valuation, group, { kind: 'sale', businessDate, occurredAt, sourceType: 'sales_batch', sourceRef: null, note: null });
    }
    return valuation;
  }

  /** True when the chain rejects movements that take stock below zero. */
  get rejectsNegative(): boolean {
    return this.#policy === 'reject';
  }

  /**
   * Find the first item of `needs` (item → millionths to take out) that the store lacks when the
   * chain rejects negative stock, and return its error. Returns undefined when everything can be taken.
   */
  shortfall(storeCode: string, needs: ReadonlyMap<string, number>): InsufficientStockError | undefined {
    if (this.#policy !== 'reject') return undefined;
    for (const [itemCode, needed] of needs) {
      const onHand = this.state(storeCode, itemCode).quantity;
      if (needed > 0 && onHand - needed < 0) return new InsufficientStockError(storeCode, this.item(itemCode), onHand, needed);
    }
    return undefined;
  }

  /** The movement rows so far; callers set journal_entry_id before `write`. */
  get rows(): readonly MovementRow[] {
    return this.#rows;
  }

  /**
   * Write the movements and the balances they leave. With `returnIds` the movements are inserted
   * one by one and their ids returned in order, for documents of a few lines. Otherwise they are
   * inserted in bulk, through `pipeline` when one is given, as a batch posting does.
   */
  async write(context: PostingContext, options: { returnIds?: boolean; pipeline?: WritePipeline } = {}): Promise<number[]> {
    const pipeline = options.pipeline ?? new WritePipeline(context);
    const ids: number[] = [];
    if (options.returnIds) {
      for (const row of this.#rows) {
        const inserted = await context.db.insertInto('stock_movements').values(row).returning('id').executeTakeFirstOrThrow();
        ids.push(Number(inserted.id));
      }
    } else {
      await pipeline.insert('stock_movements', this.#rows as unknown as Record<string, unknown>[]);
    }

    // Sorted keys make concurrent transactions take the row locks in the same order.
    const touched: Slot[] = [];
    for (const store of this.#slots.values()) for (const slot of store.values()) if (slot.touched) touched.push(slot);
    touched.sort((a, b) => compare(a.storeCode, b.storeCode) || compare(a.item.code, b.item.code));
    const balances = touched.map((slot) => ({
      store_code: slot.storeCode,
      item_code: slot.item.code,
      quantity_micro: slot.state.quantity,
      value_fen: slot.state.value,
      last_cost_quantity_micro: slot.state.lastCostQuantity,
      last_cost_value_fen: slot.state.lastCostValue,
      updated_at: this.#now,
    }));
    await pipeline.upsert('stock_balances', balances, ['store_code', 'item_code'], 'replace');
    if (!options.pipeline) await pipeline.finish();
    return ids;
  }

  #slot(storeCode: string, itemCode: string): Slot {
    let store = this.#slots.get(storeCode);
    if (!store) {
      store = new Map();
      this.#slots.set(storeCode, store);
    }
    let slot = store.get(itemCode);
    if (!slot) {
      slot = { storeCode, item: this.item(itemCode), state: EMPTY_STATE, touched: false, groups: undefined };
      store.set(itemCode, slot);
    }
    return slot;
  }

  #check(slot: Slot, before: StockState, valuation: Valuation): void {
    if (this.#policy === 'reject' && valuation.state.quantity < 0 && valuation.state.quantity < before.quantity) {
      throw new InsufficientStockError(slot.storeCode, slot.item, before.quantity, before.quantity - valuation.state.quantity);
    }
  }

  #value(before: StockState, request: MovementRequest, item: ItemInfo): Valuation {
    if (request.kind === 'count_adjustment') return countTo(before, request.quantityMicro, item.standardCost);
    if (request.quantityMicro < 0) return issue(before, -request.quantityMicro, item.standardCost);
    return receive(before, request.quantityMicro, request.nominalFen ?? 0);
  }

  /**
   * Keep the new state and add the movement to the row of its group, when the group has one. A
   * group is per kind: callers use different groups for different kinds. Returns false when the
   * movement needs a row of its own (see #addRow).
   */
  #addToGroup(slot: Slot, before: StockState, valuation: Valuation, group: string | undefined): boolean {
    const existing = group === undefined ? undefined : slot.groups?.get(group);
    if (!existing) return false;
    slot.state = valuation.state;
    slot.touched = true;
    existing.quantity_micro += valuation.state.quantity - before.quantity;
    existing.value_fen += valuation.delta;
    existing.variance_fen += valuation.variance;
    existing.balance_quantity_micro = valuation.state.quantity;
    existing.balance_value_fen = valuation.state.value;
    if (valuation.estimated || valuation.negative) existing.flags = mergeFlags(existing.flags, flagsOf(valuation));
    return true;
  }

  /** Keep the new state and store the movement as a new row, the first of its group. */
  #addRow(slot: Slot, before: StockState, valuation: Valuation, group: string | undefined, source: RowSource): void {
    slot.state = valuation.state;
    slot.touched = true;
    const row: MovementRow = {
      store_code: slot.storeCode,
      item_code: slot.item.code,
      kind: source.kind,
      quantity_micro: valuation.state.quantity - before.quantity,
      value_fen: valuation.delta,
      variance_fen: valuation.variance,
      balance_quantity_micro: valuation.state.quantity,
      balance_value_fen: valuation.state.value,
      business_date: source.businessDate,
      occurred_at: source.occurredAt,
      source_type: source.sourceType,
      source_ref: source.sourceRef,
      journal_entry_id: null,
      flags: flagsOf(valuation).join(','),
      note: source.note,
      created_at: this.#now,
    };
    this.#rows.push(row);
    if (group !== undefined) (slot.groups ??= new Map()).set(group, row);
  }
}

/**
 * Read the stored balances of these stores' items. PostgreSQL gets one statement that joins two
 * arrays. SQLite gets one `in` list per store and 5,000 items, because it has no arrays.
 */
async function readBalances(context: PostingContext, byStore: ReadonlyMap<string, ReadonlySet<string>>): Promise<StockBalanceTable[]> {
  if (context.dialect === 'postgres') {
    const storeCodes: string[] = [];
    const itemCodes: string[] = [];
    for (const [storeCode, codes] of byStore) {
      for (const itemCode of codes) {
        storeCodes.push(storeCode);
        itemCodes.push(itemCode);
      }
    }
    if (storeCodes.length === 0) return [];
    const result = await sql<StockBalanceTable>`
      select b.* from ${sql.table('stock_balances')} b
      join unnest(${storeCodes}::text[], ${itemCodes}::text[]) as k(store_code, item_code) on b.store_code = k.store_code and b.item_code = k.item_code`.execute(context.db);
    return result.rows;
  }

  const rows: StockBalanceTable[] = [];
  for (const [storeCode, itemCodes] of byStore) {
    for (const chunk of chunks([...itemCodes], 5000)) {
      rows.push(...(await context.db.selectFrom('stock_balances').selectAll().where('store_code', '=', storeCode).where('item_code', 'in', chunk).execute()));
    }
  }
  return rows;
}

/** The origin of a new movement row. */
interface RowSource {
  kind: string;
  businessDate: string;
  occurredAt: string;
  sourceType: string;
  sourceRef: string | null;
  note: string | null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function flagsOf(valuation: Valuation): string[] {
  return [valuation.estimated ? 'estimated_cost' : '', valuation.negative ? 'negative_stock' : ''].filter(Boolean);
}

function mergeFlags(existing: string, added: string[]): string {
  if (added.every((flag) => existing.includes(flag))) return existing;
  const set = new Set(existing ? existing.split(',') : []);
  for (const flag of added) set.add(flag);
  return [...set].sort().join(',');
}
