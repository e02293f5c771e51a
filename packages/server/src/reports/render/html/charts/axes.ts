// Value axis with grid lines and tick labels, category axis with (possibly rotated) labels,
// and both axis titles, for bar, stacked bar and line charts.

import { escapeHtml } from '../html-escape.js';
import type { ChartData } from './chart-data.js';
import type { LinearScale } from './scale.js';
import { CHART_HEIGHT, type PlotArea, px, shorten, svgText } from './svg.js';

/** Categories beyond this count get rotated labels so they do not overlap. */
const MAX_UPRIGHT_LABELS = 8;

/** Return the x coordinate of the middle of category `index` and the width of one category band. */
export function categoryBand(plot: PlotArea, count: number, index: number): { centre: number; width: number } {
  const width = (plot.right - plot.left) / Math.max(1, count);
  return { centre: plot.left + width * (index + 0.5), width };
}

export function drawAxes(data: ChartData, plot: PlotArea, scale: LinearScale): string {
  const parts: string[] = ['<g class="axis axis-value">'];
  for (const tick of scale.ticks) {
    const y = scale.toY(tick);
    parts.push(
      `<line class="${tick === 0 ? 'zero-line' : 'grid-line'}" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(y)}" y2="${px(y)}"/>`,
      svgText(plot.left - 6, y + 4, data.formatTick(tick), 'text-anchor="end"'),
    );
  }
  const middle = (plot.top + plot.bottom) / 2;
  parts.push(
    svgText(16, middle, data.valueAxisLabel, `class="axis-title" text-anchor="middle" transform="rotate(-90 16 ${px(middle)})"`),
    '</g>',
  );

  const rotate = data.categories.length > MAX_UPRIGHT_LABELS;
  parts.push('<g class="axis axis-category">');
  data.categories.forEach((category, index) => {
    const { centre } = categoryBand(plot, data.categories.length, index);
    const label = shorten(category, rotate ? 12 : 14);
    const y = plot.bottom + 16;
    const attributes = rotate
      ? `text-anchor="end" transform="rotate(-35 ${px(centre)} ${px(y)})"`
      : 'text-anchor="middle"';
    parts.push(`<g>${svgText(centre, y, label, attributes)}<title>${escapeHtml(category)}</title></g>`);
  });
  parts.push(
    svgText((plot.left + plot.right) / 2, CHART_HEIGHT - 6, data.categoryAxisLabel, 'class="axis-title" text-anchor="middle"'),
    '</g>',
  );
  return parts.join('');
}

/** Return the plot frame below the title and legend, leaving room for axis labels. */
export function plotArea(top: number, rotatedLabels: boolean): PlotArea {
  return { left: 88, top: top + 6, right: 704, bottom: CHART_HEIGHT - (rotatedLabels ? 78 : 44) };
}

export function hasRotatedLabels(data: ChartData): boolean {
  return data.categories.length > MAX_UPRIGHT_LABELS;
}
