import type { Context } from '../../runtime/context.js';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { integerOption, periodOption } from '../finance-options.js';
import { checkFilterCodes } from '../filter-codes.js';

export interface TrialBalanceOptions {
  period: string;
  to?: string;
  store?: string;
  leaves?: boolean;
  level?: string;
}

/** Print a trial balance with its totals; a trial balance that does not balance ends with exit code 1. */
export async function trialBalance(context: Context, options: TrialBalanceOptions): Promise<void> {
  const trial = await context.client().ledger.trialBalance({
    period_from: periodOption('--period', options.period),
    ...(options.to ? { period_to: periodOption('--to', options.to) } : {}),
    ...(options.store ? { store_code: options.store } : {}),
  });
  if (trial.rows.every((row) => row.debit_fen === 0 && row.credit_fen === 0)) await checkFilterCodes(context, { store: options.store });
  const level = options.level ? integerOption('--level', options.level) : undefined;
  const rows = trial.rows.filter((row) => (!options.leaves || row.is_leaf) && (level === undefined || row.level <= level));

  if (context.json) {
    context.io.stdout.write(toJson({ ...trial, rows }));
  } else {
    const t = (key: string) => context.t(key);
    const total = { account_code: '', account_name: t('ledger.trial_balance.total'), ...trial.totals };
    const indent = (row: { level?: number }) => '  '.repeat(Math.max(0, (row.level ?? 1) - 1));
    context.io.stdout.write(
      renderTable(
        [...rows, total],
        [
          { header: t('ledger.column.code'), value: (r) => r.account_code },
          { header: t('ledger.column.name'), value: (r) => `${indent(r as { level?: number })}${r.account_name}` },
          { header: t('ledger.column.opening_debit'), value: (r) => formatFen(r.opening_debit_fen), numeric: true },
          { header: t('ledger.column.opening_credit'), value: (r) => formatFen(r.opening_credit_fen), numeric: true },
          { header: t('ledger.column.debit'), value: (r) => formatFen(r.debit_fen), numeric: true },
          { header: t('ledger.column.credit'), value: (r) => formatFen(r.credit_fen), numeric: true },
          { header: t('ledger.column.closing_debit'), value: (r) => formatFen(r.closing_debit_fen), numeric: true },
          { header: t('ledger.column.closing_credit'), value: (r) => formatFen(r.closing_credit_fen), numeric: true },
        ],
        Boolean(context.io.stdout.isTTY),
      ),
    );
  }
  if (!trial.balanced) throw new ExitError(ExitCode.failure, 'ledger.trial_balance.unbalanced');
}
