import type { components } from '@boh/sdk';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { renderTable, type Column } from '../../output/table.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';

type Job = components['schemas']['ImportJob'];

/** List import jobs, newest first: a table for people, tab-separated for pipes, JSON with --json. */
export async function listJobs(context: Context, options: { limit?: string }): Promise<void> {
  const limit = Number(options.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('error.invalid_integer', { option: '--limit', value: options.limit });

  const jobs: Job[] = [];
  for await (const job of context.client().imports.list({ limit: Math.min(limit, 500) })) {
    jobs.push(job);
    if (jobs.length >= limit) break;
  }
  if (context.json) {
    context.io.stdout.write(toJson(jobs));
    return;
  }
  if (jobs.length === 0) {
    context.info(context.t('import.jobs.none'));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const columns: Column<Job>[] = [
    { header: context.t('import.jobs.id'), value: (job) => job.id },
    { header: context.t('import.jobs.resource'), value: (job) => job.resource },
    { header: context.t('import.jobs.file'), value: (job) => job.file_name },
    { header: context.t('import.jobs.status'), value: (job) => (job.dry_run ? `${job.status} (dry run)` : job.status) },
    { header: context.t('import.jobs.rows'), value: (job) => String(job.counts.received), numeric: true },
    { header: context.t('import.jobs.rejected'), value: (job) => String(job.counts.rejected), numeric: true },
    { header: context.t('import.jobs.created_at'), value: (job) => formatValue(job.created_at, context.language, zone) },
    { header: context.t('import.jobs.by'), value: (job) => job.created_by ?? '' },
  ];
  context.io.stdout.write(renderTable(jobs, columns, Boolean(context.io.stdout.isTTY)));
}
