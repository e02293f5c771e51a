import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chunks } from '../ledger/journal.js';

// The sales summaries other domains read (reports, analytics, reconciliation), kept up to date
// in the posting transaction. A batch adds its amounts up in memory and then adds them to the
// stored rows with one upsert per table. Sales in every report = net_fen − refund_fen.

type Row = Record<string, string | number>;

interface SummaryTable {
  table: 'sales_daily_summary' | 'sales_hourly_summary' | 'item_sales_daily' | 'payment_daily_summary';
  keys: readonly string[];
  amounts: readonly string[];
}

const DAILY: SummaryTable = {
  table: 'sales_daily_summary',
  keys: ['store_code', 'business_date', 'channel'],
  amounts: ['orders', 'guests', 'gross_fen', 'discount_fen', 'net_fen', 'refund_fen', 'tax_fen', 'cogs_fen'],
};
const HOURLY: SummaryTable = {
  table: 'sales_hourly_summary',
  keys: ['store_code', 'business_date', 'hour'],
  amounts: ['orders', 'net_fen', 'refund_fen'],
};
const ITEMS: SummaryTable = {
  table: 'item_sales_daily',
  keys: ['store_code', 'business_date', 'menu_item_code'],
  amounts: ['quantity_micro', 'net_fen', 'cogs_fen'],
};
const PAYMENTS: SummaryTable = {
  table: 'payment_daily_summary',
  keys: ['store_code', 'business_date', 'method'],
  amounts: ['payments', 'amount_fen', 'refund_fen'],
};

/** Additions to the four summary tables, collected over a batch. */
export class SummaryChanges {
  readonly #rows = new Map<SummaryTable, Map<string, Row>>([
    [DAILY, new Map()],
    [HOURLY, new Map()],
    [ITEMS, new Map()],
    [PAYMENTS, new Map()],
  ]);

  daily(store: string, date: string, channel: string, amounts: Partial<Record<(typeof DAILY.amounts)[number], number>>): void {
    this.#add(DAILY, [store, date, channel], amounts);
  }

  hourly(store: string, date: string, hour: number, amounts: Partial<Record<(typeof HOURLY.amounts)[number], number>>): void {
    this.#add(HOURLY, [store, date, hour], amounts);
  }

  item(store: string, date: string, code: string, amounts: Partial<Record<(typeof ITEMS.amounts)[number], number>>): void {
    this.#add(ITEMS, [store, date, code], amounts);
  }

  payment(store: string, date: string, method: string, amounts: Partial<Record<(typeof PAYMENTS.amounts)[number], number>>): void {
    this.#add(PAYMENTS, [store, date, method], amounts);
  }

  /** Add the collected amounts to the stored rows, creating rows that do not exist yet. */
  async write(db: Kysely<Database>): Promise<void> {
    for (const [definition, rows] of this.#rows) {
      // Sorted keys make concurrent transactions take the row locks in the same order.
      const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
      for (const chunk of chunks(sorted, 2000)) {
        await db
          .insertInto(definition.table)
          .values(chunk as never)
          .onConflict((oc) =>
            oc.columns(definition.keys as never).doUpdateSet((eb) =>
              Object.fromEntries(definition.amounts.map((column) => [column, eb(`${definition.table}.${column}` as never, '+', eb.ref(`excluded.${column}` as never))])) as never,
            ),
          )
          .execute();
      }
    }
  }

  #add(definition: SummaryTable, keyValues: (string | number)[], amounts: Record<string, number | undefined>): void {
    const rows = this.#rows.get(definition)!;
    const key = keyValues.join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = Object.fromEntries(definition.keys.map((column, index) => [column, keyValues[index]!]));
      for (const column of definition.amounts) row[column] = 0;
      rows.set(key, row);
    }
    for (const [column, value] of Object.entries(amounts)) {
      if (value !== undefined) row[column] = (row[column] as number) + value;
    }
  }
}
