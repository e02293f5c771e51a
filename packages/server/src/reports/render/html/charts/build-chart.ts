// Turns a section's chart definition and rows into ChartData in the report language, and picks
// the builder for its kind.

import type { ReportChart, ReportColumn, ReportDocument, ReportSection } from '../../document.js';
import { localize, renderLabel } from '../../labels.js';
import type { NormalizedCell } from '../../values/cell-value.js';
import { type CellTextOptions, formatCellText, formatFixed } from '../../values/format-cell.js';
import { formatFenAsYuan } from '../../values/money.js';
import { renderBarChart } from './bar-chart.js';
import type { ChartData } from './chart-data.js';
import { renderLineChart } from './line-chart.js';
import { renderPieChart } from './pie-chart.js';
import { renderStackedBarChart } from './stacked-bar-chart.js';

const BUILDERS = {
  bar: renderBarChart,
  stacked_bar: renderStackedBarChart,
  line: renderLineChart,
  pie: renderPieChart,
  donut: renderPieChart,
} as const;

/** Return the chart's SVG markup, drawn from `rows` (cells in column order). */
export function renderChart(
  document: ReportDocument,
  section: ReportSection,
  chart: ReportChart,
  rows: readonly (readonly NormalizedCell[])[],
  totals: readonly NormalizedCell[] | undefined,
  id: string,
  textOptions: CellTextOptions,
): string {
  return BUILDERS[chart.kind](chartData(document, section, chart, rows, totals, textOptions), id);
}

export function chartData(
  document: ReportDocument,
  section: ReportSection,
  chart: ReportChart,
  rows: readonly (readonly NormalizedCell[])[],
  totals: readonly NormalizedCell[] | undefined,
  textOptions: CellTextOptions,
): ChartData {
  const language = document.language;
  const columnIndex = (key: string) => section.columns.findIndex((column) => column.key === key);
  const categoryIndex = columnIndex(chart.categoryColumn);
  const categoryColumn = section.columns[categoryIndex] as ReportColumn;
  const seriesColumns = chart.seriesColumns.map((key) => section.columns[columnIndex(key)] as ReportColumn);
  const firstSeries = seriesColumns[0] as ReportColumn;

  const total = totals?.[columnIndex(firstSeries.key)];
  return {
    kind: chart.kind,
    title: localize(chart.title, language),
    categories: rows.map((cells) => formatCellText(categoryColumn, cells[categoryIndex] ?? null, textOptions)),
    series: seriesColumns.map((column) => {
      const index = columnIndex(column.key);
      return {
        name: localize(column.label, language),
        values: rows.map((cells) => (cells[index] ?? null) as number | null),
        formatValue: (value: number) => formatCellText(column, value, textOptions),
      };
    }),
    categoryAxisLabel: localize(categoryColumn.label, language),
    valueAxisLabel: valueAxisLabel(seriesColumns, document),
    formatTick: (value: number) => formatTick(firstSeries, value),
    noDataText: renderLabel(language, 'noChartData'),
    describeSkipped: (count: number) => renderLabel(language, 'chartSkippedValues', { count }),
    ...(typeof total === 'number' && seriesColumns.length === 1 ? { total } : {}),
  };
}

function valueAxisLabel(columns: readonly ReportColumn[], document: ReportDocument): string {
  const language = document.language;
  const names = columns.map((column) => localize(column.label, language)).join(' / ');
  return columns.every((column) => column.type === 'money_fen')
    ? renderLabel(language, 'inYuan', { label: names })
    : names;
}

/** Ticks are round numbers, so they drop the trailing `.00` a cell would show. */
function formatTick(column: ReportColumn, value: number): string {
  switch (column.type) {
    case 'money_fen':
      return Number.isInteger(value / 100) ? formatFixed(value / 100, 0, true) : formatFenAsYuan(Math.round(value), true);
    case 'percent':
      return `${trimZeros(formatFixed(value * 100, 2, false))}%`;
    default:
      return trimZeros(formatFixed(value, 4, true));
  }
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
