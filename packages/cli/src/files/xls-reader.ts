// Legacy Excel reader (BIFF .xls, as Chinese banks still export) on SheetJS (@e965/xlsx).
// Also reads the HTML and SpreadsheetML 2003 files that some systems save with an .xls name.
// SheetJS parses the whole file in memory, which suits these formats because BIFF8 allows at
// most 65,536 rows per sheet.

import { readFile } from 'node:fs/promises';

import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';

import { excelDateFromSerial, isDateFormatCode, isTimeFormatCode } from './excel-date.js';
import { StreamingDecoder } from './encoding.js';
import { TableReadError } from './issues.js';
import { MergeFiller, sheetCellRef, type CellRange } from './merged-cells.js';
import { trimRow } from './xlsx-cells.js';
import { chooseSheet } from './xlsx-parts.js';
import type { SheetTable, WorkbookReadOptions } from './xlsx-reader.js';
import type { Cell, ReadIssue, SourceRow } from './types.js';

type SheetJs = typeof import('@e965/xlsx');

let sheetJs: Promise<SheetJs> | undefined;

// The code page tables are needed for BIFF5 files written on Chinese systems (code page 936).
function loadSheetJs(): Promise<SheetJs> {
  sheetJs ??= (async () => {
    const library = await import('@e965/xlsx');
    const codePages = await import('@e965/xlsx/dist/cpexcel.full.mjs');
    library.set_cptable(codePages);
    return library;
  })();
  return sheetJs;
}

/** Reads one sheet of a legacy .xls workbook (or an HTML/XML table saved as .xls). */
export async function openXls(path: string, options: WorkbookReadOptions = {}): Promise<SheetTable> {
  const XLSX = await loadSheetJs();
  const bytes = await readFile(path);
  const workbook = parseWorkbook(XLSX, bytes, path);

  const sheets = workbook.SheetNames.map((name, index) => ({
    name,
    hidden: (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0,
    part: '',
  }));
  const target = chooseSheet(sheets, options.sheet, path);
  const worksheet = workbook.Sheets[target.name]!;
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  const merges = options.mergedCells === 'keep' ? [] : mergesOf(worksheet);

  const issues: ReadIssue[] = [];
  const rows = sheetRows(XLSX, worksheet, target.name, date1904, merges, issues);
  return {
    sheet: target.name,
    sheets: sheets.map((sheet) => sheet.name),
    merges,
    issues,
    rows: {
      async *[Symbol.asyncIterator]() {
        yield* rows;
      },
    },
  };
}

function parseWorkbook(XLSX: SheetJs, bytes: Buffer, path: string): WorkBook {
  try {
    if (isCompoundFile(bytes)) {
      return XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellFormula: true });
    }
    // HTML or XML text: decode it as the CSV reader does, and keep cell text as written, so
    // that `0001` does not turn into 1.
    const decoder = new StreamingDecoder();
    const text = decoder.write(bytes) + decoder.end();
    return XLSX.read(text, { type: 'string', dense: true, raw: true, cellDates: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(reason)) throw new TableReadError('file_encrypted', { path }, { cause: error });
    throw new TableReadError('file_unreadable', { path, format: 'XLS', reason }, { cause: error });
  }
}

function sheetRows(
  XLSX: SheetJs,
  worksheet: WorkSheet,
  sheet: string,
  date1904: boolean,
  merges: readonly CellRange[],
  issues: ReadIssue[],
): SourceRow[] {
  // Dense sheets leave missing rows and cells as null or as holes.
  const data = (worksheet['!data'] ?? []) as (readonly (CellObject | null | undefined)[] | null | undefined)[];
  const filler = new MergeFiller(merges);
  const rows: SourceRow[] = [];
  data.forEach((rowCells, rowIndex) => {
    if (rowCells === null || rowCells === undefined) return;
    const line = rowIndex + 1;
    const cells: Cell[] = [];
    for (let index = 0; index < rowCells.length; index += 1) {
      const cell = rowCells[index];
      const position = { sheet, line, column: index + 1, date1904 };
      cells.push(cell === null || cell === undefined ? null : convertCell(XLSX, cell, position, issues));
    }
    trimRow(filler.apply(line, cells));
    if (cells.length > 0) rows.push({ line, cells });
  });
  return rows;
}

// BIFF error codes, for cells read without their shown text.
const ERROR_TEXTS: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
};

interface Position {
  readonly sheet: string;
  readonly line: number;
  readonly column: number;
  readonly date1904: boolean;
}

function convertCell(XLSX: SheetJs, cell: CellObject, position: Position, issues: ReadIssue[]): Cell {
  const ref = sheetCellRef(position.sheet, position.line, position.column);
  if (cell.v === undefined || cell.v === null) {
    return cell.f === undefined ? null : { kind: 'formula-without-result', ref, formula: cell.f };
  }
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'n': {
      const value = Number(cell.v);
      const format = typeof cell.z === 'string' ? cell.z : undefined;
      const isDate = isDateFormatCode(format) || (format !== undefined && XLSX.SSF.is_date(format) === true);
      return isDate ? (excelDateFromSerial(value, position.date1904, isTimeFormatCode(format)) ?? value) : value;
    }
    case 'e': {
      const error = cell.w ?? ERROR_TEXTS[Number(cell.v)] ?? '#ERROR';
      issues.push({ line: position.line, column: position.column, code: 'sheet_error_cell', params: { ref, error } });
      return String(error);
    }
    default:
      return null;
  }
}

function mergesOf(worksheet: WorkSheet): CellRange[] {
  return (worksheet['!merges'] ?? []).map((range) => ({
    top: range.s.r + 1,
    left: range.s.c + 1,
    bottom: range.e.r + 1,
    right: range.e.c + 1,
  }));
}

/** Checks whether the bytes start with the OLE compound file signature of BIFF workbooks. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return signature.every((byte, index) => bytes[index] === byte);
}
