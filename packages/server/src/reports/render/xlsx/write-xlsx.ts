// XLSX output through exceljs's streaming WorkbookWriter: a cover sheet, then one sheet per
// section with a frozen header row in the report language, typed cells and fitted widths.

import type { Writable } from 'node:stream';

import type { Workbook, Worksheet } from 'exceljs';

import { documentTimeZone } from '../cover.js';
import type { ReportDocument, ReportSection } from '../document.js';
import { localize, renderLabel } from '../labels.js';
import { normalizeRow, readSectionRows } from '../rows.js';
import { watchOutput } from '../stream-output.js';
import { assertValidReportDocument } from '../validate.js';
import type { NormalizedCell } from '../values/cell-value.js';
import { formatCellText } from '../values/format-cell.js';
import { fittedWidth } from './column-widths.js';
import { writeCoverSheet } from './cover-sheet.js';
import { SheetNamer } from './sheet-names.js';
import { waitForWorksheetBuffers } from './worksheet-back-pressure.js';
import { xlsxCellValue, xlsxNumberFormat } from './xlsx-cells.js';

export interface XlsxOptions {
  /**
   * Rows read ahead to fit column widths, which must be known before the first row is written.
   * Default 1,000; wider values further down are cut off in the view, never in the data.
   */
  readonly widthSampleRows?: number;
  /**
   * Data rows per sheet before a section goes on in a new sheet. The default fills Excel's
   * 1,048,576 rows less the header and the totals row; set a smaller value only in tests.
   */
  readonly maxRowsPerSheet?: number;
}

const DEFAULT_WIDTH_SAMPLE_ROWS = 1000;
const MAX_DATA_ROWS_PER_SHEET = 1_048_576 - 2;
const HEADER_FILL = 'FFEFF1F5';

type StreamingWorksheet = Worksheet & { commit(): void };

/**
 * Write the document as an XLSX workbook to `output` and end it. Memory stays flat for any number
 * of rows: strings are written inline (no shared-string table) and the writer waits whenever the
 * zip or `output` falls behind. If rendering fails the promise rejects and `output` is left open
 * and incomplete: the caller must discard it.
 */
export async function writeXlsx(document: ReportDocument, output: Writable, options: XlsxOptions = {}): Promise<void> {
  assertValidReportDocument(document);

  // exceljs waits for the output's `finish` and misses an error that came before it listened.
  const watch = watchOutput(output);
  try {
    await Promise.race([writeWorkbook(document, output, options), watch.failed]);
  } finally {
    watch.stop();
  }
}

async function writeWorkbook(document: ReportDocument, output: Writable, options: XlsxOptions): Promise<void> {
  // exceljs and its dependencies take about 26 MB of a server's memory, so they load with the first workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'BOH';
  workbook.title = localize(document.title, document.language);

  const names = new SheetNamer();
  const numbered = (base: string, number: number) =>
    renderLabel(document.language, 'sheetContinued', { name: base, number });
  writeCoverSheet(workbook, document, names.name(renderLabel(document.language, 'cover'), numbered));

  for (const section of document.sections) {
    // A section with more rows than fit on one sheet continues in sheets named "Name (2)", "Name (3)", ….
    const sectionName = localize(section.name, document.language);
    const sheetNameFor = (part: number) =>
      names.name(part === 1 ? sectionName : numbered(sectionName, part), numbered);
    await writeSection(workbook, document, section, sheetNameFor, output, options);
  }

  await workbook.commit();
}

async function writeSection(
  workbook: Workbook,
  document: ReportDocument,
  section: ReportSection,
  sheetNameFor: (part: number) => string,
  output: Writable,
  options: XlsxOptions,
): Promise<void> {
  const timeZone = documentTimeZone(document);
  const columns = section.columns;
  const headers = columns.map((column) => localize(column.label, document.language));
  const totals = section.totals
    ? normalizeRow(columns, section.totals, `section ${section.key}, totals`, true)
    : undefined;

  // Read ahead for the widths; the rows read stay in memory only until they are written.
  const rows = readSectionRows(section);
  const sample: NormalizedCell[][] = [];
  const sampleSize = options.widthSampleRows ?? DEFAULT_WIDTH_SAMPLE_ROWS;
  while (sample.length < sampleSize) {
    const next = await rows.next();
    if (next.done) break;
    sample.push(next.value);
  }

  const shownOptions = { grouping: true, seconds: false, timeZone };
  const widths = columns.map((column, index) => {
    const displayedTexts = [...sample, ...(totals ? [totals] : [])].map((cells) =>
      formatCellText(column, cells[index] ?? null, shownOptions),
    );
    return fittedWidth([headers[index] ?? '', ...displayedTexts]);
  });

  const openSheet = (part: number): StreamingWorksheet => {
    const sheet = workbook.addWorksheet(sheetNameFor(part), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    }) as StreamingWorksheet;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    sheet.columns = columns.map((column, index) => ({
      key: column.key,
      width: widths[index] ?? 10,
      style: { numFmt: xlsxNumberFormat(column) },
    }));
    writeHeaderRow(sheet, headers);
    return sheet;
  };

  const maxRowsPerSheet = options.maxRowsPerSheet ?? MAX_DATA_ROWS_PER_SHEET;
  let part = 1;
  let sheet = openSheet(part);
  let rowsOnSheet = 0;
  let rowNumber = 0;
  const writeRow = async (cells: readonly NormalizedCell[]) => {
    rowNumber += 1;
    if (rowsOnSheet === maxRowsPerSheet) {
      sheet.commit();
      part += 1;
      sheet = openSheet(part);
      rowsOnSheet = 0;
    }
    const values = columns.map((column, index) =>
      xlsxCellValue(column, cells[index] ?? null, timeZone, `section ${section.key}, row ${rowNumber}, column ${column.key}`),
    );
    sheet.addRow(values).commit();
    rowsOnSheet += 1;
    await waitForWorksheetBuffers(sheet, output);
  };

  for (const cells of sample.splice(0)) await writeRow(cells);
  for await (const cells of rows) await writeRow(cells);

  if (totals) writeTotalsRow(sheet, document, section, totals, timeZone);
  sheet.commit();
}

function writeHeaderRow(sheet: StreamingWorksheet, headers: readonly string[]): void {
  const header = sheet.addRow([...headers]);
  header.eachCell((cell) => {
    cell.style = {
      font: { bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } },
      border: { bottom: { style: 'thin' } },
      alignment: { vertical: 'middle' },
    };
  });
  header.commit();
}

function writeTotalsRow(
  sheet: StreamingWorksheet,
  document: ReportDocument,
  section: ReportSection,
  totals: readonly NormalizedCell[],
  timeZone: string,
): void {
  const values = section.columns.map((column, index) =>
    xlsxCellValue(column, totals[index] ?? null, timeZone, `section ${section.key}, totals, column ${column.key}`),
  );
  if (values[0] === null) values[0] = renderLabel(document.language, 'total');

  const row = sheet.addRow(values);
  section.columns.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    cell.style = { numFmt: xlsxNumberFormat(column), font: { bold: true }, border: { top: { style: 'thin' } } };
  });
  row.commit();
}
