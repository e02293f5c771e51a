// Line chart: one line per series through the category centres, broken where a value is empty.

import { escapeHtml } from '../html-escape.js';
import { categoryBand, drawAxes, hasRotatedLabels, plotArea } from './axes.js';
import type { ChartData } from './chart-data.js';
import { linearScale } from './scale.js';
import { CHART_WIDTH, colour, hasAnyValue, legend, noDataMessage, openChart, px } from './svg.js';

/** Return the SVG markup of a line chart; `id` must be unique in the page. */
export function renderLineChart(data: ChartData, id: string): string {
  const parts = [openChart(data, id)];
  const key = legend(data.series.map((series) => series.name), 16, 46, CHART_WIDTH - 16);
  parts.push(key.markup);
  if (!hasAnyValue(data)) return `${parts.join('')}${noDataMessage(data)}</svg>`;

  const plot = plotArea(key.bottom, hasRotatedLabels(data));
  const values = data.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const scale = linearScale(Math.min(...values), Math.max(...values), plot.bottom, plot.top);
  parts.push(drawAxes(data, plot, scale));

  data.series.forEach((series, seriesIndex) => {
    const commands: string[] = [];
    const points: string[] = [];
    let penDown = false;

    series.values.forEach((value, categoryIndex) => {
      if (value === null) {
        penDown = false;
        return;
      }
      const x = categoryBand(plot, data.categories.length, categoryIndex).centre;
      const y = scale.toY(value);
      commands.push(`${penDown ? 'L' : 'M'}${px(x)} ${px(y)}`);
      penDown = true;
      const category = data.categories[categoryIndex] ?? '';
      points.push(
        `<circle class="point" data-series="${seriesIndex}" cx="${px(x)}" cy="${px(y)}" r="3.5" fill="${colour(seriesIndex)}">` +
          `<title>${escapeHtml(`${category} · ${series.name}: ${series.formatValue(value)}`)}</title></circle>`,
      );
    });

    parts.push(
      `<g class="series" data-series="${seriesIndex}"><path class="line" d="${commands.join(' ')}" fill="none" ` +
        `stroke="${colour(seriesIndex)}" stroke-width="2"/>${points.join('')}</g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
