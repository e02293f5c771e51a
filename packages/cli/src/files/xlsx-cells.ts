// Conversion of cell values to the reader's `Cell` shape, shared by the streaming and the
// in-memory XLSX readers. Values come in exceljs's shapes (`{ formula, result }`, `{ error }`,
// `{ richText }`); the streaming reader builds the same shapes from the sheet's XML.

import { excelDateFromJsDate, excelDateFromSerial, isDateFormatCode, isTimeFormatCode } from './excel-date.js';
import { sheetCellRef } from './merged-cells.js';
import type { Cell, ReadIssue } from './types.js';

/** Position of a cell and the date system of its workbook, for converting its value. */
export interface CellPosition {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly date1904: boolean;
}

interface RichTextRun {
  readonly text?: unknown;
}

/**
 * What a cell's style is known to show when its format has no code, as a built-in format: a
 * date (with or without a time), only a time or duration, or undefined when the code decides.
 */
export type DateStyle = 'date' | 'time' | undefined;

/**
 * Converts one cell value. `numFmt` is the cell's number format code, and `dateStyle` what a
 * built-in format with no code shows. Error values become their text (`#N/A`) and add an issue
 * to `issues`.
 */
export function convertCellValue(
  value: unknown,
  numFmt: string | undefined,
  dateStyle: DateStyle,
  position: CellPosition,
  issues: ReadIssue[],
): Cell {
  // An empty string cell reads as null, as the streaming reader already gives it.
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return numberCell(value, numFmt, dateStyle, position, issues);
  if (value instanceof Date) return excelDateFromJsDate(value, position.date1904, dateStyle === 'time' || isTimeFormatCode(numFmt)) ?? null;
  if (typeof value !== 'object') return null;

  const record = value as Record<string, unknown>;
  if (Array.isArray(record.richText)) return joinRichText(record.richText as RichTextRun[]);
  if ('formula' in record || 'sharedFormula' in record) return formulaCell(record, numFmt, dateStyle, position, issues);
  if ('error' in record) return errorCell(String(record.error), position, issues);
  // A hyperlink keeps its shown text, which may itself be rich text.
  if ('text' in record) return convertCellValue(record.text, numFmt, dateStyle, position, issues);
  return null;
}

function numberCell(
  value: number,
  numFmt: string | undefined,
  dateStyle: DateStyle,
  position: CellPosition,
  issues: ReadIssue[],
): Cell {
  if (Number.isNaN(value)) return errorCell('#ERROR', position, issues);
  if (dateStyle === 'time' || isTimeFormatCode(numFmt)) return excelDateFromSerial(value, position.date1904, true) ?? value;
  if (dateStyle === 'date' || isDateFormatCode(numFmt)) return excelDateFromSerial(value, position.date1904) ?? value;
  return value;
}

function formulaCell(
  record: Record<string, unknown>,
  numFmt: string | undefined,
  dateStyle: DateStyle,
  position: CellPosition,
  issues: ReadIssue[],
): Cell {
  const { result } = record;
  if (result === undefined || result === null) {
    const formula = typeof record.formula === 'string' ? record.formula : String(record.sharedFormula ?? '');
    return {
      kind: 'formula-without-result',
      ref: sheetCellRef(position.sheet, position.row, position.column),
      formula,
      ...(typeof record.sharedWith === 'string' ? { sharedWith: record.sharedWith } : {}),
    };
  }
  // exceljs parses a cached error result (`<v>#N/A</v>`) as NaN, so the in-memory reader loses
  // the error's text and the cell reads `#ERROR`. The streaming reader keeps the text.
  return convertCellValue(result, numFmt, dateStyle, position, issues);
}

function errorCell(error: string, position: CellPosition, issues: ReadIssue[]): string {
  issues.push({
    line: position.row,
    column: position.column,
    code: 'sheet_error_cell',
    params: { ref: sheetCellRef(position.sheet, position.row, position.column), error },
  });
  return error;
}

function joinRichText(runs: readonly RichTextRun[]): string {
  return runs.map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
}

/** Drops empty cells at the end of a row, in place, and returns the row. */
export function trimRow(cells: Cell[]): Cell[] {
  let length = cells.length;
  while (length > 0 && isEmptyCell(cells[length - 1] ?? null)) length -= 1;
  cells.length = length;
  return cells;
}

function isEmptyCell(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}
