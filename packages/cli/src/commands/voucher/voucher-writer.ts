import { once } from 'node:events';
import { createOutputStream } from '../../files/output-stream.js';
import type ExcelJS from 'exceljs';
import type { components } from '@boh/sdk';
import type { Language } from '../../i18n/index.js';
import { openCsvWriter } from '../../tables/table-writer.js';
import { amountText, type VoucherColumn, type VoucherLayout } from './layouts.js';

type VoucherLine = components['schemas']['VoucherLine'];

export interface VoucherWriter {
  write(line: VoucherLine): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open a voucher file in a layout: XLSX with typed cells, or CSV (UTF-8 with BOM, formulas
 * guarded). `language` is the language of the cells people read, such as the source's label.
 */
export async function openVoucherWriter(path: string, layout: VoucherLayout, headers: string[], language: Language): Promise<VoucherWriter> {
  return layout.format === 'xlsx' ? openXlsx(path, layout, headers, language) : openCsv(path, layout, headers, language);
}

async function openCsv(path: string, layout: VoucherLayout, headers: string[], language: Language): Promise<VoucherWriter> {
  const writer = openCsvWriter(path, { guardFormulas: true });
  await writer.writeRow(headers);
  return {
    write: (line) => writer.writeRow(layout.columns.map((column) => csvCell(column, line, language))),
    close: () => writer.close(),
  };
}

function csvCell(column: VoucherColumn, line: VoucherLine, language: Language): string | number | null {
  const value = column.value(line, language);
  if (value === null) return null;
  return column.kind === 'amount' ? amountText(value as number) : value;
}

type StreamingWorksheet = ExcelJS.Worksheet & { commit(): void };

// One style object per kind of cell, shared by every cell of that kind.
const CELL_STYLES: Record<VoucherColumn['kind'], Partial<ExcelJS.Style>> = {
  text: {},
  integer: {},
  amount: { numFmt: '0.00' },
  date: { numFmt: 'yyyy-mm-dd' },
};

/**
 * Write XLSX through exceljs's streaming writer. Amounts are number cells shown with two
 * decimals. Each number is read from the yuan text made from the integer fen, so the cell
 * contains exactly that decimal. Dates are date cells, which importers read in any locale.
 */
async function openXlsx(path: string, layout: VoucherLayout, headers: string[], language: Language): Promise<VoucherWriter> {
  const { default: excel } = await import('exceljs');
  const output = createOutputStream(path);
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(layout.sheetName) as StreamingWorksheet;
  const styles = layout.columns.map((column) => CELL_STYLES[column.kind]);
  sheet.columns = layout.columns.map((column, index) => ({ width: column.width, style: styles[index] }));
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();

  return {
    async write(line) {
      const row = sheet.addRow(layout.columns.map((column) => xlsxCell(column, line, language)));
      // exceljs gives each new cell a copy of its column's style and then looks the copy up by
      // its XML. The shared objects here are found by identity instead, which is much cheaper.
      for (let index = 0; index < styles.length; index += 1) row.getCell(index + 1).style = styles[index]!;
      row.commit();
    },
    async close() {
      sheet.commit();
      const finished = once(output, 'finish');
      await workbook.commit();
      if (!output.writableFinished) await finished;
    },
  };
}

function xlsxCell(column: VoucherColumn, line: VoucherLine, language: Language): string | number | Date | null {
  const value = column.value(line, language);
  if (value === null) return null;
  if (column.kind === 'amount') return Number(amountText(value as number));
  if (column.kind === 'date') {
    const [year, month, day] = String(value).split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(year, month - 1, day));
  }
  return value;
}
