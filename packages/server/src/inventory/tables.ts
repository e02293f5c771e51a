import type { Generated } from 'kysely';

// Row types of the inventory tables (migration 0003), added to the shared Database interface.
// Quantities are integer millionths of the item's base unit; values are fen.

export interface StockSettingsTable {
  id: number;
  /** `allow` (and flag the movement) or `reject`. */
  negative_stock: string;
  version: number;
  updated_at: string;
}

export interface StockBalanceTable {
  store_code: string;
  item_code: string;
  quantity_micro: number;
  value_fen: number;
  last_cost_quantity_micro: number;
  last_cost_value_fen: number;
  updated_at: string;
}

export interface StockMovementTable {
  id: Generated<number>;
  store_code: string;
  item_code: string;
  kind: string;
  /** Signed: positive into stock, negative out of it. */
  quantity_micro: number;
  /** Signed change of the balance's value. */
  value_fen: number;
  /** The part of an inflow's value that went to cost of goods sold instead of stock. */
  variance_fen: number;
  balance_quantity_micro: number;
  balance_value_fen: number;
  business_date: string;
  occurred_at: string;
  source_type: string;
  source_ref: string | null;
  journal_entry_id: number | null;
  /** Comma-separated: negative_stock, estimated_cost. */
  flags: string;
  note: string | null;
  created_at: string;
}

export interface StockCountTable {
  id: Generated<number>;
  store_code: string;
  count_date: string;
  status: string;
  note: string | null;
  /** What posting does with lines nobody counted: `skip` them or count them as `zero`. */
  uncounted: string;
  journal_entry_id: number | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  posted_at: string | null;
  posted_by: string | null;
}

export interface StockCountLineTable {
  count_id: number;
  item_code: string;
  counted_quantity_micro: number | null;
  /** The quantity as entered, in `entered_unit`, as a decimal string. */
  entered_quantity: string | null;
  entered_unit: string | null;
  system_quantity_micro: number | null;
  system_value_fen: number | null;
  variance_quantity_micro: number | null;
  variance_value_fen: number | null;
}

declare module '../db/schema.js' {
  interface Database {
    stock_settings: StockSettingsTable;
    stock_balances: StockBalanceTable;
    stock_movements: StockMovementTable;
    stock_counts: StockCountTable;
    stock_count_lines: StockCountLineTable;
  }
}
