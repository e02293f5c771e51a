// The tables a report definition can read, and what it may do with each: the columns its
// measures add up, the columns it may group or filter by, and how its rows are dated.

import type { LocalizedText } from '../render/document.js';

/** How a source's rows are placed in time: a business date, an accounting period, or a UTC instant. */
export type DateKind = 'date' | 'period' | 'instant';

export interface SourceSpec {
  readonly table: string;
  readonly date: { readonly column: string; readonly kind: DateKind } | null;
  /** The store column, for the store, region and brand dimensions and filters. */
  readonly store: string | null;
  /** Columns a measure expression may use. */
  readonly numeric: readonly string[];
  /**
   * Dimension name → column of the source table, besides store, region, brand, date and weekday.
   * A qualified column (`rc.channel`) is read from the table `join` adds.
   */
  readonly dimensions: Readonly<Record<string, string>>;
  /** SQL joining one more table to the source table `t`, for the qualified dimension columns. */
  readonly join?: string;
  /** Columns a measure's `where` may test. */
  readonly filters: readonly string[];
  /**
   * True for data that is recorded for some stores and days only (labour hours, footfall): a row
   * without such data shows an empty cell, never zero, and an empty period is reported as missing.
   */
  readonly sparse?: boolean;
  /** True for master data (stores) that never starts a row on its own. */
  readonly lookup?: boolean;
  /** What the report says when the source has no rows for the period, or does not exist yet. */
  readonly missing?: LocalizedText;
  /** False for data BOH does not record yet; its measures are empty and the note says so. */
  readonly available?: boolean;
}

export const SOURCES: Readonly<Record<string, SourceSpec>> = {
  sales_daily: {
    table: 'sales_daily_summary',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['orders', 'guests', 'gross_fen', 'discount_fen', 'net_fen', 'refund_fen', 'tax_fen', 'cogs_fen'],
    dimensions: { channel: 'channel' },
    filters: ['channel'],
  },
  sales_hourly: {
    table: 'sales_hourly_summary',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['orders', 'net_fen', 'refund_fen'],
    dimensions: { hour: 'hour' },
    filters: [],
  },
  item_sales: {
    table: 'item_sales_daily',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['quantity_micro', 'net_fen', 'cogs_fen'],
    dimensions: { item: 'menu_item_code' },
    filters: ['menu_item_code'],
  },
  payments: {
    table: 'payment_daily_summary',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['payments', 'amount_fen', 'refund_fen'],
    dimensions: { method: 'method' },
    filters: ['method'],
  },
  ledger: {
    table: 'ledger_balances',
    date: { column: 'period', kind: 'period' },
    store: 'store_code',
    numeric: ['debit_fen', 'credit_fen'],
    dimensions: { account: 'account_code' },
    filters: ['account_code'],
  },
  journal_lines: {
    table: 'journal_lines',
    date: { column: 'entry_date', kind: 'date' },
    store: 'store_code',
    numeric: ['debit_fen', 'credit_fen'],
    dimensions: { account: 'account_code' },
    filters: ['account_code'],
  },
  stock_movements: {
    table: 'stock_movements',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['quantity_micro', 'value_fen', 'variance_fen'],
    dimensions: { item: 'item_code', kind: 'kind' },
    filters: ['kind', 'item_code'],
  },
  tickets: {
    table: 'tickets',
    date: { column: 'created_at', kind: 'instant' },
    store: 'store_code',
    numeric: ['parts_cost_fen', 'labour_cost_fen', 'reopen_count', 'rating'],
    dimensions: { category: 'category', priority: 'priority', status: 'status' },
    filters: ['status', 'response_status', 'resolution_status', 'priority', 'category', 'kind'],
  },
  labour_hours: {
    table: 'labour_hours',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['hours_milli', 'cost_fen'],
    dimensions: { role: 'role' },
    filters: ['role'],
    sparse: true,
    missing: {
      en: 'No labour hours were recorded for this period, so sales per labour hour and labour cost are left empty. Import them with `boh import labour_hours` (or POST /labour-hours).',
      'zh-CN': '本期间没有工时数据，人效和人工成本留空。请用 `boh import labour_hours` 导入工时（或调用 POST /labour-hours）。',
    },
  },
  footfall: {
    table: 'footfall_counts',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['visitors'],
    dimensions: { hour: 'hour' },
    filters: [],
    sparse: true,
    missing: {
      en: 'No footfall counts were recorded for this period, so footfall conversion is left empty. Import them with `boh import footfall` (or POST /footfall-counts).',
      'zh-CN': '本期间没有客流数据，客流转化率留空。请用 `boh import footfall` 导入客流（或调用 POST /footfall-counts）。',
    },
  },
  reconciliations: {
    table: 'reconciliations',
    date: { column: 'period', kind: 'period' },
    // Empty for a chain-wide run, which a store, region or brand filter therefore leaves out.
    store: 'store_code',
    numeric: ['runs', 'unexplained_count', 'unexplained_fen'],
    dimensions: { channel: 'channel' },
    filters: ['channel'],
    missing: {
      en: 'No reconciliation of this period has been run. Run boh reconcile <channel> --period for each payment channel.',
      'zh-CN': '本期间还没有运行过对账。请对每个支付渠道运行 boh reconcile <渠道> --period。',
    },
  },
  reconciliation_items: {
    table: 'reconciliation_items',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['amount_fen', 'difference_fen', 'fee_milli_fen'],
    // An item's channel is the channel of its reconciliation; bank runs have the channel `bank`.
    dimensions: { state: 'state', channel: 'rc.channel' },
    join: 'join reconciliations rc on rc.id = t.reconciliation_id',
    filters: ['state'],
  },
  stores: {
    table: 'stores',
    date: null,
    store: 'code',
    numeric: ['area_m2', 'seats'],
    dimensions: {},
    filters: ['lifecycle_stage'],
    lookup: true,
  },
  purchases: {
    table: 'purchase_lines',
    date: { column: 'business_date', kind: 'date' },
    store: 'store_code',
    numeric: ['quantity_micro', 'amount_fen'],
    dimensions: { item: 'item_code', supplier: 'supplier_code' },
    filters: [],
    available: false,
    missing: {
      en: 'BOH does not record purchases yet, so the procurement cost trend has no figures. It fills in once purchasing exists.',
      'zh-CN': 'BOH 尚未记录采购数据，采购成本趋势暂无数字，待采购功能上线后补齐。',
    },
  },
};

/** Dimensions every source with a store column or a date column has. */
export const STORE_DIMENSIONS = ['store', 'region', 'brand'] as const;
export const DATE_DIMENSIONS = ['date', 'weekday'] as const;

export function sourceDimensions(source: SourceSpec): string[] {
  const names = Object.keys(source.dimensions);
  if (source.store) names.push(...STORE_DIMENSIONS);
  if (source.date?.kind === 'date') names.push(...DATE_DIMENSIONS);
  return names;
}
