import type { components } from '@boh/sdk/types';
import type { ResourceLayout } from '../../imports/field-spec.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';

type Order = components['schemas']['Order'];
type Refund = components['schemas']['Refund'];
type RowFields = Record<string, unknown>;

/** Orders listed per request, each with its lines, payments and refunds. */
const PAGE_SIZE = 200;

/** The payments one row holds: the first and the second payment columns. */
const PAYMENTS_PER_ROW = 2;

export interface SalesOrderFilters {
  /** First and last business date, YYYY-MM-DD. */
  from?: string;
  to?: string;
  store?: string;
}

/**
 * Check the filters before anything is written: each date is a real calendar date, --from is not
 * after --to, and the store exists (the server's not-found error names the code).
 */
export async function checkSalesFilters(context: Context, filters: SalesOrderFilters): Promise<void> {
  for (const option of ['from', 'to'] as const) {
    const value = filters[option];
    if (value !== undefined && !isCalendarDate(value)) throw new UsageError('export.error.date', { option: `--${option}`, value });
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    throw new UsageError('export.error.date_order', { from: filters.from, to: filters.to });
  }
  if (filters.store !== undefined) await context.client().stores.get(filters.store);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A sales-order record for the file: an order or a refund, in the fields an import reads. */
export interface SalesRecord {
  fields: RowFields;
  lines: RowFields[];
  /** The IANA time zone of the record's store, for showing its time. */
  timeZone: string;
}

/**
 * Read posted orders page by page, each with its lines, payments and refunds, and yield them as
 * records an import reads back: the order, then each of its refunds. One page is in memory at a time.
 * Orders or refunds with more payments than a row has columns for are left out and passed to `skipped`.
 */
export async function* salesRecords(context: Context, filters: SalesOrderFilters, skipped: (key: string) => void): AsyncGenerator<SalesRecord> {
  const orders = context.client().orders;
  const timeZones = new Map<string, string>();
  const timeZoneOf = async (store: string): Promise<string> => {
    if (!timeZones.has(store)) timeZones.set(store, (await context.client().stores.get(store)).timezone);
    return timeZones.get(store)!;
  };
  const listed = orders.list({
    limit: PAGE_SIZE,
    details: true,
    ...(filters.store ? { store_code: filters.store } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  });

  for await (const page of listed.pages()) {
    for (const order of page.data as Order[]) {
      if (order.payments.length > PAYMENTS_PER_ROW) {
        skipped(`${order.store_code}/${order.order_number}`);
        continue;
      }
      const timeZone = await timeZoneOf(order.store_code);
      yield { ...orderRecord(order), timeZone };
      for (const refund of order.refunds) {
        if (refund.payments.length > PAYMENTS_PER_ROW) skipped(`${order.store_code}/${refund.refund_number}`);
        else yield { ...refundRecord(order, refund), timeZone };
      }
    }
  }
}

function orderRecord(order: Order): Omit<SalesRecord, 'timeZone'> {
  const fields: RowFields = {
    order_no: order.order_number,
    store_code: order.store_code,
    ordered_at: order.ordered_at,
    channel: order.channel,
    guests: order.guests,
    order_discount_fen: order.order_discount_fen,
    note: order.note,
    row_type: 'sale',
  };
  order.payments.forEach((payment, index) => {
    const names = paymentColumns(index);
    fields[names.method] = payment.method;
    fields[names.amount] = payment.amount_fen;
    fields[names.transactionId] = payment.transaction_id;
    fields[names.merchantOrderNumber] = payment.merchant_order_number;
  });
  const lines = order.lines.map((line) => ({
    menu_item_code: line.menu_item_code,
    item_code: line.item_code,
    quantity: line.quantity,
    unit_price_fen: line.unit_price_fen,
    discount_fen: line.discount_fen,
  }));
  return { fields, lines };
}

/**
 * Build a refund's rows: the order number beside the refund number, negative quantities and
 * amounts. A refund of lines names each order line by number. A refund of money only is one row
 * with its amounts, and a full refund is one row without amounts.
 */
function refundRecord(order: Order, refund: Refund): Omit<SalesRecord, 'timeZone'> {
  const fields: RowFields = {
    order_no: order.order_number,
    store_code: order.store_code,
    ordered_at: refund.refunded_at,
    channel: order.channel,
    note: refund.reason,
    row_type: 'refund',
    refund_no: refund.refund_number,
    original_order_no: order.order_number,
    return_stock: refund.return_stock,
  };
  // NOTE: a full refund is written without its payments, so importing it refunds the payments
  // in order, as a full refund without payments does. One that named other payments differs.
  if (refund.kind !== 'full') {
    refund.payments.forEach((payment, index) => {
      const names = paymentColumns(index);
      fields[names.method] = payment.method;
      fields[names.amount] = -payment.amount_fen;
      fields[names.transactionId] = payment.transaction_id;
    });
  }

  const lines =
    refund.kind === 'lines'
      ? refund.lines.map((refunded) => {
          const line = order.lines.find((candidate) => candidate.line_number === refunded.line_number);
          return {
            line_number: refunded.line_number,
            menu_item_code: line?.menu_item_code ?? null,
            item_code: line?.item_code ?? null,
            quantity: -refunded.quantity,
            unit_price_fen: line?.unit_price_fen ?? null,
          };
        })
      : [];
  return { fields, lines };
}

function paymentColumns(index: number) {
  return index === 0
    ? { method: 'payment_method', amount: 'paid_fen', transactionId: 'payment_transaction_id', merchantOrderNumber: 'payment_merchant_order_number' }
    : { method: 'payment2_method', amount: 'payment2_amount_fen', transactionId: 'payment2_transaction_id', merchantOrderNumber: 'payment2_merchant_order_number' };
}

/** Build the JSON Lines object of a record: its fields and its lines, blank values left out. */
export function jsonOfRecord(record: SalesRecord, layout: ResourceLayout): RowFields {
  const object = withoutBlanks(record.fields);
  if (layout.children) object[layout.children.list] = record.lines.map(withoutBlanks);
  return object;
}

function withoutBlanks(fields: RowFields): RowFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}
