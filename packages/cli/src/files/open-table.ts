// One entry point for every tabular file. The format is chosen by content (ZIP → XLSX, OLE
// compound file → XLS, text → CSV). The extension only serves to recognise the HTML or XML
// tables that some systems save under an .xls name.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';

import { openCsv, type CsvReadOptions } from './csv-reader.js';
import type { Delimiter } from './delimiter.js';
import { TableReadError } from './issues.js';
import { isCompoundFile, openXls } from './xls-reader.js';
import type { SheetTable, WorkbookReadOptions } from './xlsx-reader.js';
import type { ReadIssue, SourceRow } from './types.js';

export type TableFormat = 'csv' | 'xlsx' | 'xls';

export interface OpenTableOptions extends CsvReadOptions, WorkbookReadOptions {
  /** Skips detection; the content must then be of this format. */
  readonly format?: TableFormat;
}

/** An open table. `rows` can be iterated once; `issues` and `encoding` settle while it is. */
export interface Table {
  readonly format: TableFormat;
  /** Text encoding of a CSV; settled at its first non-ASCII byte. Undefined for workbooks. */
  readonly encoding: string | undefined;
  readonly delimiter: Delimiter | undefined;
  readonly sheet: string | undefined;
  readonly sheets: readonly string[];
  /** Line of the CSV header record once read; workbooks leave finding the header to the caller. */
  readonly headerLine: number | undefined;
  /** Problems found so far. Line 0 means the whole file. */
  readonly issues: readonly ReadIssue[];
  readonly rows: AsyncIterable<SourceRow>;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const MARKUP_EXTENSIONS = new Set(['.xls', '.xlsx', '.xlsm', '.xml', '.htm', '.html']);
const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * Opens a CSV, XLSX or XLS file for reading rows.
 *
 * @example
 * const table = await openTable('bill.csv', { encoding: 'gbk' });
 * for await (const row of table.rows) console.log(row.line, row.cells);
 */
export async function openTable(path: string, options: OpenTableOptions = {}): Promise<Table> {
  const head = await readHead(path);
  const format = options.format ?? detectFormat(head, path);

  if (format === 'xlsx') {
    if (!startsWith(head, ZIP_SIGNATURE)) throw new TableReadError('file_unsupported_format', { path });
    // exceljs takes a few hundred milliseconds to load, so only workbooks load it.
    const { openXlsx } = await import('./xlsx-reader.js');
    return workbookTable('xlsx', await openXlsx(path, options));
  }
  if (format === 'xls') return workbookTable('xls', await openXls(path, options));

  if (startsWith(head, ZIP_SIGNATURE) || isCompoundFile(head) || looksBinary(head)) {
    throw new TableReadError('file_unsupported_format', { path });
  }
  const csv = await openCsv(createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES }), options);
  return {
    format: 'csv',
    get encoding() {
      return csv.encoding;
    },
    delimiter: csv.delimiter,
    sheet: undefined,
    sheets: [],
    get headerLine() {
      return csv.headerLine;
    },
    issues: csv.issues,
    rows: csv.rows,
  };
}

/** Chooses the format from the first bytes of a file and, for markup, its extension. */
export function detectFormat(head: Uint8Array, path: string): TableFormat {
  if (startsWith(head, ZIP_SIGNATURE)) return 'xlsx';
  if (isCompoundFile(head)) return 'xls';
  if (MARKUP_EXTENSIONS.has(extname(path).toLowerCase()) && startsWithMarkup(head)) return 'xls';
  return 'csv';
}

function workbookTable(format: TableFormat, sheet: SheetTable): Table {
  return {
    format,
    encoding: undefined,
    delimiter: undefined,
    sheet: sheet.sheet,
    sheets: sheet.sheets,
    headerLine: undefined,
    issues: sheet.issues,
    rows: sheet.rows,
  };
}

async function readHead(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new TableReadError('file_not_found', { path });
    size = info.size;
  } catch (error) {
    if (error instanceof TableReadError) throw error;
    throw new TableReadError('file_not_found', { path }, { cause: error });
  }
  if (size === 0) throw new TableReadError('file_empty', { path });

  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 4096));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

// HTML and SpreadsheetML start with `<` after an optional BOM and spaces.
function startsWithMarkup(head: Uint8Array): boolean {
  let index = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (index < head.length && (head[index] === 0x20 || head[index] === 0x09 || head[index] === 0x0a || head[index] === 0x0d)) {
    index += 1;
  }
  return head[index] === 0x3c;
}

// Text in ASCII, UTF-8 or GBK has no zero bytes; UTF-16 has them, but also a BOM or an ASCII
// character before each zero, which the decoder recognises.
function looksBinary(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  if (head.length >= 4 && ((head[1] === 0 && head[0] !== 0) || (head[0] === 0 && head[1] !== 0))) return false;
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return true;
  return head.includes(0);
}
