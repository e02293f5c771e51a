// The input of every chart builder: categories, series of numbers, and the texts around them,
// already in the report language. Builders only lay it out.

import type { ChartKind } from '../../document.js';

export interface ChartSeries {
  readonly name: string;
  /** One value per category; `null` draws nothing (no bar, a gap in the line, no slice). */
  readonly values: readonly (number | null)[];
  /** The value as a tooltip shows it, such as `1,280.50` for 128050 fen. */
  readonly formatValue: (value: number) => string;
}

export interface ChartData {
  readonly kind: ChartKind;
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly categoryAxisLabel: string;
  readonly valueAxisLabel: string;
  /** A value-axis tick as shown, shorter than a tooltip value (`5,000` rather than `5,000.00`). */
  readonly formatTick: (value: number) => string;
  /** Shown instead of the plot when there is nothing to draw. */
  readonly noDataText: string;
  /** The line under a pie or donut saying how many values have no slice. */
  readonly describeSkipped: (count: number) => string;
  /** The engine's total for the single series, shown inside a donut; the writers never add one up. */
  readonly total?: number;
}
