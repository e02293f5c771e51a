import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { SilentExit, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { formatFen } from '../../output/money.js';
import { integerOption, MAX_LAG_DAYS, MAX_TOLERANCE_FEN, MAX_WINDOW_SECONDS, periodOption } from '../finance-options.js';
import { runReconcile } from './run.js';
import { statesOf } from './workbook.js';

export interface ReconcileCommandOptions {
  statement?: string[];
  period?: string;
  store?: string;
  out?: string;
  failOn?: string;
  toleranceFen?: string;
  windowSeconds?: string;
  writeOffAccount?: string;
  lagDays?: string;
  channelStatement?: string[];
  mapping?: string[];
}

/** `boh reconcile <channel> --statement FILE… --period YYYY-MM`: run, print the summary, write the files. */
export async function reconcile(context: Context, channel: string, options: ReconcileCommandOptions): Promise<void> {
  for (const [option, value] of [['--statement', options.statement], ['--period', options.period]] as const) {
    if (value === undefined) throw new UsageError('error.commander.requiredOption', { option, command: 'boh reconcile' });
  }
  const period = periodOption('--period', options.period!);
  if (options.failOn !== undefined && options.failOn !== 'unexplained') throw new UsageError('reconcile.error.fail_on', { value: options.failOn });
  if (channel !== 'bank' && (options.lagDays !== undefined || options.channelStatement !== undefined)) throw new UsageError('reconcile.error.bank_only', { channel });
  const { reconciliation, files } = await runReconcile(context, {
    channel,
    files: options.statement!,
    period,
    ...(options.store ? { store: options.store } : {}),
    out: options.out ?? '.',
    overrides: {
      ...(options.toleranceFen !== undefined ? { tolerance_fen: integerOption('--tolerance-fen', options.toleranceFen, 0, MAX_TOLERANCE_FEN) } : {}),
      ...(options.windowSeconds !== undefined ? { window_seconds: integerOption('--window-seconds', options.windowSeconds, 0, MAX_WINDOW_SECONDS) } : {}),
      ...(options.writeOffAccount !== undefined ? { write_off_account: options.writeOffAccount } : {}),
      ...(options.lagDays !== undefined ? { settlement_lag_days: integerOption('--lag-days', options.lagDays, 0, MAX_LAG_DAYS) } : {}),
    },
    ...(options.channelStatement ? { channelFiles: options.channelStatement } : {}),
    ...(options.mapping ? { mappings: options.mapping } : {}),
  });

  if (context.json) {
    context.io.stdout.write(toJson({ ...reconciliation, files }));
  } else {
    const rows = [
      ...statesOf(reconciliation.channel).map((state) => ({ label: context.t(`reconcile.state.${state}`), ...reconciliation.summary.states[state] })),
      { label: context.t('reconcile.unexplained'), ...reconciliation.unexplained },
    ];
    const table = renderTable(
      rows,
      [
        { header: context.t('reconcile.column.state'), value: (row) => row.label },
        { header: context.t('reconcile.column.count'), value: (row) => String(row.count), numeric: true },
        { header: context.t('reconcile.column.amount'), value: (row) => formatFen(row.amount_fen), numeric: true },
      ],
      true,
    );
    context.io.stdout.write(table);
    for (const file of files) context.info(context.t('reconcile.wrote', { file }));
  }
  if (options.failOn === 'unexplained' && reconciliation.unexplained.count > 0 && reconciliation.accepted_at === null) {
    context.info(context.t('reconcile.unexplained_failure', { count: reconciliation.unexplained.count }));
    throw new SilentExit(ExitCode.unexplainedDifferences);
  }
}
