// An XLSX reader on exceljs's `workbook.xlsx.readFile`, which keeps the whole workbook in memory
// (about 5.5 KB per row). It is not used for imports; tests compare the streaming reader with it.

import ExcelJS from 'exceljs';

import { TableReadError } from './issues.js';
import { MergeFiller, parseCellRange, type CellRange } from './merged-cells.js';
import { convertCellValue, trimRow } from './xlsx-cells.js';
import { chooseSheet } from './xlsx-parts.js';
import type { WorkbookReadOptions } from './xlsx-reader.js';
import type { Cell, ReadIssue, SourceRow } from './types.js';

/** Reads one sheet whole, with the same cell conversion as the streaming reader. */
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
      cells.push(follower ? null : convertCellValue(cell.value, cell.numFmt, undefined, position, issues));
    }
    trimRow(filler.apply(rowNumber, cells));
    if (cells.length > 0) rows.push({ line: rowNumber, cells });
  });
  return { sheet: target.name, rows, issues };
}

function mergesOf(worksheet: ExcelJS.Worksheet): CellRange[] {
  const ranges: CellRange[] = [];
  for (const ref of worksheet.model.merges ?? []) {
    const range = parseCellRange(ref);
    if (range !== undefined) ranges.push(range);
  }
  return ranges;
}
