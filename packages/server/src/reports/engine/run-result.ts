// The computed report run, language-neutral: stored as JSON with the run, returned by the API in
// the caller's language, and turned into a ReportDocument for the writers.

import type { CellValue, ChartKind, ColumnType, LocalizedText } from '../render/document.js';
import type { Comparison } from './period.js';
import type { StoreScope } from './section-query.js';

export interface RunColumn {
  readonly key: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  readonly fraction_digits?: number;
}

export interface RunNote {
  readonly text: LocalizedText;
  readonly severity: 'info' | 'warning';
}

export interface RunSection {
  readonly key: string;
  readonly title: LocalizedText;
  readonly columns: readonly RunColumn[];
  readonly rows: readonly Record<string, CellValue>[];
  readonly totals?: Record<string, CellValue>;
  readonly charts: readonly { kind: ChartKind; title: LocalizedText; category: string; series: readonly string[] }[];
  readonly notes: readonly RunNote[];
}

export interface MissingData {
  /** The source (labour_hours, footfall, purchases) or `accounts:<codes>` that had nothing. */
  readonly source: string;
  /** Keys of the measures left empty because of it. */
  readonly measures: readonly string[];
  readonly note: LocalizedText;
}

export interface RunParams extends StoreScope {
  readonly period: string;
  readonly compare?: Comparison;
}

export interface RunResult {
  readonly report: string;
  readonly title: LocalizedText;
  readonly params: RunParams;
  readonly period: { readonly from: string; readonly to: string };
  readonly compared_period?: { readonly period: string; readonly from: string; readonly to: string };
  readonly stores: 'all' | readonly { code: string; name: string }[];
  readonly generated_at: string;
  readonly generated_by: string;
  readonly kpis: readonly (RunColumn & { value: CellValue })[];
  readonly sections: readonly RunSection[];
  readonly notes: readonly RunNote[];
  readonly missing_data: readonly MissingData[];
}
