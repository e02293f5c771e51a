import type { WritePipeline } from '../db/write-pipeline.js';
import type { ItemSalesDailyTable, PaymentDailySummaryTable, SalesDailySummaryTable, SalesHourlySummaryTable } from './tables.js';

// The sales summaries other domains read (reports, analytics, reconciliation), kept up to date
// in the posting transaction. A batch adds its amounts up in memory, in rows the callers add
// to, and then adds them to the stored rows with one upsert per table. Sales in every report =
// net_fen − refund_fen.

/** Additions to the four summary tables, collected over a batch. */
export class SummaryChanges {
  readonly #daily = new Map<string, SalesDailySummaryTable>();
  readonly #hourly = new Map<string, SalesHourlySummaryTable>();
  readonly #items = new Map<string, ItemSalesDailyTable>();
  readonly #payments = new Map<string, PaymentDailySummaryTable>();

  /** Return the row of a store, business date and channel to add amounts to. */
  daily(store: string, date: string, channel: string): SalesDailySummaryTable {
    const key = `${store}\u0000${date}\u0000${channel}`;
    let row = this.#daily.get(key);
    if (!row) {
      row = { store_code: store, business_date: date, channel, orders: 0, guests: 0, gross_fen: 0, discount_fen: 0, net_fen: 0, refund_fen: 0, tax_fen: 0, cogs_fen: 0 };
      this.#daily.set(key, row);
    }
    return row;
  }

  /** Return the row of a store, business date and local hour to add amounts to. */
  hourly(store: string, date: string, hour: number): SalesHourlySummaryTable {
    const key = `${store}\u0000${date}\u0000${hour}`;
    let row = this.#hourly.get(key);
    if (!row) {
      row = { store_code: store, business_date: date, hour, orders: 0, net_fen: 0, refund_fen: 0 };
      this.#hourly.set(key, row);
    }
    return row;
  }

  /** Return the row of a store, business date and menu item (or item sold as it is) to add amounts to. */
  item(store: string, date: string, code: string): ItemSalesDailyTable {
    const key = `${store}\u0000${date}\u0000${code}`;
    let row = this.#items.get(key);
    if (!row) {
      row = { store_code: store, business_date: date, menu_item_code: code, quantity_micro: 0, net_fen: 0, cogs_fen: 0 };
      this.#items.set(key, row);
    }
    return row;
  }

  /** Return the row of a store, business date and payment method to add amounts to. */
  payment(store: string, date: string, method: string): PaymentDailySummaryTable {
    const key = `${store}\u0000${date}\u0000${method}`;
    let row = this.#payments.get(key);
    if (!row) {
      row = { store_code: store, business_date: date, method, payments: 0, amount_fen: 0, refund_fen: 0 };
      this.#payments.set(key, row);
    }
    return row;
  }

  /** Add the collected amounts to the stored rows, creating rows that do not exist yet. */
  async write(pipeline: WritePipeline): Promise<void> {
    const keys = ['store_code', 'business_date'];
    await pipeline.upsert('sales_daily_summary', sorted(this.#daily), [...keys, 'channel'], 'add');
    await pipeline.upsert('sales_hourly_summary', sorted(this.#hourly), [...keys, 'hour'], 'add');
    await pipeline.upsert('item_sales_daily', sorted(this.#items), [...keys, 'menu_item_code'], 'add');
    await pipeline.upsert('payment_daily_summary', sorted(this.#payments), [...keys, 'method'], 'add');
  }
}

/** Sort the rows by key, so concurrent transactions take the row locks in the same order. */
function sorted<T extends object>(rows: Map<string, T>): Record<string, unknown>[] {
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row as Record<string, unknown>);
}
