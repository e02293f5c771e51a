import type { BatchRefundInput, OrderInput } from '../../sales/canonical.js';
import type { OrderState } from '../../sales/order-state.js';
import { fromMicro, toMicro } from '../../math/quantity.js';
import type { RowIssue } from '../target.js';
import { ORDER_NUMBER_FIELD } from './sales-order-rows.js';

// Refund rows of a sales-order import file. POS exports write a refund (退款) as rows of its own:
// a refund number, the original order number, negative quantities or amounts, or a type column.
// A refund row names order lines by item code (or line number) and payments by method. Posting
// wants line numbers and payment sequences, so a row becomes a BatchRefundInput only once the
// original order is known, from the same batch or from the database.

/** The lines and payments of an order, as a refund row is resolved against them. */
export interface OrderView {
  lines: { lineNumber: number; menuItemCode: string | null; itemCode: string | null; quantityMicro: number }[];
  payments: { sequence: number; method: string }[];
}

/** A refund row resolved against its order, with the row field behind each refund field path. */
export interface ResolvedRefund {
  input?: BatchRefundInput;
  issues: RowIssue[];
  /** Row field of each BatchRefundInput path that is not named the same in the row. */
  rowFields: Map<string, string>;
}

/** Decide whether a row is a refund: by its type, its refund columns, or a negative quantity or amount. */
export function isRefundRow(fields: Record<string, unknown>): boolean {
  if (fields.row_type === 'refund') return true;
  if (fields.row_type === 'sale') return false;
  if (filled(fields.refund_no) || filled(fields.original_order_no)) return true;
  if (isNegative(fields.paid_fen) || isNegative(fields.payment2_amount_fen)) return true;
  return lineFields(fields).some((line) => isNegative(line.quantity));
}

/** Return the refund's number: the refund number column, else the order number column. */
export function refundNumberOf(fields: Record<string, unknown>): string | null {
  const value = filled(fields.refund_no) ? fields.refund_no : fields[ORDER_NUMBER_FIELD];
  return typeof value === 'string' ? value : null;
}

/** Return the row field that contains the original order's number, or undefined when the row gives none. */
export function originalOrderField(fields: Record<string, unknown>): string | undefined {
  if (filled(fields.original_order_no)) return 'original_order_no';
  if (filled(fields.refund_no) && filled(fields[ORDER_NUMBER_FIELD])) return ORDER_NUMBER_FIELD;
  return undefined;
}

/** Check what a refund row needs before its order is looked up. */
export function refundRowIssues(fields: Record<string, unknown>): RowIssue[] {
  const issues: RowIssue[] = [];
  if (!filled(fields.store_code)) issues.push({ field: 'store_code', code: 'required' });
  if (refundNumberOf(fields) === null) issues.push({ field: 'refund_no', code: 'required' });
  if (!originalOrderField(fields)) issues.push({ field: 'original_order_no', code: 'import_refund_original_missing' });
  if (!filled(fields.ordered_at)) issues.push({ field: 'ordered_at', code: 'required' });

  lineFields(fields).forEach((line, index) => {
    if (typeof line.quantity !== 'number') issues.push({ field: `lines[${index}].quantity`, code: 'required' });
    if (!filled(line.line_number) && !filled(line.menu_item_code) && !filled(line.item_code)) {
      issues.push({ field: `lines[${index}].menu_item_code`, code: 'import_refund_line_unnamed' });
    }
  });
  return issues;
}

/** Build the view of an order of the same batch, numbered as posting numbers its lines and payments. */
export function viewOfInput(order: OrderInput): OrderView {
  return {
    lines: order.lines.map((line, index) => ({
      lineNumber: index + 1,
      menuItemCode: line.menu_item_code ?? null,
      itemCode: line.item_code ?? null,
      quantityMicro: toMicro(line.quantity) ?? 0,
    })),
    payments: (order.payments ?? []).map((payment, index) => ({ sequence: index + 1, method: payment.method })),
  };
}

/** Build the view of a stored order. */
export function viewOfState(order: OrderState): OrderView {
  return {
    lines: order.lines.map((line) => ({ lineNumber: line.lineNumber, menuItemCode: line.menuItemCode, itemCode: line.itemCode, quantityMicro: line.quantityMicro })),
    payments: order.payments.map((payment) => ({ sequence: payment.sequence, method: payment.method })),
  };
}

/**
 * Build the BatchRefundInput of a refund row against its order. Quantities and amounts count by
 * their size, so `-2` and `2` refund the same. Item rows refund those quantities; a row without
 * items refunds its amount as money only, or the whole order when the amount is blank too.
 * Amounts given with a payment method go back to the order's first payment of that method.
 */
export function resolveRefund(fields: Record<string, unknown>, order: OrderView | undefined): ResolvedRefund {
  const rowFields = new Map<string, string>();
  const originalField = originalOrderField(fields)!;
  const orderNumber = fields[originalField] as string;
  rowFields.set('order_number', originalField);
  rowFields.set('refund_number', filled(fields.refund_no) ? 'refund_no' : ORDER_NUMBER_FIELD);
  rowFields.set('refunded_at', 'ordered_at');
  rowFields.set('reason', 'note');

  if (!order) {
    const value = orderNumber;
    return { issues: [{ field: originalField, code: 'order_not_found', params: { store_code: fields.store_code, value }, value }], rowFields };
  }

  const input: Record<string, unknown> = {
    store_code: fields.store_code,
    order_number: orderNumber,
    refund_number: refundNumberOf(fields),
    refunded_at: fields.ordered_at,
  };
  if (filled(fields.note)) input.reason = fields.note;
  if (typeof fields.return_stock === 'boolean') input.return_stock = fields.return_stock;

  const issues: RowIssue[] = [];
  const lines = refundLines(lineFields(fields), order, issues, rowFields);
  const payments = refundPayments(fields, order, lines.length > 0, issues, rowFields);
  if (lines.length > 0) input.lines = lines;
  else if (payments.total > 0) input.amount_fen = payments.total;
  if (payments.given.length > 0) input.payments = payments.given;

  if (issues.length > 0) return { issues, rowFields };
  return { input: input as BatchRefundInput, issues, rowFields };
}

/**
 * Assign the item rows to the order lines they refund. A row with a line number names its line. A row
 * with a code fills the order's lines of that code in line order, each up to its quantity,
 * and leaves any excess on the last one, where posting rejects it as more than is left.
 */
function refundLines(rows: Record<string, unknown>[], order: OrderView, issues: RowIssue[], rowFields: Map<string, string>): { line_number: number; quantity: number }[] {
  const assigned = new Map<number, { quantityMicro: number; row: number }>();
  const assign = (lineNumber: number, quantityMicro: number, row: number) => {
    const current = assigned.get(lineNumber);
    assigned.set(lineNumber, { quantityMicro: (current?.quantityMicro ?? 0) + quantityMicro, row: current?.row ?? row });
  };

  rows.forEach((row, index) => {
    const quantityMicro = Math.abs(toMicro(row.quantity as number) ?? 0);
    if (typeof row.line_number === 'number') {
      assign(row.line_number, quantityMicro, index);
      return;
    }
    const codeField = filled(row.menu_item_code) ? 'menu_item_code' : 'item_code';
    const code = row[codeField];
    const candidates = order.lines.filter((line) => (codeField === 'menu_item_code' ? line.menuItemCode : line.itemCode) === code);
    if (candidates.length === 0) {
      issues.push({ field: `lines[${index}].${codeField}`, code: 'import_refund_item_not_in_order', params: { value: code }, value: code });
      return;
    }
    let open = quantityMicro;
    for (const line of candidates) {
      const room = Math.max(0, line.quantityMicro - (assigned.get(line.lineNumber)?.quantityMicro ?? 0));
      const part = Math.min(room, open);
      if (part > 0) assign(line.lineNumber, part, index);
      open -= part;
    }
    if (open > 0 || quantityMicro === 0) assign(candidates.at(-1)!.lineNumber, open, index);
  });

  const lines = [...assigned.entries()].sort(([a], [b]) => a - b);
  return lines.map(([lineNumber, share], position) => {
    const source = rows[share.row]!;
    rowFields.set(`lines[${position}].quantity`, `lines[${share.row}].quantity`);
    rowFields.set(`lines[${position}].line_number`, `lines[${share.row}].${typeof source.line_number === 'number' ? 'line_number' : filled(source.menu_item_code) ? 'menu_item_code' : 'item_code'}`);
    rowFields.set(`lines[${position}]`, `lines[${share.row}]`);
    return { line_number: lineNumber, quantity: fromMicro(share.quantityMicro) };
  });
}

/** A payment of a refund as posting takes it. */
interface RefundPayment {
  sequence: number;
  amount_fen: number;
  transaction_id?: string;
}

/** The file's payment columns of a refund row, under the names of the first and second payment. */
const PAYMENT_COLUMNS = [
  { method: 'payment_method', amount: 'paid_fen', transactionId: 'payment_transaction_id' },
  { method: 'payment2_method', amount: 'payment2_amount_fen', transactionId: 'payment2_transaction_id' },
] as const;

/**
 * Read the amount a refund row names and the order payments it goes back to. An amount without a
 * method goes back to the order's only payment, or, when it has several, as posting chooses.
 */
function refundPayments(
  fields: Record<string, unknown>,
  order: OrderView,
  hasLines: boolean,
  issues: RowIssue[],
  rowFields: Map<string, string>,
): { total: number; given: RefundPayment[] } {
  const given: RefundPayment[] = [];
  let total = 0;
  let unnamed = false;

  for (const columns of PAYMENT_COLUMNS) {
    const amount = fields[columns.amount];
    if (typeof amount !== 'number') continue;
    const amountFen = Math.abs(amount);
    total += amountFen;

    const method = fields[columns.method];
    let sequence: number | undefined;
    if (filled(method)) {
      sequence = order.payments.find((payment) => payment.method === method)?.sequence;
      if (sequence === undefined) {
        issues.push({ field: columns.method, code: 'import_refund_payment_not_in_order', params: { value: method, method }, value: method });
        continue;
      }
    } else if (order.payments.length === 1) {
      sequence = order.payments[0]!.sequence;
    } else {
      unnamed = true;
      continue;
    }

    const position = given.length;
    rowFields.set(`payments[${position}].amount_fen`, columns.amount);
    rowFields.set(`payments[${position}].sequence`, columns.method);
    rowFields.set(`payments[${position}].transaction_id`, columns.transactionId);
    const transactionId = fields[columns.transactionId];
    given.push({ sequence, amount_fen: amountFen, ...(filled(transactionId) ? { transaction_id: transactionId as string } : {}) });
  }

  rowFields.set('payments', 'paid_fen');
  rowFields.set('amount_fen', 'paid_fen');
  // Payments named for only part of the amount cannot be given: posting wants them to add up.
  // NOTE: an item refund whose amount names no method on an order of several payments is not
  // checked against that amount, because posting then values the refund from the quantities.
  if (unnamed) return { total, given: [] };
  if (!hasLines && total === 0) return { total, given: [] };
  return { total, given };
}

function lineFields(fields: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(fields.lines) ? (fields.lines as Record<string, unknown>[]) : [];
}

function filled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function isNegative(value: unknown): boolean {
  return typeof value === 'number' && value < 0;
}
