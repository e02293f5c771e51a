import { rename, writeFile } from 'node:fs/promises';
import { makeDirectory } from '../../files/make-directory.js';
import { join } from 'node:path';

import type { ReportFormat } from '@boh/sdk';

import { retargetErrorPath } from '../../files/output-stream.js';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { withSpinner } from '../../runtime/spinner.js';

export const REPORT_FORMATS: readonly ReportFormat[] = ['xlsx', 'html', 'csv', 'json'];

export interface WriteReportOptions {
  report: string;
  period: string;
  store?: string;
  region?: string;
  brand?: string;
  compare?: 'previous_period' | 'previous_year';
  out: string;
  formats: readonly ReportFormat[];
  /** The step of a longer job, for the progress line: [step, steps]. */
  progress?: readonly [number, number];
}

/**
 * Run a report on the server and write its files into `out` under deterministic names:
 * `<report>-<period>[-<store>].<ext>`, and one `<report>-<period>[-<store>]-<section>.csv` per
 * section for CSV. Each file is written under a temporary name and renamed when complete, so a
 * failure leaves no half-written file. Returns the paths written.
 */
export async function writeReport(context: Context, options: WriteReportOptions): Promise<string[]> {
  const client = context.client();
  const [step, steps] = options.progress ?? [1, 1];
  // The folder is made first, so a path that cannot be one fails before the report runs.
  await makeDirectory(options.out);
  const run = await withSpinner(context, context.t('report.progress.run', { report: options.report, period: options.period, step, steps }), () =>
    client.reports.run({
      report: options.report,
      period: options.period,
      ...(options.store ? { store_code: options.store } : {}),
      ...(options.region ? { region_code: options.region } : {}),
      ...(options.brand ? { brand: options.brand } : {}),
      ...(options.compare ? { compare: options.compare } : {}),
    }),
  );
  for (const item of run.missing_data) context.info(context.t('report.missing_data', { note: item.note }));

  const scope = options.store ?? options.region ?? options.brand;
  const base = `${options.report}-${options.period}${scope ? `-${scope.replace(/[^\p{L}\p{N}._-]+/gu, '_')}` : ''}`;
  const files: string[] = [];
  for (const format of options.formats) {
    const targets = format === 'csv' ? run.sections.map((section) => ({ section: section.key, name: `${base}-${section.key}.csv` })) : [{ section: undefined, name: `${base}.${format}` }];
    for (const target of targets) {
      const path = join(options.out, target.name);
      await withSpinner(context, context.t('report.progress.write', { file: target.name }), async () => {
        const bytes = await client.reports.output(run.id, format, target.section ? { section: target.section } : {});
        const partial = `${path}.partial`;
        await writeFile(partial, bytes).catch((error: unknown) => {
          throw retargetErrorPath(error, partial, path);
        });
        await rename(partial, path);
      });
      files.push(path);
    }
  }
  return files;
}

/** Parse `--format xlsx,html`. */
export function parseFormats(value: string | undefined): ReportFormat[] {
  if (value === undefined) return ['xlsx', 'html'];
  const formats = value.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError('report.error.format', { option: '--format', value: format });
  }
  return [...new Set(formats)] as ReportFormat[];
}
