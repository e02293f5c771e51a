import { join } from 'node:path';
import { rename } from 'node:fs/promises';

import type { Context } from '../../runtime/context.js';
import { writeReport } from './write.js';

/** The reports of the month-end pack, each written as XLSX and HTML. */
export const MONTH_END_REPORTS = ['store-pnl', 'store-performance', 'inventory', 'cash', 'reconciliation-status'] as const;

/**
 * Write the report part of the month-end pack into `out`: the P&L by store, store performance,
 * inventory and cash as XLSX and HTML, and `overview.html` with the month's KPIs and SVG charts.
 * Returns the paths written, in that order.
 */
export async function writeMonthEndReports(context: Context, options: { period: string; out: string }): Promise<string[]> {
  const steps = MONTH_END_REPORTS.length + 1;
  const files: string[] = [];
  for (const [index, report] of MONTH_END_REPORTS.entries()) {
    files.push(...(await writeReport(context, { report, period: options.period, out: options.out, formats: ['xlsx', 'html'], progress: [index + 1, steps] })));
  }

  const [written] = await writeReport(context, { report: 'overview', period: options.period, out: options.out, formats: ['html'], compare: 'previous_period', progress: [steps, steps] });
  const overview = join(options.out, 'overview.html');
  await rename(written!, overview);
  files.push(overview);
  return files;
}
