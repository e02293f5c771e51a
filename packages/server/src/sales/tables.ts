import type { Generated } from 'kysely';
import type { DbBoolean } from '../db/schema.js';

// Row types of the sales tables (migration 0003), added to the shared Database interface.
// Quantities are integer millionths; money is fen, VAT included unless the name says otherwise.

export interface PostingBatchTable {
  id: Generated<number>;
  posted_at: string;
  posted_by: string | null;
  request_id: string | null;
  orders: number;
  refunds: number;
}

export interface OrderTable {
  store_code: string;
  order_number: string;
  channel: string;
  ordered_at: string;
  business_date: string;
  period: string;
  /** Local wall-clock hour of ordered_at, 0–23. */
  local_hour: number;
  guests: number;
  gross_fen: number;
  /** Line discounts plus the order-level discount. */
  discount_fen: number;
  order_discount_fen: number;
  net_fen: number;
  tax_fen: number;
  cogs_fen: number;
  refunded_fen: number;
  status: string;
  flags: string;
  note: string | null;
  input_hash: string;
  batch_id: number;
  journal_entry_id: number | null;
  posted_at: string;
}

export interface OrderLineTable {
  store_code: string;
  order_number: string;
  line_number: number;
  menu_item_code: string | null;
  item_code: string | null;
  quantity_micro: number;
  unit_price_fen: number;
  gross_fen: number;
  discount_fen: number;
  allocated_discount_fen: number;
  net_fen: number;
  tax_category: string;
  tax_rate_bp: number;
  tax_fen: number;
  cogs_fen: number;
  consumption: string;
  refunded_quantity_micro: number;
  refunded_fen: number;
  refunded_tax_fen: number;
  settled_consumption: string;
}

export interface OrderPaymentTable {
  store_code: string;
  order_number: string;
  sequence: number;
  method: string;
  amount_fen: number;
  transaction_id: string | null;
  merchant_order_number: string | null;
  account_code: string;
  refunded_fen: number;
}

export interface RefundTable {
  store_code: string;
  refund_number: string;
  order_number: string;
  kind: string;
  refunded_at: string;
  business_date: string;
  period: string;
  local_hour: number;
  amount_fen: number;
  tax_fen: number;
  returned_value_fen: number;
  return_stock: DbBoolean;
  payments_given: DbBoolean;
  reason: string | null;
  input_hash: string;
  batch_id: number;
  journal_entry_id: number | null;
  posted_at: string;
}

export interface RefundLineTable {
  store_code: string;
  refund_number: string;
  line_number: number;
  quantity_micro: number;
  amount_fen: number;
  tax_fen: number;
  returned: string;
  returned_value_fen: number;
}

export interface RefundPaymentTable {
  store_code: string;
  refund_number: string;
  sequence: number;
  method: string;
  amount_fen: number;
  transaction_id: string | null;
  account_code: string;
}

export interface SalesDailySummaryTable {
  store_code: string;
  business_date: string;
  channel: string;
  orders: number;
  guests: number;
  gross_fen: number;
  discount_fen: number;
  net_fen: number;
  refund_fen: number;
  tax_fen: number;
  cogs_fen: number;
}

export interface SalesHourlySummaryTable {
  store_code: string;
  business_date: string;
  hour: number;
  orders: number;
  net_fen: number;
  refund_fen: number;
}

export interface ItemSalesDailyTable {
  store_code: string;
  business_date: string;
  menu_item_code: string;
  quantity_micro: number;
  net_fen: number;
  cogs_fen: number;
}

export interface PaymentDailySummaryTable {
  store_code: string;
  business_date: string;
  method: string;
  payments: number;
  amount_fen: number;
  refund_fen: number;
}

declare module '../db/schema.js' {
  interface Database {
    posting_batches: PostingBatchTable;
    orders: OrderTable;
    order_lines: OrderLineTable;
    order_payments: OrderPaymentTable;
    refunds: RefundTable;
    refund_lines: RefundLineTable;
    refund_payments: RefundPaymentTable;
    sales_daily_summary: SalesDailySummaryTable;
    sales_hourly_summary: SalesHourlySummaryTable;
    item_sales_daily: ItemSalesDailyTable;
    payment_daily_summary: PaymentDailySummaryTable;
  }
}
