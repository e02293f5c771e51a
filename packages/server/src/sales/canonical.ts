import { hash } from 'node:crypto';
import type { components } from '@boh/sdk/types';
import type { FieldIssue } from '../http/api-error.js';
import { fromMicro, toMicro } from '../math/quantity.js';

// The canonical form of an order or refund as sent: defaults filled in, instants in UTC,
// quantities in millionths. Two requests are "the same order" exactly when their canonical forms
// are equal, and the stored hash makes that cheap to check. When they differ, the forms are
// compared field by field to name the differences.

export type OrderInput = components['schemas']['OrderInput'];
export type RefundInput = components['schemas']['RefundInput'];
export type BatchRefundInput = components['schemas']['BatchRefundInput'];

export interface CanonicalLine {
  menu_item_code: string | null;
  item_code: string | null;
  quantity_micro: number;
  unit_price_fen: number;
  discount_fen: number;
}

export interface CanonicalPayment {
  method: string;
  amount_fen: number;
  transaction_id: string | null;
  merchant_order_number: string | null;
}

export interface CanonicalOrder {
  store_code: string;
  order_number: string;
  channel: string;
  ordered_at: string;
  guests: number;
  discount_fen: number;
  note: string | null;
  lines: CanonicalLine[];
  payments: CanonicalPayment[];
}

export interface CanonicalRefund {
  store_code: string;
  order_number: string;
  refund_number: string;
  refunded_at: string;
  reason: string | null;
  return_stock: boolean;
  amount_fen: number | null;
  lines: { line_number: number; quantity_micro: number }[];
  payments: { sequence: number; amount_fen: number; transaction_id: string | null }[];
}

/**
 * Bring an order into canonical form, or report what keeps it from having one: a quantity with
 * more than 6 decimal places, a line naming both or neither of a menu item and an item.
 * `prefix` is the field path of the order (`body` or `orders[3]`).
 */
export function canonicalOrder(input: OrderInput, prefix: string): { order?: CanonicalOrder; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const lines = input.lines.map((line, index) => {
    const field = `${prefix}.lines[${index}]`;
    const hasMenuItem = line.menu_item_code !== undefined;
    if (hasMenuItem === (line.item_code !== undefined)) {
      issues.push({ field, code: 'line_needs_one_code' });
    }
    const quantity = toMicro(line.quantity);
    if (quantity === undefined) {
      issues.push({ field: `${field}.quantity`, code: 'decimal_places', params: { limit: 6, value: line.quantity }, value: line.quantity });
    }
    return {
      menu_item_code: line.menu_item_code ?? null,
      item_code: line.item_code ?? null,
      quantity_micro: quantity ?? 0,
      unit_price_fen: line.unit_price_fen,
      discount_fen: line.discount_fen ?? 0,
    };
  });
  if (issues.length > 0) return { issues };

  const order: CanonicalOrder = {
    store_code: input.store_code,
    order_number: input.order_number,
    channel: input.channel,
    ordered_at: new Date(input.ordered_at).toISOString(),
    guests: input.guests ?? 0,
    discount_fen: input.discount_fen ?? 0,
    note: input.note ?? null,
    lines,
    payments: (input.payments ?? []).map((payment) => ({
      method: payment.method,
      amount_fen: payment.amount_fen,
      transaction_id: payment.transaction_id ?? null,
      merchant_order_number: payment.merchant_order_number ?? null,
    })),
  };
  return { order, issues };
}

/** Bring a refund into canonical form, or report a quantity with too many decimal places. */
export function canonicalRefund(
  input: RefundInput,
  storeCode: string,
  orderNumber: string,
  prefix: string,
): { refund?: CanonicalRefund; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const lines = (input.lines ?? []).map((line, index) => {
    const quantity = toMicro(line.quantity);
    if (quantity === undefined) {
      issues.push({ field: `${prefix}.lines[${index}].quantity`, code: 'decimal_places', params: { limit: 6, value: line.quantity }, value: line.quantity });
    }
    return { line_number: line.line_number, quantity_micro: quantity ?? 0 };
  });
  if (input.lines && input.amount_fen !== undefined) {
    issues.push({ field: `${prefix}.amount_fen`, code: 'refund_lines_and_amount' });
  }
  if (issues.length > 0) return { issues };

  return {
    refund: {
      store_code: storeCode,
      order_number: orderNumber,
      refund_number: input.refund_number,
      refunded_at: new Date(input.refunded_at).toISOString(),
      reason: input.reason ?? null,
      return_stock: input.return_stock ?? true,
      amount_fen: input.amount_fen ?? null,
      lines,
      payments: (input.payments ?? []).map((payment) => ({
        sequence: payment.sequence,
        amount_fen: payment.amount_fen,
        transaction_id: payment.transaction_id ?? null,
      })),
    },
    issues,
  };
}

/** Hash a canonical form; its keys are always built in the same order, so the hash is stable. */
export function hashOf(canonical: CanonicalOrder | CanonicalRefund): string {
  return hash('sha256', JSON.stringify(canonical), 'base64url');
}

/** A field that differs, in API terms (quantities as decimals). */
export interface Difference {
  field: string;
  stored: unknown;
  sent: unknown;
}

/** List the fields whose values differ, with quantities shown in base units. */
export function differencesOf(stored: object, sent: object): Difference[] {
  const differences: Difference[] = [];
  compare(stored, sent, '', differences);
  return differences;
}

function compare(stored: unknown, sent: unknown, path: string, out: Difference[]): void {
  if (Array.isArray(stored) || Array.isArray(sent)) {
    const a = (stored ?? []) as unknown[];
    const b = (sent ?? []) as unknown[];
    for (let index = 0; index < Math.max(a.length, b.length); index++) compare(a[index] ?? null, b[index] ?? null, `${path}[${index}]`, out);
    return;
  }
  if (isObject(stored) || isObject(sent)) {
    if (!isObject(stored) || !isObject(sent)) {
      out.push({ field: path, stored: stored ?? null, sent: sent ?? null });
      return;
    }
    for (const key of new Set([...Object.keys(stored), ...Object.keys(sent)])) {
      const name = key.endsWith('_micro') ? key.slice(0, -'_micro'.length) : key;
      compare(stored[key] ?? null, sent[key] ?? null, path ? `${path}.${name}` : name, out);
    }
    return;
  }
  if (stored !== sent) {
    const shown = (value: unknown) => (path.endsWith('quantity') && typeof value === 'number' ? fromMicro(value) : value);
    out.push({ field: path, stored: shown(stored), sent: shown(sent) });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
