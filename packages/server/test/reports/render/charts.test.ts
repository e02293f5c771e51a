import { describe, expect, it } from 'vitest';

import { renderBarChart } from '../../../src/reports/render/html/charts/bar-chart.js';
import type { ChartData } from '../../../src/reports/render/html/charts/chart-data.js';
import { renderLineChart } from '../../../src/reports/render/html/charts/line-chart.js';
import { renderPieChart } from '../../../src/reports/render/html/charts/pie-chart.js';
import { linearScale } from '../../../src/reports/render/html/charts/scale.js';
import { renderStackedBarChart } from '../../../src/reports/render/html/charts/stacked-bar-chart.js';

function chart(overrides: Partial<ChartData>): ChartData {
  return {
    kind: 'bar',
    title: 'Sales',
    categories: ['A', 'B', 'C'],
    series: [{ name: 'Sales', values: [100, 200, 300], formatValue: (value) => `v${value}` }],
    categoryAxisLabel: 'Store',
    valueAxisLabel: 'Sales (yuan)',
    formatTick: (value) => String(value),
    noDataText: 'No data to chart',
    describeSkipped: (count) => `${count} skipped`,
    ...overrides,
  };
}

function count(markup: string, pattern: RegExp): number {
  return markup.match(pattern)?.length ?? 0;
}

/** Read one numeric attribute from each tag that starts with `tagStart`, such as `<rect class="bar"`. */
function attributeValues(markup: string, tagStart: string, attribute: string): number[] {
  return [...markup.matchAll(new RegExp(`${tagStart}[^>]*`, 'g'))].map((tag) => {
    const value = new RegExp(`\\s${attribute}="([-\\d.]+)"`).exec(tag[0])?.[1];
    if (value === undefined) throw new Error(`no ${attribute} in ${tag[0]}`);
    return Number(value);
  });
}

describe('linearScale', () => {
  const cases = [
    { low: 0, high: 98_702_50, ticks: [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000, 10_000_000] },
    { low: -62_000, high: 300_000, ticks: [-100_000, 0, 100_000, 200_000, 300_000] },
    { low: 0.55, high: 0.641, ticks: [0, 0.2, 0.4, 0.6, 0.8] },
    { low: 0, high: 0, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    { low: -5, high: -1, ticks: [-5, -4, -3, -2, -1, 0] },
  ];

  it.each(cases)('covers $low to $high with round ticks', ({ low, high, ticks }) => {
    const scale = linearScale(low, high, 300, 0);
    expect(scale.ticks).toEqual(ticks);
    expect(scale.toY(scale.min)).toBe(300);
    expect(scale.toY(scale.max)).toBe(0);
  });
});

describe('chart builders', () => {
  it('bar chart draws one bar per value and titles each', () => {
    const svg = renderBarChart(chart({}), 'c1');
    expect(count(svg, /<rect class="bar"/g)).toBe(3);
    expect(svg).toContain('<title>B · Sales: v200</title>');
    expect(svg).toContain('class="axis-title"');
    expect(svg).toContain('Sales (yuan)');
    expect(svg).toContain('>Store</text>');
  });

  it('bar chart skips empty values and grows negative bars downward', () => {
    const svg = renderBarChart(chart({ series: [{ name: 'Net', values: [100, null, -50], formatValue: String }] }), 'c1');
    expect(count(svg, /<rect class="bar"/g)).toBe(2);
    const ys = attributeValues(svg, '<rect class="bar"', 'y');
    const heights = attributeValues(svg, '<rect class="bar"', 'height');
    // The positive bar ends where the negative one starts: at the zero line.
    expect((ys[0] ?? 0) + (heights[0] ?? 0)).toBeCloseTo(ys[1] ?? -1, 1);
  });

  it('grouped bars share a category band', () => {
    const svg = renderBarChart(
      chart({
        series: [
          { name: 'Dine-in', values: [1, 2, 3], formatValue: String },
          { name: 'Delivery', values: [3, 2, 1], formatValue: String },
        ],
      }),
      'c1',
    );
    expect(count(svg, /<rect class="bar" data-series="0"/g)).toBe(3);
    expect(count(svg, /<rect class="bar" data-series="1"/g)).toBe(3);
    expect(count(svg, /class="legend-item"/g)).toBe(2);
  });

  it('stacked bars put negatives below zero', () => {
    const svg = renderStackedBarChart(
      chart({
        kind: 'stacked_bar',
        categories: ['A'],
        series: [
          { name: 'Sales', values: [300], formatValue: String },
          { name: 'Refunds', values: [-100], formatValue: String },
          { name: 'Tips', values: [0], formatValue: String },
        ],
      }),
      'c1',
    );
    expect(count(svg, /<rect class="bar"/g)).toBe(2);
    const ys = attributeValues(svg, '<rect class="bar"', 'y');
    const heights = attributeValues(svg, '<rect class="bar"', 'height');
    expect((ys[0] ?? 0) + (heights[0] ?? 0)).toBeCloseTo(ys[1] ?? -1, 1);
    expect(heights[0]).toBeCloseTo((heights[1] ?? 0) * 3, 1);
  });

  it('line chart breaks at empty values', () => {
    const svg = renderLineChart(chart({ kind: 'line', categories: ['1', '2', '3', '4'], series: [{ name: 'S', values: [1, 2, null, 4], formatValue: String }] }), 'c1');
    expect(count(svg, /<circle class="point"/g)).toBe(3);
    const path = /<path class="line" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(1);
  });

  it('donut draws positive slices, the engine total, and counts the rest', () => {
    const svg = renderPieChart(
      chart({ kind: 'donut', categories: ['A', 'B', 'C', 'D'], series: [{ name: 'Sales', values: [300, 100, 0, null], formatValue: (value) => `¥${value}` }], total: 400 }),
      'c1',
    );
    expect(count(svg, /<path class="slice"/g)).toBe(2);
    expect(svg).toContain('<title>A · Sales: ¥300 (75.0%)</title>');
    expect(svg).toContain('>¥400</text>');
    expect(svg).toContain('>2 skipped</text>');
  });

  it('pie with one slice draws a full circle', () => {
    const svg = renderPieChart(chart({ kind: 'pie', categories: ['A'], series: [{ name: 'S', values: [5], formatValue: String }] }), 'c1');
    const path = /<path class="slice"[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/A/g)).toHaveLength(2);
  });

  const empties = [
    { name: 'bar', render: renderBarChart },
    { name: 'stacked bar', render: renderStackedBarChart },
    { name: 'line', render: renderLineChart },
    { name: 'pie', render: renderPieChart },
  ];

  it.each(empties)('$name chart without values says so', ({ render }) => {
    const svg = render(chart({ series: [{ name: 'S', values: [null, null, null], formatValue: String }] }), 'c1');
    expect(svg).toContain('class="chart-empty"');
    expect(svg).toContain('No data to chart');
    expect(svg).not.toMatch(/class="(bar|point|slice)"/);
  });

  it('rotates and shortens labels when categories are many', () => {
    const categories = Array.from({ length: 12 }, (_, index) => `门店名称很长很长的第${index + 1}号店`);
    const svg = renderBarChart(chart({ categories, series: [{ name: 'S', values: categories.map((_, index) => index + 1), formatValue: String }] }), 'c1');
    expect(count(svg, /transform="rotate\(-35 /g)).toBe(12);
    expect(svg).toContain('…</text><title>门店名称很长很长的第1号店</title>');
  });
});
