// Streaming XLSX reader: the chosen sheet's XML is inflated and parsed as it is read, and rows are
// converted as they arrive, so memory stays flat for large sheets. The shared strings are held in
// memory (one string per distinct text) and the merged ranges are scanned before the rows.

import { TableReadError } from './issues.js';
import { MergeFiller, sheetCellRef, type CellRange, type MergedCellsMode } from './merged-cells.js';
import { convertCellValue, trimRow } from './xlsx-cells.js';
import { chooseSheet, readMergedRanges, readWorkbookParts, type SheetInfo, type WorkbookParts } from './xlsx-parts.js';
import { readSharedStrings, readSheetRows, type RawCell } from './xlsx-sheet-xml.js';
import { parseCellStyles, styleAt, type CellStyle } from './xlsx-styles.js';
import { openZipEntry, readZipEntryText, ZipFormatError } from './zip-entries.js';
import type { Cell, ReadIssue, SourceRow } from './types.js';

export { chooseSheet };

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
  const parts = await unreadableOnError(path, () => readWorkbookParts(path));
  if (parts === undefined) throw new TableReadError('file_unsupported_format', { path });
  const target = chooseSheet(parts.sheets, options.sheet, path);
  const sheetEntry = parts.entries.get(target.part);
  if (sheetEntry === undefined) throw new TableReadError('sheet_part_missing', { path, sheet: target.name, part: target.part });
  const merges =
    options.mergedCells === 'keep' ? [] : await unreadableOnError(path, () => readMergedRanges(path, sheetEntry));
  const issues: ReadIssue[] = [];

  return {
    sheet: target.name,
    sheets: parts.sheets.map((sheet) => sheet.name),
    merges,
    issues,
    rows: { [Symbol.asyncIterator]: () => streamRows(path, parts, target, merges, issues) },
  };
}

async function* streamRows(
  path: string,
  parts: WorkbookParts,
  target: SheetInfo,
  merges: readonly CellRange[],
  issues: ReadIssue[],
): AsyncGenerator<SourceRow> {
  const strings = await unreadableOnError(path, () => sharedStringsOf(path, parts));
  const styles = await unreadableOnError(path, () => cellStylesOf(path, parts));
  const filler = merges.length === 0 ? undefined : new MergeFiller(merges);
  const source = await unreadableOnError(path, () => openZipEntry(path, parts.entries.get(target.part)!));
  const context: CellContext = { sheet: target.name, date1904: parts.date1904, strings, styles, issues };

  try {
    const rows = readSheetRows(source);
    for (;;) {
      const next = await unreadableOnError(path, () => rows.next());
      if (next.done === true) return;
      const row = next.value;
      const cells: Cell[] = [];
      for (const raw of row.cells) cells[raw.column - 1] = cellOf(raw, row.number, context);
      for (let index = 0; index < cells.length; index += 1) cells[index] ??= null;
      if (filler !== undefined) filler.apply(row.number, cells);
      trimRow(cells);
      if (cells.length > 0) yield { line: row.number, cells };
    }
  } finally {
    source.destroy();
  }
}

interface CellContext {
  readonly sheet: string;
  readonly date1904: boolean;
  readonly strings: readonly string[];
  readonly styles: readonly CellStyle[];
  readonly issues: ReadIssue[];
}

/** Converts one stored cell, taking the common text and number cells by a short path. */
function cellOf(raw: RawCell, row: number, context: CellContext): Cell {
  const { type, value } = raw;
  if (raw.formula === undefined) {
    if (type === 's') return value === undefined ? null : (context.strings[Number(value)] ?? null) || null;
    if (type === 'inlineStr' || type === 'str') return value === undefined || value === '' ? null : value;
  }

  const style = styleAt(context.styles, raw.style);
  const stored = storedValue(raw, context.strings, context.sheet);
  if (typeof stored === 'number' && !style.date && !Number.isNaN(stored)) return stored;
  const position = { sheet: context.sheet, row, column: raw.column, date1904: context.date1904 };
  let dateStyle: 'time' | 'date' | undefined;
  if (style.timeOnly) dateStyle = 'time';
  else if (style.date) dateStyle = 'date';
  return convertCellValue(stored, style.numFmt, dateStyle, position, context.issues);
}

/** Builds the cell's value in the shapes that `convertCellValue` takes. */
function storedValue(raw: RawCell, strings: readonly string[], sheet: string): unknown {
  const { type, value, formula } = raw;
  let result: unknown;
  if (value === undefined || (value === '' && type !== 'str' && type !== 'inlineStr')) result = undefined;
  else if (type === 's') result = strings[Number(value)];
  else if (type === 'str' || type === 'inlineStr') result = value;
  else if (type === 'b') result = value.trim() === '1' || value.trim() === 'true';
  else if (type === 'e') result = { error: value };
  else if (type === 'd') result = new Date(value);
  else result = Number(value);

  if (formula === undefined) return result;
  const shared = raw.sharedFormulaCell;
  return shared === undefined ? { formula, result } : { formula, result, sharedWith: sheetCellRef(sheet, shared.row, shared.column) };
}

async function sharedStringsOf(path: string, parts: WorkbookParts): Promise<string[]> {
  const entry = parts.sharedStringsPart === undefined ? undefined : parts.entries.get(parts.sharedStringsPart);
  if (entry === undefined) return [];
  const source = await openZipEntry(path, entry);
  try {
    return await readSharedStrings(source);
  } finally {
    source.destroy();
  }
}

async function cellStylesOf(path: string, parts: WorkbookParts): Promise<CellStyle[]> {
  const entry = parts.stylesPart === undefined ? undefined : parts.entries.get(parts.stylesPart);
  return entry === undefined ? [] : parseCellStyles(await readZipEntryText(path, entry));
}

/**
 * Runs a step of reading the package and reports any failure as an unreadable file: a broken
 * ZIP structure or compressed stream as a damaged file, anything else (malformed XML) with
 * the parser's own reason.
 */
async function unreadableOnError<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof TableReadError) throw error;
    // The catalogue message ends the sentence itself, so the reason's own full stop goes.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/[.。]\s*$/, '');
    const code = error instanceof ZipFormatError || isZlibError(error) ? 'file_damaged' : 'file_unreadable';
    throw new TableReadError(code, { path, format: 'XLSX', reason }, { cause: error });
  }
}

/** Checks for an error of node:zlib, which a truncated or corrupted deflate stream raises. */
function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
