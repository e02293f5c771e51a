import type { OrderInput } from '../../sales/canonical.js';
import { lineAmounts } from '../../sales/amounts.js';
import { toMicro } from '../../math/quantity.js';

// The flat fields of a sales-order import row (one row per order, its order lines gathered under
// `lines`, as the import template `sales_order` lays them out) and the API's OrderInput. Issues
// found on the OrderInput are named by the row's own fields, so the client can point at the
// file's column.

/** Row fields of the first payment, by PaymentInput property. */
const FIRST_PAYMENT: Record<string, string> = {
  method: 'payment_method',
  amount_fen: 'paid_fen',
  transaction_id: 'payment_transaction_id',
  merchant_order_number: 'payment_merchant_order_number',
};

/** Row fields of the second payment, by PaymentInput property. */
const SECOND_PAYMENT: Record<string, string> = {
  method: 'payment2_method',
  amount_fen: 'payment2_amount_fen',
  transaction_id: 'payment2_transaction_id',
  merchant_order_number: 'payment2_merchant_order_number',
};

const ORDER_FIELDS = ['store_code', 'channel', 'ordered_at', 'guests', 'note'] as const;

/** The row field of the discount on the whole order, named apart from the lines' own `discount_fen`. */
const ORDER_DISCOUNT_FIELD = 'order_discount_fen';
const LINE_FIELDS = ['menu_item_code', 'item_code', 'quantity', 'unit_price_fen', 'discount_fen'] as const;

/** The row field that holds the order's number. */
export const ORDER_NUMBER_FIELD = 'order_no';

/**
 * Build the OrderInput of a row. A payment whose amount is left blank takes what the order comes
 * to, less the other payment, so files that only name how an order was paid still balance.
 */
export function orderInputOf(fields: Record<string, unknown>): OrderInput {
  const input: Record<string, unknown> = { order_number: fields[ORDER_NUMBER_FIELD] };
  for (const name of ORDER_FIELDS) if (fields[name] !== undefined && fields[name] !== null) input[name] = fields[name];
  if (fields[ORDER_DISCOUNT_FIELD] !== undefined && fields[ORDER_DISCOUNT_FIELD] !== null) input.discount_fen = fields[ORDER_DISCOUNT_FIELD];

  const rawLines = Array.isArray(fields.lines) ? (fields.lines as unknown[]) : [];
  input.lines = rawLines.map((line) => pick(line, LINE_FIELDS));

  const first = paymentOf(fields, FIRST_PAYMENT);
  const second = paymentOf(fields, SECOND_PAYMENT);
  if (first && first.amount_fen === undefined) {
    const net = netFen(input.lines as OrderInput['lines'], input.discount_fen);
    const rest = net === undefined ? undefined : net - (typeof second?.amount_fen === 'number' ? second.amount_fen : 0);
    if (rest !== undefined) first.amount_fen = rest;
  }

  // A second payment stays second, so its issues name the payment2 columns even without a first.
  const payments: Record<string, unknown>[] = [];
  if (first || second) payments.push(first ?? {});
  if (second) payments.push(second);
  // An order that comes to nothing is paid by no payment.
  if (payments.length === 1 && payments[0]!.amount_fen === 0) payments.pop();
  input.payments = payments;
  return input as OrderInput;
}

/**
 * Name an OrderInput field path (`order_number`, `payments[1].amount_fen`, `lines[2].quantity`)
 * by the row field it came from (`order_no`, `payment2_amount_fen`, `lines[2].quantity`).
 */
export function rowFieldOf(path: string | null | undefined): string | null {
  if (!path) return null;
  if (path === 'order_number') return ORDER_NUMBER_FIELD;
  if (path === 'discount_fen') return ORDER_DISCOUNT_FIELD;
  if (path === 'payments') return FIRST_PAYMENT.amount_fen!;
  const payment = /^payments\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (payment) {
    const names = payment[1] === '0' ? FIRST_PAYMENT : SECOND_PAYMENT;
    return names[payment[2] ?? 'amount_fen'] ?? names.amount_fen!;
  }
  return path;
}

/** The payment a row's fields describe under these names; undefined when they are all blank. */
function paymentOf(fields: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> | undefined {
  const payment: Record<string, unknown> = {};
  for (const [property, field] of Object.entries(names)) {
    const value = fields[field];
    if (value !== undefined && value !== null && value !== '') payment[property] = value;
  }
  return Object.keys(payment).length > 0 ? payment : undefined;
}

/** What the lines come to after discounts, as posting computes it; undefined when a line is unreadable. */
function netFen(lines: OrderInput['lines'], orderDiscount: unknown): number | undefined {
  const inputs = [];
  for (const line of lines) {
    const quantityMicro = typeof line.quantity === 'number' ? toMicro(line.quantity) : undefined;
    if (quantityMicro === undefined || !Number.isInteger(line.unit_price_fen)) return undefined;
    inputs.push({ quantityMicro, unitPriceFen: line.unit_price_fen, discountFen: Number.isInteger(line.discount_fen) ? line.discount_fen! : 0, rateBp: 0 });
  }
  const amounts = lineAmounts(inputs, Number.isInteger(orderDiscount) ? (orderDiscount as number) : 0);
  return amounts.lines?.reduce((sum, line) => sum + line.netFen, 0);
}

function pick(value: unknown, names: readonly string[]): Record<string, unknown> {
  const source = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  for (const name of names) if (source[name] !== undefined && source[name] !== null) picked[name] = source[name];
  return picked;
}
