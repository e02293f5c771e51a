// Refund rows of a sales-order file. The server decides the same way which rows are refunds;
// the CLI needs to know only to send them after the orders they refund.

/** Tell whether a record is a refund, by its type, its refund columns, or a negative quantity or amount. */
export function isRefundRecord(fields: Record<string, unknown>): boolean {
  if (fields.row_type === 'refund') return true;
  if (fields.row_type === 'sale') return false;
  if (filled(fields.refund_no) || filled(fields.original_order_no)) return true;
  if (isNegative(fields.paid_fen) || isNegative(fields.payment2_amount_fen)) return true;
  const lines = Array.isArray(fields.lines) ? (fields.lines as Record<string, unknown>[]) : [];
  return lines.some((line) => isNegative(line.quantity));
}

function filled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function isNegative(value: unknown): boolean {
  return typeof value === 'number' && value < 0;
}
