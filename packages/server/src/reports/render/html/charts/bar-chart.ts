// Bar chart: one bar per category and series, series side by side, negative bars below zero.

import { escapeHtml } from '../html-escape.js';
import { categoryBand, drawAxes, hasRotatedLabels, plotArea } from './axes.js';
import type { ChartData } from './chart-data.js';
import { linearScale } from './scale.js';
import { CHART_WIDTH, colour, hasAnyValue, legend, noDataMessage, openChart, px } from './svg.js';

/** Share of a category band taken by its bars; the rest separates neighbouring categories. */
const BAR_GROUP_SHARE = 0.7;

/** Return the SVG markup of a bar chart; `id` must be unique in the page. */
export function renderBarChart(data: ChartData, id: string): string {
  const parts = [openChart(data, id)];
  const key = legend(data.series.map((series) => series.name), 16, 46, CHART_WIDTH - 16);
  parts.push(key.markup);
  if (!hasAnyValue(data)) return `${parts.join('')}${noDataMessage(data)}</svg>`;

  const plot = plotArea(key.bottom, hasRotatedLabels(data));
  const values = data.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const scale = linearScale(Math.min(...values), Math.max(...values), plot.bottom, plot.top);
  parts.push(drawAxes(data, plot, scale));

  const zero = scale.toY(0);
  parts.push('<g class="bars">');
  data.categories.forEach((category, categoryIndex) => {
    const band = categoryBand(plot, data.categories.length, categoryIndex);
    const barWidth = (band.width * BAR_GROUP_SHARE) / data.series.length;
    const groupLeft = band.centre - (band.width * BAR_GROUP_SHARE) / 2;

    data.series.forEach((series, seriesIndex) => {
      const value = series.values[categoryIndex];
      if (value === null || value === undefined) return;
      const y = scale.toY(value);
      parts.push(
        `<rect class="bar" data-series="${seriesIndex}" x="${px(groupLeft + seriesIndex * barWidth)}" ` +
          `y="${px(Math.min(y, zero))}" width="${px(barWidth)}" height="${px(Math.max(Math.abs(zero - y), 1))}" ` +
          `fill="${colour(seriesIndex)}"><title>${escapeHtml(`${category} · ${series.name}: ${series.formatValue(value)}`)}</title></rect>`,
      );
    });
  });
  parts.push('</g></svg>');
  return parts.join('');
}
