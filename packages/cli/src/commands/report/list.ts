import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';

/** Print the report catalogue. */
export async function listReports(context: Context): Promise<void> {
  const reports = await context.client().reports.list();
  if (context.json) {
    context.io.stdout.write(toJson(reports));
    return;
  }
  context.io.stdout.write(
    renderTable(
      reports,
      [
        { header: context.t('report.column.name'), value: (r) => r.name },
        { header: context.t('report.column.title'), value: (r) => r.title },
        { header: context.t('report.column.description'), value: (r) => r.description },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}
