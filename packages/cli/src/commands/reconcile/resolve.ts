import type { components } from '@boh/sdk';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { amountOption, integerOption } from '../finance-options.js';

type Resolve = components['schemas']['ReconciliationResolve'];

export interface ResolveOptions {
  note?: string;
  debit?: string;
  credit?: string;
  amount?: string;
  entryDate?: string;
}

/**
 * Resolve an item (`boh reconcile resolve <id> <item>`): explain it with a note, or also post an
 * adjusting journal entry of two lines, for example debit 5603 financial expenses and credit
 * 1012.01 for a fee the channel took. The server audits the resolution and keeps it when the
 * reconciliation runs again.
 */
export async function resolveItem(context: Context, reconciliationId: string, itemText: string, options: ResolveOptions): Promise<void> {
  const itemId = integerOption('<item>', itemText);
  const body = resolveBody(options);
  const item = await context.client().reconciliations.resolve(reconciliationId, itemId, body);
  if (context.json) {
    context.io.stdout.write(toJson(item));
    return;
  }
  const entry = item.resolution?.journal_entry_id;
  context.io.stdout.write(
    `${context.t(entry != null ? 'reconcile.resolve.done_journal' : 'reconcile.resolve.done', {
      id: item.id,
      reconciliation: reconciliationId,
      state: context.t(`reconcile.state.${item.state}`),
      amount: formatFen(item.amount_fen),
      entry,
    })}\n`,
  );
}

/** Build the request body from the options. A journal entry needs all of --debit, --credit and --amount. */
export function resolveBody(options: ResolveOptions): Resolve {
  const note = options.note?.trim() ?? '';
  const journalOptions = [options.debit, options.credit, options.amount];
  const journalGiven = journalOptions.some((value) => value !== undefined);
  if (note === '' && !journalGiven) throw new UsageError('reconcile.resolve.error.empty');
  if (!journalGiven) {
    if (options.entryDate !== undefined) throw new UsageError('reconcile.resolve.error.journal_incomplete');
    return { note };
  }
  if (journalOptions.some((value) => value === undefined || value.trim() === '')) throw new UsageError('reconcile.resolve.error.journal_incomplete');
  const amount = amountOption('--amount', options.amount!);
  if (amount <= 0) throw new UsageError('reconcile.resolve.error.amount', { value: options.amount });
  if (options.entryDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.entryDate)) throw new UsageError('reconcile.resolve.error.entry_date', { value: options.entryDate });
  return {
    ...(note !== '' ? { note } : {}),
    journal: {
      ...(options.entryDate !== undefined ? { entry_date: options.entryDate } : {}),
      lines: [
        { account_code: options.debit!.trim(), debit_fen: amount },
        { account_code: options.credit!.trim(), credit_fen: amount },
      ],
    },
  };
}
