import { sql } from 'kysely';
import { ApiError } from '../http/api-error.js';
import { chunks, insertRows } from '../ledger/journal.js';
import { postingTime, type PostingContext } from '../ledger/context.js';
import { fromMicro } from '../math/quantity.js';
import type { ItemInfo } from './items.js';
import { EMPTY_STATE, countTo, issue, receive, type StockState, type Valuation } from './valuation.js';

export type NegativeStockPolicy = 'allow' | 'reject';

export const MOVEMENT_KINDS = ['opening', 'receipt', 'sale', 'refund_return', 'transfer_out', 'transfer_in', 'waste', 'count_adjustment'] as const;
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
   * Movements with the same group (and store, item and kind) are stored as one row, as sales
   * consumption of a posting batch is per store, business date and item.
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

/**
 * The stock balances one posting touches, held in memory: movements are valued one after the
 * other against them, and everything is written back in bulk at the end. The caller holds the
 * stores' posting locks (see lockStores), so no other transaction changes these balances
 * meanwhile.
 */
export class StockBook {
  readonly #states = new Map<string, StockState>();
  readonly #touched = new Set<string>();
  readonly #rows: MovementRow[] = [];
  readonly #groups = new Map<string, MovementRow>();
  readonly #undo: (() => void)[] = [];
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

    for (const [storeCode, itemCodes] of byStore) {
      for (const chunk of chunks([...itemCodes], 5000)) {
        const rows = await context.db
          .selectFrom('stock_balances')
          .selectAll()
          .where('store_code', '=', storeCode)
          .where('item_code', 'in', chunk)
          .execute();
        for (const row of rows) {
          book.#states.set(key(storeCode, row.item_code), {
            quantity: Number(row.quantity_micro),
            value: Number(row.value_fen),
            lastCostQuantity: Number(row.last_cost_quantity_micro),
            lastCostValue: Number(row.last_cost_value_fen),
          });
        }
      }
    }
    return book;
  }

  /** The balance of a store's item as the movements so far left it. */
  state(storeCode: string, itemCode: string): StockState {
    return this.#states.get(key(storeCode, itemCode)) ?? EMPTY_STATE;
  }

  /** The item's master data. */
  item(itemCode: string): ItemInfo {
    const item = this.#items.get(itemCode);
    if (!item) throw new Error(`Item ${itemCode} was not loaded for this posting`);
    return item;
  }

  /**
   * Value a movement against the balance and remember it. Throws InsufficientStockError when
   * the chain rejects negative stock and an outflow needs more than is on hand.
   */
  apply(request: MovementRequest): Valuation {
    const balanceKey = key(request.storeCode, request.itemCode);
    const item = this.item(request.itemCode);
    const before = this.state(request.storeCode, request.itemCode);
    const valuation = this.#value(before, request, item);
    if (this.#policy === 'reject' && valuation.state.quantity < 0 && valuation.state.quantity < before.quantity) {
      throw new InsufficientStockError(request.storeCode, item, before.quantity, before.quantity - valuation.state.quantity);
    }

    const hadState = this.#states.has(balanceKey);
    const wasTouched = this.#touched.has(balanceKey);
    this.#states.set(balanceKey, valuation.state);
    this.#touched.add(balanceKey);
    const undoRow = this.#record(request, valuation, before);
    this.#undo.push(() => {
      if (hadState) this.#states.set(balanceKey, before);
      else this.#states.delete(balanceKey);
      if (!wasTouched) this.#touched.delete(balanceKey);
      undoRow();
    });
    return valuation;
  }

  /** A point to roll back to, so one rejected order leaves no trace in the batch. */
  checkpoint(): number {
    return this.#undo.length;
  }

  /** Undo every movement applied since the checkpoint, newest first. */
  rollback(checkpoint: number): void {
    while (this.#undo.length > checkpoint) this.#undo.pop()!();
  }

  /** The movement rows so far; callers set journal_entry_id before `write`. */
  get rows(): readonly MovementRow[] {
    return this.#rows;
  }

  /**
   * Write the movements and the balances they leave. With `returnIds` the movements are inserted
   * one by one and their ids returned in order, for documents of a few lines; otherwise in bulk.
   */
  async write(context: PostingContext, options: { returnIds?: boolean } = {}): Promise<number[]> {
    const ids: number[] = [];
    if (options.returnIds) {
      for (const row of this.#rows) {
        const inserted = await context.db.insertInto('stock_movements').values(row).returning('id').executeTakeFirstOrThrow();
        ids.push(Number(inserted.id));
      }
    } else {
      await insertRows(context.db, 'stock_movements', this.#rows as unknown as Record<string, unknown>[]);
    }

    const balances = [...this.#touched].sort().map((balanceKey) => {
      const [storeCode, itemCode] = balanceKey.split('\u0000') as [string, string];
      const state = this.#states.get(balanceKey)!;
      return {
        store_code: storeCode,
        item_code: itemCode,
        quantity_micro: state.quantity,
        value_fen: state.value,
        last_cost_quantity_micro: state.lastCostQuantity,
        last_cost_value_fen: state.lastCostValue,
        updated_at: this.#now,
      };
    });
    for (const chunk of chunks(balances, 3000)) {
      await context.db
        .insertInto('stock_balances')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['store_code', 'item_code']).doUpdateSet({
            quantity_micro: sql.ref('excluded.quantity_micro'),
            value_fen: sql.ref('excluded.value_fen'),
            last_cost_quantity_micro: sql.ref('excluded.last_cost_quantity_micro'),
            last_cost_value_fen: sql.ref('excluded.last_cost_value_fen'),
            updated_at: sql.ref('excluded.updated_at'),
          }),
        )
        .execute();
    }
    return ids;
  }

  #value(before: StockState, request: MovementRequest, item: ItemInfo): Valuation {
    if (request.kind === 'count_adjustment') return countTo(before, request.quantityMicro, item.standardCost);
    if (request.quantityMicro < 0) return issue(before, -request.quantityMicro, item.standardCost);
    return receive(before, request.quantityMicro, request.nominalFen ?? 0);
  }

  /** Add the movement to its row (a new one, or its group's), and return how to take it back. */
  #record(request: MovementRequest, valuation: Valuation, before: StockState): () => void {
    const quantity = valuation.state.quantity - before.quantity;
    const flags = [valuation.estimated ? 'estimated_cost' : '', valuation.negative ? 'negative_stock' : ''].filter(Boolean);
    const groupKey = request.group === undefined ? undefined : `${request.group}\u0000${request.storeCode}\u0000${request.itemCode}\u0000${request.kind}`;
    const existing = groupKey === undefined ? undefined : this.#groups.get(groupKey);

    if (existing) {
      const previous = { ...existing };
      existing.quantity_micro += quantity;
      existing.value_fen += valuation.delta;
      existing.variance_fen += valuation.variance;
      existing.balance_quantity_micro = valuation.state.quantity;
      existing.balance_value_fen = valuation.state.value;
      existing.flags = mergeFlags(existing.flags, flags);
      return () => Object.assign(existing, previous);
    }

    const row: MovementRow = {
      store_code: request.storeCode,
      item_code: request.itemCode,
      kind: request.kind,
      quantity_micro: quantity,
      value_fen: valuation.delta,
      variance_fen: valuation.variance,
      balance_quantity_micro: valuation.state.quantity,
      balance_value_fen: valuation.state.value,
      business_date: request.businessDate,
      occurred_at: request.occurredAt,
      source_type: request.sourceType,
      source_ref: request.sourceRef ?? null,
      journal_entry_id: null,
      flags: flags.join(','),
      note: request.note ?? null,
      created_at: this.#now,
    };
    this.#rows.push(row);
    if (groupKey !== undefined) this.#groups.set(groupKey, row);
    return () => {
      this.#rows.pop();
      if (groupKey !== undefined) this.#groups.delete(groupKey);
    };
  }
}

function key(storeCode: string, itemCode: string): string {
  return `${storeCode}\u0000${itemCode}`;
}

function mergeFlags(existing: string, added: string[]): string {
  const set = new Set(existing ? existing.split(',') : []);
  for (const flag of added) set.add(flag);
  return [...set].sort().join(',');
}
