import { BohValidationError, type components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { ExitError, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { amountOption, integerOption, quantityOption, specParts } from '../finance-options.js';
import { refundProblem } from './refund-problems.js';

export interface RefundOptions {
  refundNumber: string;
  at?: string;
  line?: string[];
  amount?: string;
  payment?: string[];
  reason?: string;
  returnStock?: boolean;
}

/**
 * Refund an order; without --line or --amount, everything not yet refunded. Without --at, a
 * refund number the order already has keeps its stored time, so running the same command again
 * returns the stored refund instead of a conflict over the time.
 */
export async function refund(context: Context, store: string, number: string, options: RefundOptions): Promise<void> {
  if (options.line && options.amount !== undefined) throw new UsageError('finance.error.line_and_amount');
  const stored = options.at === undefined ? await storedRefund(context, store, number, options.refundNumber) : undefined;
  const body: components['schemas']['RefundInput'] = {
    refund_number: options.refundNumber,
    refunded_at: options.at ?? stored?.refunded_at ?? new Date().toISOString(),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.returnStock === false ? { return_stock: false } : {}),
  };
  if (options.line) {
    body.lines = options.line.map((spec) => {
      const [line, quantity] = specParts('--line', spec, 2, 2, 'LINE:QUANTITY');
      return { line_number: integerOption('--line', line!), quantity: quantityOption('--line', quantity!) };
    });
  }
  if (options.amount !== undefined) body.amount_fen = refundAmount('--amount', options.amount);
  if (options.payment) {
    body.payments = options.payment.map((spec) => {
      const [sequence, amount] = specParts('--payment', spec, 2, 2, 'SEQUENCE:AMOUNT');
      return { sequence: integerOption('--payment', sequence!), amount_fen: refundAmount('--payment', amount!) };
    });
  }

  let result: components['schemas']['Refund'];
  try {
    result = await context.client().orders.refund(store, number, body);
  } catch (error) {
    if (!(error instanceof BohValidationError) || error.fieldErrors.length === 0) throw error;
    const problems = error.fieldErrors.map((fieldError) => refundProblem(context.language, fieldError));
    throw new ExitError(ExitCode.apiRejected, 'order.refund.rejected', { store_code: store, number, refund_number: options.refundNumber, problems: problems.join('; ') });
  }
  if (context.json) {
    context.io.stdout.write(toJson(result));
    return;
  }
  const params = { amount: formatFen(result.amount_fen), store_code: store, number, refund_number: result.refund_number, business_date: result.business_date };
  context.info(context.t(stored ? 'order.refund.already_posted' : 'order.refund.done', params));
}

async function storedRefund(context: Context, store: string, number: string, refundNumber: string): Promise<components['schemas']['Refund'] | undefined> {
  const order = await context.client().orders.get(store, number);
  return order.refunds.find((each) => each.refund_number === refundNumber);
}

/** An amount to refund in yuan, as fen; zero or less is rejected here rather than as fen by the API. */
function refundAmount(option: string, value: string): number {
  const fen = amountOption(option, value);
  if (fen <= 0) throw new UsageError('finance.error.amount_not_positive', { option, value });
  return fen;
}
