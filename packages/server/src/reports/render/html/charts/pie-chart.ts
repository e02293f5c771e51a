// Pie and donut charts: one slice per category with a positive value, and a legend with each
// share. A donut shows the engine's total in the middle when the section has one. Empty and
// non-positive values get no slice, and a line under the chart gives their count.

import { escapeHtml } from '../html-escape.js';
import type { ChartData } from './chart-data.js';
import { CHART_HEIGHT, colour, noDataMessage, openChart, px, shorten, svgText } from './svg.js';

const CENTRE_X = 190;
const CENTRE_Y = 196;
const RADIUS = 130;
const DONUT_HOLE = 0.58;
const MAX_LEGEND_ROWS = 14;

/** Return the SVG markup of a pie (or donut, by `data.kind`) chart; `id` must be unique in the page. */
export function renderPieChart(data: ChartData, id: string): string {
  const series = data.series[0];
  const parts = [openChart(data, id)];
  const slices = (series?.values ?? [])
    .map((value, index) => ({ value, index, category: data.categories[index] ?? '' }))
    .filter((slice): slice is { value: number; index: number; category: string } => slice.value !== null && slice.value > 0);
  const skipped = data.categories.length - slices.length;
  // The sum only sizes the slices and shares; the figure shown in a donut is the engine's total.
  const sum = slices.reduce((accumulated, slice) => accumulated + slice.value, 0);
  if (!series || slices.length === 0) return `${parts.join('')}${noDataMessage(data)}</svg>`;

  const inner = data.kind === 'donut' ? RADIUS * DONUT_HOLE : 0;
  let angle = -Math.PI / 2;
  parts.push('<g class="slices">');
  for (const slice of slices) {
    const sweep = (slice.value / sum) * Math.PI * 2;
    const share = formatShare(slice.value / sum);
    parts.push(
      `<path class="slice" data-category="${slice.index}" d="${slicePath(angle, angle + sweep, inner)}" ` +
        `fill="${colour(slice.index)}" stroke="#fff" stroke-width="1">` +
        `<title>${escapeHtml(`${slice.category} · ${series.name}: ${series.formatValue(slice.value)} (${share})`)}</title></path>`,
    );
    angle += sweep;
  }
  parts.push('</g>');

  if (data.kind === 'donut') {
    const label = shorten(series.name, 14);
    if (data.total === undefined) {
      parts.push(svgText(CENTRE_X, CENTRE_Y + 5, label, 'class="donut-label" text-anchor="middle"'));
    } else {
      parts.push(
        svgText(CENTRE_X, CENTRE_Y - 4, label, 'class="donut-label" text-anchor="middle"'),
        svgText(CENTRE_X, CENTRE_Y + 16, series.formatValue(data.total), 'class="donut-total" text-anchor="middle"'),
      );
    }
  }

  parts.push('<g class="legend">');
  slices.slice(0, MAX_LEGEND_ROWS).forEach((slice, row) => {
    const y = 70 + row * 19;
    parts.push(
      `<g class="legend-item"><rect x="360" y="${y - 10}" width="10" height="10" fill="${colour(slice.index)}"/>` +
        svgText(376, y, `${shorten(slice.category, 22)}  ${series.formatValue(slice.value)}  ${formatShare(slice.value / sum)}`) +
        `<title>${escapeHtml(slice.category)}</title></g>`,
    );
  });
  parts.push('</g>');

  if (skipped > 0) {
    parts.push(svgText(360, CHART_HEIGHT - 12, data.describeSkipped(skipped), 'class="chart-footnote"'));
  }
  parts.push('</svg>');
  return parts.join('');
}

function slicePath(start: number, end: number, inner: number): string {
  // An arc cannot start and end at one point, so a full circle is drawn as two halves.
  if (end - start >= Math.PI * 2 - 1e-9) {
    const middle = start + Math.PI;
    return `${slicePath(start, middle, inner)} ${slicePath(middle, end, inner)}`;
  }
  const largeArc = end - start > Math.PI ? 1 : 0;
  const [x0, y0] = point(start, RADIUS);
  const [x1, y1] = point(end, RADIUS);
  if (inner === 0) {
    return `M${px(CENTRE_X)} ${px(CENTRE_Y)} L${px(x0)} ${px(y0)} A${RADIUS} ${RADIUS} 0 ${largeArc} 1 ${px(x1)} ${px(y1)} Z`;
  }
  const [x2, y2] = point(end, inner);
  const [x3, y3] = point(start, inner);
  return (
    `M${px(x0)} ${px(y0)} A${RADIUS} ${RADIUS} 0 ${largeArc} 1 ${px(x1)} ${px(y1)} ` +
    `L${px(x2)} ${px(y2)} A${px(inner)} ${px(inner)} 0 ${largeArc} 0 ${px(x3)} ${px(y3)} Z`
  );
}

function point(angle: number, radius: number): [number, number] {
  return [CENTRE_X + radius * Math.cos(angle), CENTRE_Y + radius * Math.sin(angle)];
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
