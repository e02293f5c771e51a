// Public surface of the tabular file readers and value normalisers of the import engine.

export type { Cell, ExcelDate, FormulaWithoutResult, ReadIssue, SourceRow } from './types.js';
export { openTable, detectFormat, type OpenTableOptions, type Table, type TableFormat } from './open-table.js';
export { openCsv, type CsvReadOptions, type CsvTable } from './csv-reader.js';
export { openXlsx, type SheetTable, type WorkbookReadOptions } from './xlsx-reader.js';
export { readXlsxInMemory } from './xlsx-in-memory.js';
export { openXls } from './xls-reader.js';
export { repairWindows1252Controls } from './windows-1252.js';
export type { CellRange, MergedCellsMode } from './merged-cells.js';
export { StreamingDecoder, decodeStream, resolveEncodingName, type DecoderOptions } from './encoding.js';
export { detectDelimiter, type Delimiter } from './delimiter.js';
export { excelSerialToText, excelDateFromSerial } from './excel-date.js';

export {
  parseAmountFen,
  parseAmountSubFen,
  roundMillifenToFen,
  type AmountOptions,
  type RoundingRule,
  type SubFenAmount,
} from './amount.js';
export { parseDate, type DateOptions, type DateOrder } from './date.js';
export { parseLocalDateTime, DEFAULT_TIME_ZONE, type DateTimeOptions } from './date-time.js';
export { parseCode } from './code.js';
export { normaliseText, isBlankCell, trimText, COMMON_EMPTY_MARKERS, type TextOptions } from './text.js';

export { TableReadError, type Normalised, type ValueIssue } from './issues.js';
export { messages, formatMessage, formatIssue, formatReadIssue, type Locale, type MessageCode } from './messages.js';
