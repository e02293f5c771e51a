// Links each refund line to the payment it refunds, within one statement.
//
// A refund names its payment by the merchant order number (商户订单号 / 商家订单号), or by the
// channel transaction id: WeChat Pay repeats the payment's 微信订单号 on the refund row, and
// Alipay gives the refund the payment's 交易订单号 plus a suffix after `_`. A refund is linked
// only when exactly one payment line matches, so masked or reused ids never link by guess.

import type { StatementLine } from './types.js';

export function linkRefunds(lines: readonly StatementLine[]): StatementLine[] {
  if (!lines.some((line) => line.kind === 'refund')) return [...lines];
  const payments = lines.filter((line) => line.kind === 'payment');
  const byOrder = groupBy(payments, (line) => line.merchantOrderNumber);
  const byTransaction = groupBy(payments, (line) => line.channelTransactionId);

  return lines.map((line) => {
    if (line.kind !== 'refund') return line;

    const byOrderMatches = line.merchantOrderNumber === undefined ? [] : (byOrder.get(line.merchantOrderNumber) ?? []);
    const [orderMatch] = byOrderMatches;
    if (byOrderMatches.length === 1 && orderMatch !== undefined) {
      return { ...line, refundOf: { line: orderMatch.line, fingerprint: orderMatch.fingerprint, by: 'merchant-order-number' } };
    }

    const id = line.channelTransactionId;
    if (id === undefined) return line;
    const candidates = byTransaction.get(id) ?? byTransaction.get(id.split('_')[0] ?? id) ?? [];
    const [idMatch] = candidates;
    if (candidates.length === 1 && idMatch !== undefined) {
      return { ...line, refundOf: { line: idMatch.line, fingerprint: idMatch.fingerprint, by: 'channel-transaction-id' } };
    }
    return line;
  });
}

function groupBy(
  lines: readonly StatementLine[],
  keyOf: (line: StatementLine) => string | undefined,
): Map<string, StatementLine[]> {
  const groups = new Map<string, StatementLine[]>();
  for (const line of lines) {
    const key = keyOf(line);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [line]);
    else group.push(line);
  }
  return groups;
}
