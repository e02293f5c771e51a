import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { writeLine } from '../../runtime/io.js';
import { formatFen, formatMessage, formatMilliFenAsYuan, type Channel, type MessageCode } from '../../statements/index.js';
import { valueLabel } from '../../resources/values.js';
import { readStatements } from './read-files.js';

/**
 * `boh statement parse FILE… [--channel …]`: check statement files before anything is stored.
 * Prints the layout found, the line count, the totals, every quarantined row and every warning.
 */
export async function parse(context: Context, files: string[], options: { channel?: string; mapping?: string[] }): Promise<void> {
  const statements = await readStatements(files, (options.channel ?? 'auto') as Channel | 'auto', context.language, options.mapping);
  if (context.json) {
    context.io.stdout.write(
      toJson(
        statements.map(({ file, sha256, parsed }) => ({
          file,
          sha256,
          layout: parsed.layout,
          channel: parsed.channel,
          account: parsed.account,
          period: parsed.period,
          counts: parsed.counts,
          totals: parsed.totals,
          summary: parsed.summary,
          quarantine: parsed.quarantine.map(({ rawCells: _cells, ...row }) => ({ ...row, message: formatMessage(context.language, row.code as MessageCode, { ...row.params, line: row.line }) })),
          warnings: parsed.warnings.map((warning) => ({ ...warning, message: formatMessage(context.language, warning.code as MessageCode, warning.params) })),
        })),
      ),
    );
    return;
  }

  for (const { file, parsed } of statements) {
    const totals = parsed.totals;
    context.io.stdout.write(
      context.t('statement.parse.summary', {
        file,
        layout: parsed.layout,
        channel: valueLabel(parsed.channel, context.language),
        lines: parsed.counts.ok,
        flagged: parsed.counts.flagged,
        rejected: parsed.counts.rejected,
        gross: formatFen(totals.grossFen),
        refund: formatFen(totals.refundFen),
        fee: formatMilliFenAsYuan(totals.feeMilliFen),
        net: formatMilliFenAsYuan(totals.netMilliFen),
      }) + '\n',
    );
    for (const row of parsed.quarantine) writeLine(context.io.stderr, formatMessage(context.language, row.code as MessageCode, { ...row.params, line: row.line }));
    for (const warning of parsed.warnings) writeLine(context.io.stderr, formatMessage(context.language, warning.code as MessageCode, warning.params));
  }
}
