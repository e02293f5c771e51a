// The shape of a report definition, one JSON file per report in `templates/reports/`.
// A new report is a new file: the engine compiles it to SQL over the sources in engine/sources.ts.

import type { ChartKind, ColumnType, LocalizedText } from '../render/document.js';
import type { Expression } from '../engine/expression.js';

/** Which dates a sum covers: the period, everything up to its end (balances), or before its start. */
export const MEASURE_RANGES = ['period', 'through_end', 'before_start'] as const;
export type MeasureRange = (typeof MEASURE_RANGES)[number];

/**
 * A row condition of a sum. `accounts` matches an account code and its sub-accounts (`5601`
 * matches `5601` and `5601.01`), `in` matches exact values; the `not_` forms exclude.
 */
export interface Condition {
  readonly column: string;
  readonly in?: readonly string[];
  readonly not_in?: readonly string[];
  readonly accounts?: readonly string[];
  readonly not_accounts?: readonly string[];
}

interface MeasureBase {
  readonly key: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  readonly fraction_digits?: number;
  /** Adds `<key>_previous` and `<key>_change` columns when the run compares periods. */
  readonly compare?: boolean;
  /** Computed for formulas and KPIs but not shown as a column. */
  readonly hidden?: boolean;
}

/** A sum over a source's rows, computed in the database. */
export interface SumMeasure extends MeasureBase {
  readonly source: string;
  readonly sum: string;
  readonly parsed: Expression;
  /** The sum is divided by this after adding up (1000 turns thousandths of an hour into hours). */
  readonly scale?: number;
  readonly where?: readonly Condition[];
  readonly range?: MeasureRange;
  /**
   * When no account matched by `where[].accounts` exists in the chart of accounts, the measure
   * is left empty and the report says which accounts are missing.
   */
  readonly requires_accounts?: boolean;
}

/** A figure computed from the row's other measures after the sums, such as a ratio. */
export interface FormulaMeasure extends MeasureBase {
  readonly formula: string;
  readonly parsed: Expression;
}

export type MeasureDefinition = SumMeasure | FormulaMeasure;

export interface ChartDefinition {
  readonly kind: ChartKind;
  readonly title: LocalizedText;
  readonly category: string;
  readonly series: readonly string[];
}

export interface SectionDefinition {
  readonly key: string;
  readonly title: LocalizedText;
  readonly dimensions: readonly string[];
  readonly measures: readonly MeasureDefinition[];
  readonly sort?: readonly { readonly by: string; readonly direction: 'asc' | 'desc' }[];
  readonly limit?: number;
  /** Adds a totals row (sums added up, formulas computed on the totals). */
  readonly totals?: boolean;
  readonly charts?: readonly ChartDefinition[];
  readonly notes?: readonly LocalizedText[];
}

export interface KpiDefinition {
  readonly section: string;
  readonly measure: string;
}

export interface ReportDefinition {
  readonly report: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly sections: readonly SectionDefinition[];
  readonly kpis?: readonly KpiDefinition[];
  readonly notes?: readonly LocalizedText[];
  /** The file the definition was read from, for error messages. */
  readonly file: string;
}

export function isSumMeasure(measure: MeasureDefinition): measure is SumMeasure {
  return 'sum' in measure;
}
