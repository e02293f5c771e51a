import { readFileSync } from 'node:fs';
import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { ExitError, SilentExit, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { writeLine } from '../../runtime/io.js';
import { integerOption } from '../finance-options.js';
import { fileErrorReason } from '../masterdata/field-options.js';
import { parseJsonText } from '../../runtime/json-text.js';

type OrderInput = components['schemas']['OrderInput'];
type BatchRefundInput = components['schemas']['BatchRefundInput'];
type PostingOutcome = components['schemas']['PostingOutcome'];

export interface PostOptions {
  batchSize?: string;
  atomic?: boolean;
}

/**
 * Post the orders and refunds of JSON files in batches. Ends with exit code 6 when any order or
 * refund was rejected or conflicts with an earlier posting, after reporting each one.
 */
export async function post(context: Context, files: string[], options: PostOptions): Promise<void> {
  const batchSize = integerOption('--batch-size', options.batchSize ?? '1000');
  if (batchSize > 10_000) throw new UsageError('error.invalid_integer', { option: '--batch-size', value: options.batchSize });
  const orders: OrderInput[] = [];
  const refunds: BatchRefundInput[] = [];
  for (const file of files) {
    const content = readInput(file);
    orders.push(...content.orders);
    refunds.push(...content.refunds);
  }

  const summary = await context.client().orders.postBatch(orders, {
    refunds,
    batchSize,
    atomic: options.atomic,
    onBatch: ({ done, total }) => context.info(context.t('order.post.progress', { done, total })),
  });

  if (context.json) {
    context.io.stdout.write(toJson(summary));
  } else {
    context.info(context.t('order.post.summary', { ...summary }));
    for (const outcome of [...summary.orders.map((o) => ['orders', o] as const), ...summary.refunds.map((o) => ['refunds', o] as const)]) {
      printProblem(context, outcome[0], outcome[1]);
    }
  }
  if (summary.rejected > 0 || summary.conflicts > 0) throw new SilentExit(ExitCode.rowsRejected);
}

/**
 * Returns an error's message with its field path relative to the order or refund, whose kind and index
 * the line already starts with: `payments: …` in place of `orders[0].payments: …`.
 */
function withinRecord(record: string, error: { field: string; message: string }): string {
  const prefix = `${error.field}: `;
  const text = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  const field = error.field.startsWith(record) ? error.field.slice(record.length).replace(/^\./, '') : error.field;
  return field === '' ? text : `${field}: ${text}`;
}

function printProblem(context: Context, kind: string, outcome: PostingOutcome): void {
  const base = { kind, index: outcome.index, store_code: outcome.store_code ?? '', number: outcome.refund_number ?? outcome.order_number ?? '' };
  if (outcome.outcome === 'rejected') {
    for (const error of outcome.errors ?? []) writeLine(context.io.stderr, context.t('order.post.rejected_line', { ...base, message: withinRecord(`${kind}[${outcome.index}]`, error) }));
  } else if (outcome.outcome === 'conflict') {
    writeLine(context.io.stderr, context.t('order.post.conflict_line', { ...base, fields: (outcome.differences ?? []).map((d) => d.field).join(', ') }));
  }
}

/** Read one JSON file (or standard input for `-`): an order, an array of orders, or {orders, refunds}. */
function readInput(file: string): { orders: OrderInput[]; refunds: BatchRefundInput[] } {
  let parsed: unknown;
  try {
    parsed = parseJsonText(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    throw new ExitError(ExitCode.usage, 'finance.error.read_json', { file, reason: fileErrorReason(error) });
  }
  if (Array.isArray(parsed)) return { orders: parsed as OrderInput[], refunds: [] };
  if (parsed && typeof parsed === 'object' && ('orders' in parsed || 'refunds' in parsed)) {
    const batch = parsed as { orders?: OrderInput[]; refunds?: BatchRefundInput[] };
    return { orders: batch.orders ?? [], refunds: batch.refunds ?? [] };
  }
  if (parsed && typeof parsed === 'object' && 'order_number' in parsed) return { orders: [parsed as OrderInput], refunds: [] };
  throw new ExitError(ExitCode.usage, 'finance.error.no_orders', { file });
}
