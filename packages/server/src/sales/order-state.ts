import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chunks } from '../ledger/journal.js';
import type { OrderLineTable, OrderPaymentTable, OrderTable } from './tables.js';

// A posted order in memory, as the batch posting builds it and refunds change it. Orders posted
// earlier are read back into the same shape when a refund names them.

/** [item code, millionths of the base unit, value in fen]. */
export type Taking = [string, number, number];

export interface LineState {
  lineNumber: number;
  menuItemCode: string | null;
  itemCode: string | null;
  quantityMicro: number;
  unitPriceFen: number;
  grossFen: number;
  discountFen: number;
  allocatedDiscountFen: number;
  netFen: number;
  taxCategory: string;
  taxRateBp: number;
  taxFen: number;
  cogsFen: number;
  consumption: Taking[];
  refundedQuantityMicro: number;
  refundedFen: number;
  refundedTaxFen: number;
  /**
   * Per consumption entry, in the same order, what refunds already returned to stock or wrote
   * off; empty until the first refund of the line.
   */
  settled: Taking[];
}

export interface PaymentState {
  sequence: number;
  method: string;
  amountFen: number;
  transactionId: string | null;
  merchantOrderNumber: string | null;
  accountCode: string;
  refundedFen: number;
}

export interface OrderState {
  storeCode: string;
  orderNumber: string;
  channel: string;
  orderedAt: string;
  businessDate: string;
  period: string;
  localHour: number;
  guests: number;
  grossFen: number;
  discountFen: number;
  orderDiscountFen: number;
  netFen: number;
  taxFen: number;
  cogsFen: number;
  refundedFen: number;
  status: string;
  flags: Set<string>;
  note: string | null;
  inputHash: string;
  batchId: number;
  journalEntryId: number | null;
  postedAt: string;
  lines: LineState[];
  payments: PaymentState[];
  /** True when this posting created the order; false when a refund read it back. */
  isNew: boolean;
  /** Line numbers and payment sequences a refund changed, for the update of a stored order. */
  changedLines: Set<number>;
  changedPayments: Set<number>;
}

/** Return the code an order line is summed under in item_sales_daily: its menu item, else its item. */
export function summaryCode(line: Pick<LineState, 'menuItemCode' | 'itemCode'>): string {
  return (line.menuItemCode ?? line.itemCode)!;
}

/** Derive the order's status from what was refunded. */
export function statusOf(order: Pick<OrderState, 'netFen' | 'refundedFen' | 'lines'>): string {
  if (order.refundedFen > 0 && order.refundedFen === order.netFen) return 'refunded';
  if (order.refundedFen > 0 || order.lines.some((line) => line.refundedQuantityMicro > 0)) return 'partially_refunded';
  return 'posted';
}

/** Read stored orders with their lines and payments, keyed by store and number. */
export async function loadOrders(db: Kysely<Database>, keys: { storeCode: string; orderNumber: string }[]): Promise<Map<string, OrderState>> {
  const byStore = new Map<string, string[]>();
  for (const { storeCode, orderNumber } of keys) byStore.set(storeCode, [...(byStore.get(storeCode) ?? []), orderNumber]);

  const orders = new Map<string, OrderState>();
  for (const [storeCode, numbers] of byStore) {
    for (const chunk of chunks([...new Set(numbers)], 2000)) {
      const rows = await db.selectFrom('orders').selectAll().where('store_code', '=', storeCode).where('order_number', 'in', chunk).execute();
      if (rows.length === 0) continue;
      const lines = await db
        .selectFrom('order_lines')
        .selectAll()
        .where('store_code', '=', storeCode)
        .where('order_number', 'in', chunk)
        .orderBy('order_number')
        .orderBy('line_number')
        .execute();
      const payments = await db
        .selectFrom('order_payments')
        .selectAll()
        .where('store_code', '=', storeCode)
        .where('order_number', 'in', chunk)
        .orderBy('order_number')
        .orderBy('sequence')
        .execute();
      const linesOf = groupBy(lines, (line) => line.order_number);
      const paymentsOf = groupBy(payments, (payment) => payment.order_number);
      for (const row of rows) {
        const state = stateFromRows(row, linesOf.get(row.order_number) ?? [], paymentsOf.get(row.order_number) ?? []);
        orders.set(orderKey(storeCode, row.order_number), state);
      }
    }
  }
  return orders;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export function orderKey(storeCode: string, orderNumber: string): string {
  return `${storeCode}\u0000${orderNumber}`;
}

function stateFromRows(row: OrderTable, lines: OrderLineTable[], payments: OrderPaymentTable[]): OrderState {
  return {
    storeCode: row.store_code,
    orderNumber: row.order_number,
    channel: row.channel,
    orderedAt: row.ordered_at,
    businessDate: row.business_date,
    period: row.period,
    localHour: row.local_hour,
    guests: row.guests,
    grossFen: Number(row.gross_fen),
    discountFen: Number(row.discount_fen),
    orderDiscountFen: Number(row.order_discount_fen),
    netFen: Number(row.net_fen),
    taxFen: Number(row.tax_fen),
    cogsFen: Number(row.cogs_fen),
    refundedFen: Number(row.refunded_fen),
    status: row.status,
    flags: new Set(row.flags ? row.flags.split(',') : []),
    note: row.note,
    inputHash: row.input_hash,
    batchId: Number(row.batch_id),
    journalEntryId: row.journal_entry_id === null ? null : Number(row.journal_entry_id),
    postedAt: row.posted_at,
    lines: lines.map((line) => ({
      lineNumber: line.line_number,
      menuItemCode: line.menu_item_code,
      itemCode: line.item_code,
      quantityMicro: Number(line.quantity_micro),
      unitPriceFen: Number(line.unit_price_fen),
      grossFen: Number(line.gross_fen),
      discountFen: Number(line.discount_fen),
      allocatedDiscountFen: Number(line.allocated_discount_fen),
      netFen: Number(line.net_fen),
      taxCategory: line.tax_category,
      taxRateBp: line.tax_rate_bp,
      taxFen: Number(line.tax_fen),
      cogsFen: Number(line.cogs_fen),
      consumption: JSON.parse(line.consumption) as Taking[],
      refundedQuantityMicro: Number(line.refunded_quantity_micro),
      refundedFen: Number(line.refunded_fen),
      refundedTaxFen: Number(line.refunded_tax_fen),
      settled: JSON.parse(line.settled_consumption) as Taking[],
    })),
    payments: payments.map((payment) => ({
      sequence: payment.sequence,
      method: payment.method,
      amountFen: Number(payment.amount_fen),
      transactionId: payment.transaction_id,
      merchantOrderNumber: payment.merchant_order_number,
      accountCode: payment.account_code,
      refundedFen: Number(payment.refunded_fen),
    })),
    isNew: false,
    changedLines: new Set(),
    changedPayments: new Set(),
  };
}

/** Build the order row of a state. */
export function orderRow(order: OrderState): OrderTable {
  return {
    store_code: order.storeCode,
    order_number: order.orderNumber,
    channel: order.channel,
    ordered_at: order.orderedAt,
    business_date: order.businessDate,
    period: order.period,
    local_hour: order.localHour,
    guests: order.guests,
    gross_fen: order.grossFen,
    discount_fen: order.discountFen,
    order_discount_fen: order.orderDiscountFen,
    net_fen: order.netFen,
    tax_fen: order.taxFen,
    cogs_fen: order.cogsFen,
    refunded_fen: order.refundedFen,
    status: order.status,
    flags: [...order.flags].sort().join(','),
    note: order.note,
    input_hash: order.inputHash,
    batch_id: order.batchId,
    journal_entry_id: order.journalEntryId,
    posted_at: order.postedAt,
  };
}

/** Build the line rows of a state. */
export function lineRows(order: OrderState): OrderLineTable[] {
  return order.lines.map((line) => ({
    store_code: order.storeCode,
    order_number: order.orderNumber,
    line_number: line.lineNumber,
    menu_item_code: line.menuItemCode,
    item_code: line.itemCode,
    quantity_micro: line.quantityMicro,
    unit_price_fen: line.unitPriceFen,
    gross_fen: line.grossFen,
    discount_fen: line.discountFen,
    allocated_discount_fen: line.allocatedDiscountFen,
    net_fen: line.netFen,
    tax_category: line.taxCategory,
    tax_rate_bp: line.taxRateBp,
    tax_fen: line.taxFen,
    cogs_fen: line.cogsFen,
    consumption: JSON.stringify(line.consumption),
    refunded_quantity_micro: line.refundedQuantityMicro,
    refunded_fen: line.refundedFen,
    refunded_tax_fen: line.refundedTaxFen,
    settled_consumption: JSON.stringify(line.settled),
  }));
}

/** Build the payment rows of a state. */
export function paymentRows(order: OrderState): OrderPaymentTable[] {
  return order.payments.map((payment) => ({
    store_code: order.storeCode,
    order_number: order.orderNumber,
    sequence: payment.sequence,
    method: payment.method,
    amount_fen: payment.amountFen,
    transaction_id: payment.transactionId,
    merchant_order_number: payment.merchantOrderNumber,
    account_code: payment.accountCode,
    refunded_fen: payment.refundedFen,
  }));
}
