import { describe, expect, it } from 'vitest';

import {
  type ReportDocument,
  ReportDocumentError,
  validateReportDocument,
  writeJson,
} from '../../../src/reports/render/index.js';
import { renderToBuffer } from './support/output-sink.js';
import { showcaseDocument } from './support/showcase.js';

describe('validateReportDocument', () => {
  it('accepts the showcase document', () => {
    expect(validateReportDocument(showcaseDocument())).toEqual([]);
  });

  it('lists every problem with its path', () => {
    const valid = showcaseDocument();
    const [first, second] = valid.sections;
    if (!first || !second) throw new Error('showcase needs two sections');
    const document: ReportDocument = {
      ...valid,
      timeZone: 'Shanghai',
      title: { en: 'Report', 'zh-CN': '' },
      parameters: { ...valid.parameters, period: { from: '2024-02-01', to: '2024-01-31' }, generatedAt: '2024-02-01 09:00' },
      sections: [
        {
          ...first,
          columns: [...first.columns, { key: 'store_code', type: 'text', label: { en: 'Again', 'zh-CN': '重复' } }],
          totals: { unknown: 1, orders: 1.5 },
          charts: [
            { kind: 'pie', title: { en: 'T', 'zh-CN': 'T' }, categoryColumn: 'missing', seriesColumns: ['dine_in', 'delivery'] },
            { kind: 'bar', title: { en: 'T', 'zh-CN': 'T' }, categoryColumn: 'store_name', seriesColumns: ['store_name'] },
          ],
        },
        { ...second, key: 'store_sales' },
        { ...second, key: '2024', charts: [], columns: [{ key: 'x', type: 'money_fen', fractionDigits: 2, label: { en: 'X', 'zh-CN': 'X' } }] },
      ],
    };

    expect(validateReportDocument(document)).toEqual([
      { path: 'title.zh-CN', message: 'the text is missing' },
      { path: 'timeZone', message: '"Shanghai" is not an IANA time zone such as Asia/Shanghai' },
      { path: 'parameters.period', message: 'starts on 2024-02-01, after its end 2024-01-31' },
      { path: 'parameters.generatedAt', message: 'expected a Date or an ISO 8601 instant with Z or an offset' },
      { path: 'sections[0].columns[7].key', message: 'duplicate column key "store_code"' },
      { path: 'sections[0].totals.unknown', message: 'no column has this key' },
      { path: 'sections[0].totals.orders', message: 'expected a safe integer' },
      { path: 'sections[0].charts[0].categoryColumn', message: 'no column has the key "missing"' },
      { path: 'sections[0].charts[0].seriesColumns', message: 'a pie chart takes exactly one series' },
      { path: 'sections[0].charts[1].seriesColumns[0]', message: 'column store_name is text, not numeric' },
      { path: 'sections[1].key', message: 'duplicate section key "store_sales"' },
      {
        path: 'sections[2].key',
        message: '"2024" is not an ASCII identifier (letters, digits and _, not starting with a digit)',
      },
      { path: 'sections[2].columns[0].fractionDigits', message: 'applies only to decimal and percent columns' },
    ]);
  });

  it('writers raise ReportDocumentError before writing', async () => {
    const document = { ...showcaseDocument(), language: 'fr' } as unknown as ReportDocument;
    let written = 0;
    const write = renderToBuffer(async (out) => {
      out.on('data', () => (written += 1));
      await writeJson(document, out);
    });
    await expect(write).rejects.toThrow(ReportDocumentError);
    await expect(write).rejects.toThrow('language: must be one of en, zh-CN; got "fr"');
    expect(written).toBe(0);
  });
});
