import type { Context } from '../../runtime/context.js';
import { SilentExit } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { confirmChange } from '../../runtime/prompt.js';
import { toJson } from '../../output/format.js';
import { formatFen } from '../../output/money.js';
import { renderTable } from '../../output/table.js';
import { periodOption } from '../finance-options.js';
import { runClose, type CloseChecklist } from './run.js';
import { checkNames } from './check-names.js';

/** `boh close --period YYYY-MM [--dry-run] [--accept KEY…]`: print the checklist, close when ready, exit 7 when not. */
export async function closeCommand(context: Context, options: { period: string; dryRun?: boolean; accept?: string[] }): Promise<void> {
  const period = periodOption('--period', options.period);
  const dryRun = options.dryRun ?? false;
  if (!dryRun) await confirmChange(context, context.t('close.confirm', { period }));
  const result = await runClose(context, { period, dryRun, accept: options.accept ?? [] });

  if (context.json) context.io.stdout.write(toJson(result));
  else {
    context.io.stdout.write(renderChecklist(context, result));
    let outcome = 'close.not_ready';
    if (result.already_closed) outcome = 'close.already_closed';
    else if (result.closed) outcome = 'close.closed';
    else if (dryRun && result.ready) outcome = 'close.dry_run_ready';
    context.info(context.t(outcome, { period, status: context.t(`ledger.status.${result.status}`) }));
  }
  if (!result.closed && !result.ready) throw new SilentExit(ExitCode.unexplainedDifferences);
}

/** Render the checklist as a table: check, state, count, amount, detail. */
export function renderChecklist(context: Context, checklist: CloseChecklist): string {
  return renderTable(
    checklist.checks,
    [
      { header: context.t('close.column.check'), value: (check) => checkNames([check.key], context.t) },
      {
        header: context.t('close.column.state'),
        value: (check) => {
          const state = context.t(`close.state.${check.state}`);
          return check.blocking ? state : context.t('close.warning', { state });
        },
      },
      { header: context.t('close.column.count'), value: (check) => (check.count === undefined ? '' : String(check.count)), numeric: true },
      { header: context.t('close.column.amount'), value: (check) => (check.amount_fen === undefined ? '' : formatFen(check.amount_fen)), numeric: true },
      { header: context.t('close.column.detail'), value: (check) => check.detail },
    ],
    Boolean(context.io.stdout.isTTY),
  );
}
