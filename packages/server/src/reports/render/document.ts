// The computed report that the report engine hands to the writers (XLSX, CSV, JSON, HTML).
// Everything here is data: the writers decide layout, and none of them adds money up.

import { LANGUAGES, type Language } from '../../i18n/language.js';

/** The language a report is rendered in; every reader-facing text exists in each of them. */
export type ReportLanguage = Language;
export const REPORT_LANGUAGES: readonly ReportLanguage[] = LANGUAGES;

/** A reader-facing text in every report language. */
export type LocalizedText = Readonly<Record<ReportLanguage, string>>;

/** The time zone that datetime cells are shown in unless the document or column names another. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const COLUMN_TYPES = [
  'text',
  'code',
  'integer',
  'money_fen',
  'decimal',
  'percent',
  'date',
  'datetime',
] as const;

/**
 * The type of a column, which fixes the JavaScript value a cell contains and how each writer shows it:
 * - `text`: a string.
 * - `code`: a string that looks like a number but is not one (store code `0001`, postcode); leading
 *   zeros are kept and spreadsheets get it as text.
 * - `integer`: a safe integer.
 * - `money_fen`: a safe integer number of fen, shown in yuan with 2 decimals.
 * - `decimal`: a finite number shown with `fractionDigits` decimals.
 * - `percent`: a finite ratio (0.125 is 12.5%) shown with `fractionDigits` decimals of percent.
 * - `date`: a calendar date as `YYYY-MM-DD`, with no time zone.
 * - `datetime`: an instant, as a `Date` or an ISO 8601 string with `Z` or an offset, shown as the
 *   wall-clock time in the column's IANA time zone.
 */
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const NUMERIC_COLUMN_TYPES = ['integer', 'money_fen', 'decimal', 'percent'] as const;
export type NumericColumnType = (typeof NUMERIC_COLUMN_TYPES)[number];

/** A cell as the engine supplies it; `null` is an empty cell, which is never shown as zero. */
export type CellValue = string | number | Date | null;

/** One typed column of a section. */
export interface ReportColumn {
  /** An ASCII identifier (`store_code`), unique in its section; JSON output uses it as the key. */
  readonly key: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  /** Decimals shown for `decimal` (default 2) and `percent` (default 1, counted in percent). */
  readonly fractionDigits?: number;
  /** IANA time zone for a `datetime` column; defaults to the document's time zone. */
  readonly timeZone?: string;
}

/** A row keyed by column key. Every column needs an entry; write `null` for an empty cell. */
export type ReportRow = Readonly<Record<string, CellValue>>;

/**
 * The rows of a section, read once per writer. Pass an array, or an object whose iterator method
 * starts a new read each time (for example a class whose `[Symbol.asyncIterator]` runs the query).
 * A generator object can be read only once, so a second writer reading it raises an error.
 */
export type RowSource = Iterable<ReportRow> | AsyncIterable<ReportRow>;

export const CHART_KINDS = ['bar', 'stacked_bar', 'line', 'pie', 'donut'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A chart drawn from a section's rows: one category per row, one series per numeric column. */
export interface ReportChart {
  readonly kind: ChartKind;
  readonly title: LocalizedText;
  /** The column whose values label the categories (x axis, or pie slices). */
  readonly categoryColumn: string;
  /** Numeric columns, one series each; `pie` and `donut` take exactly one. */
  readonly seriesColumns: readonly string[];
}

/**
 * A statement the reader needs to trust the figures, above all what data is missing
 * (for example that sales per labour hour needs labour hours and none were imported).
 */
export interface ReportNote {
  readonly text: LocalizedText;
  /** `warning` for missing or partial data; `info` otherwise (the default). */
  readonly severity?: 'info' | 'warning';
}

/** One table of the report: a sheet in XLSX, a file in CSV, a table with charts in HTML. */
export interface ReportSection {
  /** An ASCII identifier, unique in the document. */
  readonly key: string;
  readonly name: LocalizedText;
  readonly columns: readonly ReportColumn[];
  readonly rows: RowSource;
  /** The totals the engine computed; columns left out are shown empty (the first one reads "Total"). */
  readonly totals?: Readonly<Record<string, CellValue>>;
  readonly charts?: readonly ReportChart[];
  readonly notes?: readonly ReportNote[];
}

/** A headline figure for the KPI strip and the cover; a `null` value should come with a note. */
export interface ReportKpi extends ReportColumn {
  readonly value: CellValue;
  readonly note?: LocalizedText;
}

export interface StoreRef {
  readonly code: string;
  readonly name: string;
}

/** The scope of the report and its generation, shown on the cover. */
export interface ReportParameters {
  /** Business dates, both inclusive, as `YYYY-MM-DD`. */
  readonly period: { readonly from: string; readonly to: string };
  readonly stores: 'all' | readonly StoreRef[];
  /** The instant the engine ran, as a `Date` or an ISO 8601 string with `Z` or an offset. */
  readonly generatedAt: string | Date;
  /** The display name of the user or job that requested the report. */
  readonly generatedBy: string;
}

export interface ReportDocument {
  readonly title: LocalizedText;
  readonly subtitle?: LocalizedText;
  readonly language: ReportLanguage;
  /** IANA time zone for datetime cells and the generation time; default `Asia/Shanghai`. */
  readonly timeZone?: string;
  readonly parameters: ReportParameters;
  readonly kpis?: readonly ReportKpi[];
  readonly sections: readonly ReportSection[];
  readonly notes?: readonly ReportNote[];
}

export function isNumericColumnType(type: ColumnType): type is NumericColumnType {
  return (NUMERIC_COLUMN_TYPES as readonly ColumnType[]).includes(type);
}
