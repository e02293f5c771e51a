// Shared shapes of tabular input: what the CSV, XLSX and XLS readers yield and what the
// import engine and the statement parsers consume.

/** A date or date-time cell of a workbook, kept as the wall-clock value Excel shows. */
export interface ExcelDate {
  readonly kind: 'excel-date';
  /** The cell's serial number in the 1900 date system (1904 workbooks are converted). */
  readonly serial: number;
  /** Wall-clock ISO text without a zone: `2024-01-05` or `2024-01-05T12:00:00`. */
  readonly text: string;
  /**
   * True when the cell's number format shows a time or a duration and no date (`h:mm`,
   * `[h]:mm`). `serial` is then the cell's value in days in either date system, and it is 1
   * or more for a duration of 24 hours or more.
   */
  readonly timeOnly?: true;
}

/** A formula cell saved without a cached result; its value is unknown until Excel recalculates. */
export interface FormulaWithoutResult {
  readonly kind: 'formula-without-result';
  /** Where the cell is, as `Sheet!D2`. */
  readonly ref: string;
  readonly formula: string;
  /**
   * The cell, as `Sheet!D2`, whose shared formula this cell copies. `formula` is then empty,
   * because the package stores the formula text on that cell only.
   */
  readonly sharedWith?: string;
}

export type Cell = string | number | boolean | null | ExcelDate | FormulaWithoutResult;

/** One record of a table with the physical line (CSV) or row number (XLSX) it started on. */
export interface SourceRow {
  readonly line: number;
  readonly cells: readonly Cell[];
}

/** A problem found while reading, before any field is interpreted. */
export interface ReadIssue {
  readonly line: number;
  /** 1-based column, when the problem is in one cell. */
  readonly column?: number;
  /** Stable code, a key of the module's message catalogue. */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}
