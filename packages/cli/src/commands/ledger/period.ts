import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { confirmChange } from '../../runtime/prompt.js';
import { periodOption } from '../finance-options.js';

export async function listPeriods(context: Context): Promise<void> {
  const periods = await context.client().ledger.periods.list({ limit: 500 }).toArray({ max: 10_000 });
  if (context.json) {
    context.io.stdout.write(toJson(periods));
    return;
  }
  const t = (key: string) => context.t(key);
  context.io.stdout.write(
    renderTable(
      periods,
      [
        { header: t('ledger.column.period'), value: (p) => p.period },
        { header: t('ledger.column.status'), value: (p) => t(`ledger.status.${p.status}`) },
        { header: t('ledger.column.closed_at'), value: (p) => p.closed_at ?? '' },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}

/** Close, lock or reopen a period, after confirmation (or --yes). */
export async function changePeriod(context: Context, action: 'close' | 'lock' | 'reopen', periodText: string, options: { reason?: string; accept?: string[] }): Promise<void> {
  const period = periodOption('<period>', periodText);
  await confirmChange(context, context.t(`ledger.period.confirm.${action}`, { period }));
  const ledger = context.client().ledger;
  const periods = ledger.periods;
  let result;
  if (action === 'reopen') result = await periods.reopen(period, options.reason!);
  else if (action === 'close' && options.accept?.length) result = await ledger.closePeriod(period, { accept: options.accept });
  else result = await periods[action](period);
  if (context.json) {
    context.io.stdout.write(toJson(result));
    return;
  }
  context.info(context.t('ledger.period.done', { period, status: context.t(`ledger.status.${result.status}`) }));
}
