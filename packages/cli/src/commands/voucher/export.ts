import { rename, rm } from 'node:fs/promises';
import { makeDirectory } from '../../files/make-directory.js';
import { join } from 'node:path';
import { retargetErrorPath } from '../../files/output-stream.js';
import type { Context } from '../../runtime/context.js';
import { ExitError, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { toJson } from '../../output/format.js';
import { periodOption } from '../finance-options.js';
import { LAYOUTS, VOUCHER_LAYOUTS, type VoucherLayoutName } from './layouts.js';
import { openVoucherWriter } from './voucher-writer.js';

export interface ExportVouchersOptions {
  period: string;
  layout: VoucherLayoutName;
  /** The folder to write into; made when missing. */
  out: string;
}

/**
 * Write the voucher lines of a period to `vouchers-<period>-<layout>.xlsx|csv` in `out` and
 * return the file's path. Every voucher is checked to balance (debits equal credits) as it is
 * written; the file appears only when the whole period was written.
 */
export async function exportVouchers(context: Context, options: ExportVouchersOptions): Promise<string[]> {
  const layout = LAYOUTS[options.layout];
  if (!layout) throw new UsageError('voucher.error.layout', { value: options.layout, values: VOUCHER_LAYOUTS.join(', ') });
  await makeDirectory(options.out);
  const file = join(options.out, `vouchers-${options.period}-${layout.name}.${layout.format}`);
  const partial = `${file}.partial`;

  // The importers read Chinese summaries and account names; the plain CSV follows --lang.
  const language = layout.localised ? context.language : 'zh-CN';
  const headers = layout.columns.map((column) => (layout.localised ? context.t(column.header) : column.header));
  const writer = await openVoucherWriter(partial, layout, headers, language).catch((error: unknown) => {
    throw retargetErrorPath(error, partial, file);
  });
  let current = { number: 0, debit: 0, credit: 0 };
  try {
    for await (const line of context.client().ledger.vouchers(options.period, { limit: 5000, language })) {
      if (line.voucher_number !== current.number) {
        assertBalanced(options.period, current);
        current = { number: line.voucher_number, debit: 0, credit: 0 };
      }
      current.debit += line.debit_fen;
      current.credit += line.credit_fen;
      await writer.write(line);
    }
    assertBalanced(options.period, current);
    await writer.close();
    await rename(partial, file);
  } catch (error) {
    await writer.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw retargetErrorPath(error, partial, file);
  }
  return [file];
}

function assertBalanced(period: string, voucher: { number: number; debit: number; credit: number }): void {
  if (voucher.debit !== voucher.credit) {
    throw new ExitError(ExitCode.failure, 'voucher.error.unbalanced', { period, number: voucher.number, debit: voucher.debit, credit: voucher.credit });
  }
}

/** `boh voucher export --period YYYY-MM --layout kingdee|yonyou|csv --out DIR`. */
export async function exportVouchersCommand(context: Context, options: { period: string; layout: string; out?: string }): Promise<void> {
  const period = periodOption('--period', options.period);
  if (!VOUCHER_LAYOUTS.includes(options.layout as VoucherLayoutName)) throw new UsageError('voucher.error.layout', { value: options.layout, values: VOUCHER_LAYOUTS.join(', ') });
  const files = await exportVouchers(context, { period, layout: options.layout as VoucherLayoutName, out: options.out ?? '.' });
  if (context.json) context.io.stdout.write(toJson({ period, layout: options.layout, files }));
  else context.info(context.t('voucher.done', { period, files: files.join(', ') }));
}
