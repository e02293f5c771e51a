// XLSX reader on exceljs's streaming WorkbookReader: rows are converted as they are parsed,
// so memory stays flat for large sheets. An in-memory variant on `workbook.xlsx.readFile`
// exists to check that both paths give the same cells.

import ExcelJS from 'exceljs';

import { isBuiltInDateFormatId } from './excel-date.js';
import { TableReadError } from './issues.js';
import { MergeFiller, parseCellRange, type CellRange, type MergedCellsMode } from './merged-cells.js';
import { convertCellValue, trimRow } from './xlsx-cells.js';
import { chooseSheet, readMergedRanges, readWorkbookParts, type SheetInfo, type WorkbookParts } from './xlsx-parts.js';

export { chooseSheet };
import type { Cell, ReadIssue, SourceRow } from './types.js';

export interface WorkbookReadOptions {
  /** Sheet name; the first visible sheet in tab order when not given. */
  readonly sheet?: string;
  /** Treatment of merged ranges, `fill` unless given (see MergedCellsMode). */
  readonly mergedCells?: MergedCellsMode;
}

/** A workbook sheet being read. `rows` can be iterated once; `issues` grows while it is. */
export interface SheetTable {
  readonly sheet: string;
  /** All sheet names in tab order, hidden ones included. */
  readonly sheets: readonly string[];
  readonly merges: readonly CellRange[];
  readonly issues: readonly ReadIssue[];
  readonly rows: AsyncIterable<SourceRow>;
}

/**
 * Opens one sheet of an XLSX file for streaming. The sheet list, date system and merged
 * ranges are read first from the package; the rows are read when `rows` is iterated.
 */
export async function openXlsx(path: string, options: WorkbookReadOptions = {}): Promise<SheetTable> {
  const parts = await readParts(path);
  const target = chooseSheet(parts.sheets, options.sheet, path);
  const sheetEntry = parts.entries.get(target.part);
  const merges =
    options.mergedCells === 'keep' || sheetEntry === undefined ? [] : await readMergedRanges(path, sheetEntry);
  const issues: ReadIssue[] = [];

  return {
    sheet: target.name,
    sheets: parts.sheets.map((sheet) => sheet.name),
    merges,
    issues,
    rows: { [Symbol.asyncIterator]: () => streamRows(path, parts, target, merges, issues) },
  };
}

/**
 * Reads one sheet with `workbook.xlsx.readFile`, which keeps the whole workbook in memory
 * (about 5.5 KB per row). Meant for comparing with the streaming reader.
 */
export async function readXlsxInMemory(
  path: string,
  options: WorkbookReadOptions = {},
): Promise<{ sheet: string; rows: SourceRow[]; issues: ReadIssue[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new TableReadError('file_unreadable', { path, format: 'XLSX', reason: String(error) }, { cause: error });
  }
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, hidden: sheet.state !== 'visible', part: '' }));
  const target = chooseSheet(sheets, options.sheet, path);
  const worksheet = workbook.getWorksheet(target.name)!;
  const date1904 = workbook.properties.date1904 === true;

  const merges = options.mergedCells === 'keep' ? [] : mergesOf(worksheet);
  const filler = new MergeFiller(merges);
  const issues: ReadIssue[] = [];
  const rows: SourceRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      const cell = row.getCell(column);
      // exceljs gives every cell of a merged range the top-left value; the filler decides instead.
      const follower = cell.isMerged && cell.master.address !== cell.address;
      const position = { sheet: target.name, row: rowNumber, column, date1904 };
      cells.push(follower ? null : convertCellValue(cell.value, cell.numFmt, false, position, issues));
    }
    trimRow(filler.apply(rowNumber, cells));
    if (cells.length > 0) rows.push({ line: rowNumber, cells });
  });
  return { sheet: target.name, rows, issues };
}

async function* streamRows(
  path: string,
  parts: WorkbookParts,
  target: SheetInfo,
  merges: readonly CellRange[],
  issues: ReadIssue[],
): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs 4.4 sets `model` only when it reaches xl/workbook.xml, but reads `model.sheets` for
  // a worksheet that comes earlier in the package once the relationships have been read, and
  // then throws. Such a sheet is found by its part's number below instead.
  (reader as unknown as { model?: object }).model ??= {};
  const knownNames = new Set(parts.sheets.map((sheet) => sheet.name));
  const fileNumber = /sheet(\d+)\.xml$/.exec(target.part)?.[1];
  const filler = new MergeFiller(merges);

  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as StreamedSheet;
      // exceljs names a sheet only when workbook.xml came before it in the package;
      // otherwise it is `Sheet<n>` after its part file.
      const isTarget = sheet.name === target.name || (!knownNames.has(sheet.name) && String(sheet.id) === fileNumber);
      if (!isTarget) {
        // Read the other sheet to its end. A sheet stored before the shared strings comes from a
        // temporary file that exceljs deletes as soon as the loop moves on, and deleting it before
        // its read stream has opened raised an unhandled ENOENT.
        for await (const skipped of sheet) void skipped;
        continue;
      }

      const dateStyles = unlabelledDateStyles(reader);
      for await (const row of sheet) {
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const position = { sheet: target.name, row: row.number, column, date1904: parts.date1904 };
          const dateStyle = dateStyles.has(cell.style);
          cells[column - 1] = convertCellValue(cell.value, cell.numFmt, dateStyle, position, issues);
        });
        for (let index = 0; index < cells.length; index += 1) cells[index] ??= null;
        trimRow(filler.apply(row.number, cells));
        if (cells.length > 0) yield { line: row.number, cells };
      }
      return;
    }
  } catch (error) {
    throw new TableReadError('file_unreadable', { path, format: 'XLSX', reason: String(error) }, { cause: error });
  } finally {
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
  throw new TableReadError('sheet_not_found', { sheet: target.name, sheets: [...knownNames].join(', ') });
}

interface StreamedSheet extends AsyncIterable<ExcelJS.Row> {
  readonly name: string;
  readonly id: number | string;
}

interface StyleManagerInternals {
  readonly model?: { readonly styles?: readonly ({ readonly numFmtId?: number } | undefined)[] };
  getStyleModel?(id: number): { readonly numFmt?: unknown } | null;
}

/**
 * Style objects of built-in date formats that exceljs 4.4 has no code for (the East Asian
 * ids 27–36 and 50–58, such as 31, `yyyy"年"m"月"d"日"`). exceljs gives each cell the cached
 * style object of its style index, so the objects identify those cells. This reads exceljs
 * internals; if they change, the set is empty and such cells stay numbers.
 * NOTE: no test covers these ids, because exceljs cannot write a workbook that uses them.
 */
function unlabelledDateStyles(reader: unknown): Set<unknown> {
  const found = new Set<unknown>();
  const styles = (reader as { styles?: StyleManagerInternals }).styles;
  const records = styles?.model?.styles;
  if (styles?.getStyleModel === undefined || !Array.isArray(records)) return found;
  records.forEach((record, index) => {
    if (record?.numFmtId === undefined || !isBuiltInDateFormatId(record.numFmtId)) return;
    const model = styles.getStyleModel!(index);
    if (model !== null && model !== undefined && model.numFmt === undefined) found.add(model);
  });
  return found;
}

async function readParts(path: string): Promise<WorkbookParts> {
  let parts: WorkbookParts | undefined;
  try {
    parts = await readWorkbookParts(path);
  } catch (error) {
    throw new TableReadError('file_unreadable', { path, format: 'XLSX', reason: String(error) }, { cause: error });
  }
  if (parts === undefined) throw new TableReadError('file_unsupported_format', { path });
  return parts;
}


function mergesOf(worksheet: ExcelJS.Worksheet): CellRange[] {
  const ranges: CellRange[] = [];
  for (const ref of worksheet.model.merges ?? []) {
    const range = parseCellRange(ref);
    if (range !== undefined) ranges.push(range);
  }
  return ranges;
}
