// One entry point for every tabular file. The format is chosen by content (ZIP → XLSX, OLE
// compound file → XLS, text → CSV). The extension only serves to recognise the HTML or XML
// tables that some systems save under an .xls name.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';

import { openCsv, type CsvReadOptions } from './csv-reader.js';
import type { Delimiter } from './delimiter.js';
import { resolveEncodingName } from './encoding.js';
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

  const utf16 = utf16ByZeroBytes(head);
  if (startsWith(head, ZIP_SIGNATURE) || isCompoundFile(head) || looksBinary(head, utf16, options.encoding)) {
    throw new TableReadError('file_unsupported_format', { path });
  }
  // A UTF-16 file without a BOM that starts with a Chinese character has no zero byte in its
  // first characters, so the decoder cannot tell it from GBK; the zero bytes further on can.
  const encoding = options.encoding ?? (hasUtf16Bom(head) ? undefined : utf16);
  const csvOptions = encoding === undefined ? options : { ...options, encoding };
  const csv = await openCsv(createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES }), csvOptions);
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
    if (info.isDirectory()) throw new TableReadError('file_is_folder', { path });
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

// Text in ASCII, UTF-8 or GBK has no zero bytes. UTF-16 has them: after a BOM, or on one side
// of each ASCII character (odd offsets in UTF-16LE, even ones in UTF-16BE). A named encoding
// that is not UTF-16 leaves zero bytes a sign of a binary file.
function looksBinary(head: Uint8Array, utf16: string | undefined, encoding: string | undefined): boolean {
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return true;
  if (!head.includes(0)) return false;
  if (encoding !== undefined) return !resolveEncodingName(encoding).startsWith('utf-16');
  return !hasUtf16Bom(head) && utf16 === undefined;
}

function hasUtf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/**
 * Returns the UTF-16 byte order that most zero bytes of `head` fit, or undefined. A few zeros
 * on the other side are allowed, because CJK characters such as 一 (U+4E00) have a zero low byte.
 */
function utf16ByZeroBytes(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  let zerosAtEven = 0;
  let zerosAtOdd = 0;
  for (let index = 0; index < head.length; index += 1) {
    if (head[index] !== 0) continue;
    if (index % 2 === 0) zerosAtEven += 1;
    else zerosAtOdd += 1;
  }
  if (zerosAtOdd > 4 * zerosAtEven) return 'utf-16le';
  if (zerosAtEven > 4 * zerosAtOdd) return 'utf-16be';
  return undefined;
}
