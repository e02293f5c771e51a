import { BohValidationError } from '@boh/sdk';

import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { UsageError } from '../../runtime/errors.js';
import { periodOption } from '../finance-options.js';
import { writeMonthEndReports } from './month-end.js';
import { parseFormats, writeReport } from './write.js';

export interface ReportCommandOptions {
  period: string;
  out?: string;
  format?: string;
  store?: string;
  region?: string;
  brand?: string;
  compare?: string;
}

/** `boh report <name>`: run one report and write its files. */
export async function reportCommand(context: Context, report: string, options: ReportCommandOptions): Promise<void> {
  const period = periodOption('--period', options.period);
  if (options.compare !== undefined && options.compare !== 'previous_period' && options.compare !== 'previous_year') {
    throw new UsageError('report.error.compare', { option: '--compare', value: options.compare });
  }
  const out = options.out ?? '.';
  const write = writeReport(context, {
    report,
    period,
    out,
    formats: parseFormats(options.format),
    ...(options.store ? { store: options.store } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.brand ? { brand: options.brand } : {}),
    ...(options.compare ? { compare: options.compare } : {}),
  });
  const files = await write.catch((error: unknown) => rejectUnknownReport(context, report, error));
  printFiles(context, files, out);
}

/**
 * Reword the API's rejection of an unknown report name (its field `body.report`) as a mistake
 * in the `<name>` argument, listing the catalogue's names. Other errors pass through.
 */
async function rejectUnknownReport(context: Context, report: string, error: unknown): Promise<never> {
  const isUnknownReport = error instanceof BohValidationError && error.fieldErrors.some((field) => field.field === 'body.report' && field.code === 'unknown_report');
  if (!isUnknownReport) throw error;

  const names = (await context.client().reports.list()).map((entry) => entry.name);
  const separator = context.language === 'zh-CN' ? '、' : ', ';
  throw new UsageError('report.error.unknown', { value: report, names: names.join(separator) });
}

/** `boh report month-end`: write the report part of the month-end pack. */
export async function monthEndCommand(context: Context, options: { period: string; out?: string }): Promise<void> {
  const out = options.out ?? '.';
  const files = await writeMonthEndReports(context, { period: periodOption('--period', options.period), out });
  printFiles(context, files, out);
}

function printFiles(context: Context, files: string[], out: string): void {
  if (context.json) {
    context.io.stdout.write(toJson({ files }));
    return;
  }
  for (const file of files) context.io.stdout.write(`${file}\n`);
  context.info(context.t('report.written', { count: files.length, out }));
}
