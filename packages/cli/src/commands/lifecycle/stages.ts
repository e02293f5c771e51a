import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { forPeople, stageName } from './format.js';

type Period = components['schemas']['StagePeriod'];

/** Print the stages a store has been in, oldest first, with the days spent in each. */
export async function stages(context: Context, code: string): Promise<void> {
  const periods = await context.client().lifecycle.stages(code).toArray({ max: 10_000 });
  if (context.json) {
    context.io.stdout.write(toJson(periods));
    return;
  }
  const columns = [
    { header: context.t('lifecycle.stages.column.stage'), value: (period: Period) => stageName(context, period.stage) },
    { header: context.t('lifecycle.stages.column.from'), value: (period: Period) => period.started_on },
    { header: context.t('lifecycle.stages.column.to'), value: (period: Period) => period.ended_on ?? '' },
    { header: context.t('lifecycle.stages.column.days'), value: (period: Period) => String(period.days), numeric: true },
  ];
  context.io.stdout.write(renderTable(periods, columns, forPeople(context)));
}
