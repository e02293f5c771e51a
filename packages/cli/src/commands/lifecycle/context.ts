import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { dateOption } from '../finance-options.js';
import { forPeople, stageName } from './format.js';

type Row = components['schemas']['StoreLifecycleContext'];

/** Print each store's cohort (同店 or new) and days since opening for a period. */
export async function lifecycleContext(context: Context, options: { from: string; to: string; cohort?: string; region?: string }): Promise<void> {
  const rows = await context
    .client()
    .lifecycle.context({
      from: dateOption(context, '--from', options.from),
      to: dateOption(context, '--to', options.to),
      cohort: options.cohort as Row['cohort'] | undefined,
      region_code: options.region,
      limit: 500,
    })
    .toArray({ max: 100_000 });
  if (context.json) {
    context.io.stdout.write(toJson(rows));
    return;
  }
  const columns = [
    { header: context.t('lifecycle.column.store'), value: (row: Row) => row.store_code },
    { header: context.t('site.option.name'), value: (row: Row) => row.name },
    { header: context.t('lifecycle.stages.column.stage'), value: (row: Row) => stageName(context, row.stage) },
    { header: context.t('lifecycle.context.column.cohort'), value: (row: Row) => context.t(`cohort.${row.cohort}`) },
    { header: context.t('lifecycle.context.column.opened'), value: (row: Row) => row.opened_on ?? '' },
    { header: context.t('lifecycle.context.column.days'), value: (row: Row) => (row.days_since_opening === null ? '' : String(row.days_since_opening)), numeric: true },
    { header: context.t('lifecycle.context.column.open_days'), value: (row: Row) => String(row.open_days_in_period), numeric: true },
    { header: context.t('lifecycle.context.column.renovating_days'), value: (row: Row) => String(row.renovating_days_in_period), numeric: true },
  ];
  context.io.stdout.write(renderTable(rows, columns, forPeople(context)));
}
