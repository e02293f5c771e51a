import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { amountOption, integerOption, quantityOption, specParts } from '../finance-options.js';

export interface RefundOptions {
  refundNumber: string;
  at?: string;
  line?: string[];
  amount?: string;
  payment?: string[];
  reason?: string;
  returnStock?: boolean;
}

/** Refund an order; without --line or --amount, everything not yet refunded. */
export async function refund(context: Context, store: string, number: string, options: RefundOptions): Promise<void> {
  if (options.line && options.amount !== undefined) throw new UsageError('finance.error.line_and_amount');
  const body: components['schemas']['RefundInput'] = {
    refund_number: options.refundNumber,
    refunded_at: options.at ?? new Date().toISOString(),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.returnStock === false ? { return_stock: false } : {}),
  };
  if (options.line) {
    body.lines = options.line.map((spec) => {
      const [line, quantity] = specParts('--line', spec, 2, 2, 'LINE:QUANTITY');
      return { line_number: integerOption('--line', line!), quantity: quantityOption('--line', quantity!) };
    });
  }
  if (options.amount !== undefined) body.amount_fen = amountOption('--amount', options.amount);
  if (options.payment) {
    body.payments = options.payment.map((spec) => {
      const [sequence, amount] = specParts('--payment', spec, 2, 2, 'SEQUENCE:AMOUNT');
      return { sequence: integerOption('--payment', sequence!), amount_fen: amountOption('--payment', amount!) };
    });
  }

  const result = await context.client().orders.refund(store, number, body);
  if (context.json) {
    context.io.stdout.write(toJson(result));
    return;
  }
  context.info(context.t('order.refund.done', { amount: formatFen(result.amount_fen), store_code: store, number, refund_number: result.refund_number }));
}
