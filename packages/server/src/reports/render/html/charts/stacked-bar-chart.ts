// Stacked bar chart: each category's series stacked in one bar, positive values upward from
// zero and negative values downward, so a refund never hides inside a positive total.

import { escapeHtml } from '../html-escape.js';
import { categoryBand, drawAxes, hasRotatedLabels, plotArea } from './axes.js';
import type { ChartData } from './chart-data.js';
import { linearScale } from './scale.js';
import { CHART_WIDTH, colour, hasAnyValue, legend, noDataMessage, openChart, px } from './svg.js';

const BAR_SHARE = 0.6;

/** Return the SVG markup of a stacked bar chart; `id` must be unique in the page. */
export function renderStackedBarChart(data: ChartData, id: string): string {
  const parts = [openChart(data, id)];
  const key = legend(data.series.map((series) => series.name), 16, 46, CHART_WIDTH - 16);
  parts.push(key.markup);
  if (!hasAnyValue(data)) return `${parts.join('')}${noDataMessage(data)}</svg>`;

  // The stack heights bound the scale. These sums only place bars; no figure is shown from them.
  const positiveSums = data.categories.map((_, index) => stackSum(data, index, (value) => value > 0));
  const negativeSums = data.categories.map((_, index) => stackSum(data, index, (value) => value < 0));
  const plot = plotArea(key.bottom, hasRotatedLabels(data));
  const scale = linearScale(Math.min(...negativeSums), Math.max(...positiveSums), plot.bottom, plot.top);
  parts.push(drawAxes(data, plot, scale));

  parts.push('<g class="bars">');
  data.categories.forEach((category, categoryIndex) => {
    const band = categoryBand(plot, data.categories.length, categoryIndex);
    const width = band.width * BAR_SHARE;
    let above = 0;
    let below = 0;

    data.series.forEach((series, seriesIndex) => {
      const value = series.values[categoryIndex];
      if (value === null || value === undefined || value === 0) return;
      const start = value > 0 ? above : below;
      const end = start + value;
      if (value > 0) above = end;
      else below = end;

      const top = scale.toY(Math.max(start, end));
      const height = Math.abs(scale.toY(start) - scale.toY(end));
      parts.push(
        `<rect class="bar" data-series="${seriesIndex}" x="${px(band.centre - width / 2)}" y="${px(top)}" ` +
          `width="${px(width)}" height="${px(Math.max(height, 1))}" fill="${colour(seriesIndex)}">` +
          `<title>${escapeHtml(`${category} · ${series.name}: ${series.formatValue(value)}`)}</title></rect>`,
      );
    });
  });
  parts.push('</g></svg>');
  return parts.join('');
}

function stackSum(data: ChartData, categoryIndex: number, include: (value: number) => boolean): number {
  let sum = 0;
  for (const series of data.series) {
    const value = series.values[categoryIndex];
    if (value !== null && value !== undefined && include(value)) sum += value;
  }
  return sum;
}
