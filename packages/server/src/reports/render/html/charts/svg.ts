// Shared pieces of the hand-built SVG charts: size, plot frame, text, palette, legend.

import { displayWidth } from '../../values/display-width.js';
import { escapeHtml } from '../html-escape.js';
import type { ChartData } from './chart-data.js';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 360;

/** Colours for series and slices, distinguishable in print and for common colour blindness. */
export const PALETTE = [
  '#2563eb',
  '#f59e0b',
  '#0f9d76',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#64748b',
  '#b45309',
] as const;

export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Estimate the width of `text` at the chart font size, counting CJK characters double. */
export function textWidth(text: string, fontSize = 12): number {
  return displayWidth(text) * fontSize * 0.55;
}

export function colour(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** Round a coordinate to 0.01 to keep the markup short. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function svgText(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(content)}</text>`;
}

/** Shorten a label to about `maxWidth` cells with an ellipsis; the full text goes in a tooltip. */
export function shorten(label: string, maxWidth: number): string {
  if (displayWidth(label) <= maxWidth) return label;
  let result = '';
  for (const character of label) {
    if (displayWidth(`${result}${character}…`) > maxWidth) break;
    result += character;
  }
  return `${result}…`;
}

/** Open the chart's SVG element with its title (which is also its accessible name). */
export function openChart(data: ChartData, id: string): string {
  return (
    `<svg class="chart" data-chart-kind="${data.kind}" role="img" aria-labelledby="${id}-title" ` +
    `viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" ` +
    `xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escapeHtml(data.title)}</title>` +
    svgText(CHART_WIDTH / 2, 22, data.title, 'class="chart-title" text-anchor="middle"')
  );
}

/** Draw a legend in rows from (left, top); return the y below it. */
export function legend(names: readonly string[], left: number, top: number, right: number): { markup: string; bottom: number } {
  const rowHeight = 18;
  let x = left;
  let y = top;
  const items: string[] = [];
  names.forEach((name, index) => {
    const label = shorten(name, 24);
    const width = 16 + textWidth(label) + 16;
    if (x + width > right && x > left) {
      x = left;
      y += rowHeight;
    }
    items.push(
      `<g class="legend-item"><rect x="${px(x)}" y="${px(y - 9)}" width="10" height="10" fill="${colour(index)}"/>` +
        svgText(x + 14, y, label) +
        `<title>${escapeHtml(name)}</title></g>`,
    );
    x += width;
  });
  return { markup: `<g class="legend">${items.join('')}</g>`, bottom: y + rowHeight };
}

/** Return a centred message to show in place of the plot when there is nothing to draw. */
export function noDataMessage(data: ChartData): string {
  return svgText(CHART_WIDTH / 2, CHART_HEIGHT / 2, data.noDataText, 'class="chart-empty" text-anchor="middle"');
}

export function hasAnyValue(data: ChartData): boolean {
  return data.categories.length > 0 && data.series.some((series) => series.values.some((value) => value !== null));
}
