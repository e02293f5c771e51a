import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import {
  type ReportColumn,
  type ReportRow,
  writeXlsx,
  XlsxValueError,
} from '../../../src/reports/render/index.js';
import { FORMULA_TRIGGER_CHARACTERS } from '../../../src/reports/render/values/formula-guard.js';
import {
  HYPERLINK_FORMULA,
  injectionDocument,
  singleSectionDocument,
  timezoneDocument,
} from './support/fixtures.js';
import { renderToBuffer } from './support/output-sink.js';
import { type RawCell, readNumberFormats, readRawSheets, readWithExcelJs } from './support/xlsx-inspect.js';

const ValueType = { Null: 0, Number: 2, String: 3, Date: 4 } as const;

function cellOf(sheets: Map<string, Map<string, RawCell>>, sheet: string, address: string): RawCell {
  const cell = sheets.get(sheet)?.get(address);
  if (!cell) throw new Error(`no cell ${sheet}!${address}; sheets: ${[...sheets.keys()].join(', ')}`);
  return cell;
}

describe('writeXlsx dates and datetimes', () => {
  it('writes business dates as whole-day serials with a date format', async () => {
    const xlsx = await renderToBuffer((out) => writeXlsx(timezoneDocument(), out));
    const sheets = readRawSheets(xlsx);
    const formats = readNumberFormats(xlsx);

    const cases = [
      { address: 'B2', serial: 45322 },
      { address: 'B3', serial: 45323 },
    ];
    for (const { address, serial } of cases) {
      const cell = cellOf(sheets, '门店日汇总', address);
      expect(cell.type).toBeUndefined();
      expect(Number(cell.value)).toBe(serial);
      expect(formats.get(cell.styleId ?? -1)).toBe('yyyy-mm-dd');
    }
  });

  it('writes datetimes as the wall-clock serial in the report time zone', async () => {
    const xlsx = await renderToBuffer((out) => writeXlsx(timezoneDocument(), out));
    const sheets = readRawSheets(xlsx);
    const formats = readNumberFormats(xlsx);

    const cases = [
      { address: 'C2', serial: 45322 + 23.5 / 24 },
      { address: 'C3', serial: 45323 + 10 / 1440 },
    ];
    for (const { address, serial } of cases) {
      const cell = cellOf(sheets, '门店日汇总', address);
      expect(Number(cell.value)).toBe(serial);
      expect(formats.get(cell.styleId ?? -1)).toBe('yyyy-mm-dd hh:mm');
    }
  });

  it('reads back as Date cells through exceljs', async () => {
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(timezoneDocument(), out)));
    const sheet = workbook.getWorksheet('门店日汇总');
    // exceljs returns Excel's wall-clock time as if it were UTC.
    const cases = [
      { address: 'B2', iso: '2024-01-31T00:00:00.000Z' },
      { address: 'B3', iso: '2024-02-01T00:00:00.000Z' },
      { address: 'C2', iso: '2024-01-31T23:30:00.000Z' },
      { address: 'C3', iso: '2024-02-01T00:10:00.000Z' },
    ];
    for (const { address, iso } of cases) {
      const cell = sheet?.getCell(address);
      expect(cell?.type).toBe(ValueType.Date);
      expect((cell?.value as Date).toISOString()).toBe(iso);
    }
  });

  it('shows a UTC instant in the column time zone', async () => {
    const columns: ReportColumn[] = [
      { key: 'at', type: 'datetime', label: { en: 'At', 'zh-CN': '时间' } },
      { key: 'at_la', type: 'datetime', timeZone: 'America/Los_Angeles', label: { en: 'At (LA)', 'zh-CN': '时间（洛杉矶）' } },
    ];
    const rows = [{ at: '2024-01-31T15:30:00Z', at_la: '2024-07-01T07:00:00Z' }];
    const sheets = readRawSheets(await renderToBuffer((out) => writeXlsx(singleSectionDocument(columns, rows), out)));

    // 15:30Z is 23:30 in Shanghai; 07:00Z in July is 00:00 in Los Angeles (UTC-7, daylight time).
    expect(Number(cellOf(sheets, 'Data', 'A2').value)).toBe(45322 + 23.5 / 24);
    expect(Number(cellOf(sheets, 'Data', 'B2').value)).toBe(45474);
  });

  it('rejects dates Excel cannot show exactly', async () => {
    const columns: ReportColumn[] = [{ key: 'day', type: 'date', label: { en: 'Day', 'zh-CN': '日期' } }];
    const document = singleSectionDocument(columns, [{ day: '1900-02-28' }]);
    await expect(renderToBuffer((out) => writeXlsx(document, out))).rejects.toThrow(XlsxValueError);
  });
});

describe('writeXlsx money and numbers', () => {
  it('writes fen as yuan numbers with a two-decimal format', async () => {
    const xlsx = await renderToBuffer((out) => writeXlsx(timezoneDocument(), out));
    const sheets = readRawSheets(xlsx);
    const formats = readNumberFormats(xlsx);

    const cases = [
      { address: 'D2', text: '1280.5' },
      { address: 'D3', text: '356' },
    ];
    for (const { address, text } of cases) {
      const cell = cellOf(sheets, '门店日汇总', address);
      expect(cell.type).toBeUndefined();
      expect(cell.value).toBe(text);
      expect(formats.get(cell.styleId ?? -1)).toBe('#,##0.00');
    }
  });

  it('keeps negative and zero values as numbers', async () => {
    const columns: ReportColumn[] = [
      { key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } },
      { key: 'count', type: 'integer', label: { en: 'Count', 'zh-CN': '数量' } },
      { key: 'ratio', type: 'decimal', fractionDigits: 3, label: { en: 'Ratio', 'zh-CN': '比值' } },
      { key: 'share', type: 'percent', label: { en: 'Share', 'zh-CN': '占比' } },
    ];
    const rows = [
      { money: -3600, count: -5, ratio: -1.25, share: -0.05 },
      { money: 0, count: 0, ratio: 0, share: 0 },
      { money: -1, count: -1, ratio: -0.001, share: -0.001 },
    ];
    const xlsx = await renderToBuffer((out) => writeXlsx(singleSectionDocument(columns, rows), out));
    const workbook = await readWithExcelJs(xlsx);
    const sheet = workbook.getWorksheet('Data');
    const expected = [
      [-36, -5, -1.25, -0.05],
      [0, 0, 0, 0],
      [-0.01, -1, -0.001, -0.001],
    ];
    expected.forEach((values, rowIndex) => {
      values.forEach((value, columnIndex) => {
        const cell = sheet?.getRow(rowIndex + 2).getCell(columnIndex + 1);
        expect(cell?.type).toBe(ValueType.Number);
        expect(cell?.value).toBe(value);
      });
    });

    const formats = readNumberFormats(xlsx);
    const styles = ['A2', 'B2', 'C2', 'D2'].map((address) => formats.get(cellOf(readRawSheets(xlsx), 'Data', address).styleId ?? -1));
    expect(styles).toEqual(['#,##0.00', '#,##0', '#,##0.000', '0.0%']);
  });

  it('stores every cent amount as the double of its yuan text', async () => {
    const amounts = [1, 7, 10, 99, 12345, 128050, -3600, 100_000_000_01, 999_999_999_999_999, -999_999_999_999_999];
    const columns: ReportColumn[] = [{ key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } }];
    const xlsx = await renderToBuffer((out) =>
      writeXlsx(singleSectionDocument(columns, amounts.map((money) => ({ money }))), out),
    );
    const sheets = readRawSheets(xlsx);
    amounts.forEach((fen, index) => {
      const yuanText = `${fen < 0 ? '-' : ''}${Math.trunc(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
      expect(Number(cellOf(sheets, 'Data', `A${index + 2}`).value)).toBe(Number(yuanText));
    });
  });

  it('rejects amounts beyond the 15 digits Excel keeps', async () => {
    const columns: ReportColumn[] = [{ key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } }];
    const document = singleSectionDocument(columns, [{ money: 1_000_000_000_000_000 }]);
    await expect(renderToBuffer((out) => writeXlsx(document, out))).rejects.toThrow(/more digits than Excel keeps/);
  });
});

describe('writeXlsx text that looks like a formula', () => {
  it('writes the field case as string cells with numeric amounts', async () => {
    const xlsx = await renderToBuffer((out) => writeXlsx(injectionDocument(), out));
    const sheets = readRawSheets(xlsx);
    const workbook = await readWithExcelJs(xlsx);
    const sheet = workbook.getWorksheet('工单');

    const texts = [
      { address: 'A2', value: HYPERLINK_FORMULA },
      { address: 'B2', value: '正常备注' },
      { address: 'D2', value: '+86 13800000000' },
      { address: 'A3', value: '@门店群' },
      { address: 'B3', value: '-折扣调整' },
      { address: 'D3', value: '021-00000000' },
      { address: 'A4', value: '\tcmd' },
      { address: 'B4', value: '=1+1' },
    ];
    for (const { address, value } of texts) {
      const raw = cellOf(sheets, '工单', address);
      expect(raw.hasFormula).toBe(false);
      expect(raw.type).toBe('str');
      expect(raw.value).toBe(value);
      expect(sheet?.getCell(address).type).toBe(ValueType.String);
      expect(sheet?.getCell(address).value).toBe(value);
    }

    const amounts = [
      { address: 'C2', value: -36 },
      { address: 'C3', value: 0 },
      { address: 'C4', value: 12.5 },
    ];
    for (const { address, value } of amounts) {
      expect(sheet?.getCell(address).type).toBe(ValueType.Number);
      expect(sheet?.getCell(address).value).toBe(value);
    }
  });

  const textCases = FORMULA_TRIGGER_CHARACTERS.flatMap((trigger) =>
    (['text', 'code'] as const).map((type) => ({ trigger, type, value: `${trigger}SUM(1,2)` })),
  );

  it.each(textCases)('writes $type starting with $trigger as a string', async ({ type, value }) => {
    const columns: ReportColumn[] = [{ key: 'value', type, label: { en: value, 'zh-CN': value } }];
    const document = singleSectionDocument(columns, [{ value }], { totals: { value } });
    const xlsx = await renderToBuffer((out) =>
      writeXlsx({ ...document, parameters: { ...document.parameters, generatedBy: value } }, out),
    );
    const sheets = readRawSheets(xlsx);

    // Header, data row and totals row of the section, and the generated-by entry on the cover.
    const cover = sheets.get('Cover') ?? new Map<string, RawCell>();
    const generatedByRow = [...cover.entries()].find(([, cell]) => cell.value === 'Generated by')?.[0].slice(1);
    const cells = [
      cellOf(sheets, 'Data', 'A1'),
      cellOf(sheets, 'Data', 'A2'),
      cellOf(sheets, 'Data', 'A3'),
      cellOf(sheets, 'Cover', `B${generatedByRow}`),
    ];
    for (const cell of cells) {
      expect(cell.hasFormula).toBe(false);
      expect(cell.type).toBe('str');
      expect(cell.value).toBe(value);
    }
    const workbook = await readWithExcelJs(xlsx);
    const readBack = workbook.getWorksheet('Data')?.getCell('A2');
    expect(readBack?.type).toBe(ValueType.String);
    // An XML parser reads a bare CR in text as LF, so exceljs reads a leading CR back as LF.
    expect(readBack?.value).toBe(value.replace('\r', '\n'));
  });
});

describe('writeXlsx layout', () => {
  it('adds a cover sheet and a sheet per section', async () => {
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(timezoneDocument(), out)));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['封面', '门店日汇总']);

    const cover = workbook.getWorksheet('封面');
    // Title, a blank line, then the entries (this document has no subtitle).
    const entries = Object.fromEntries(
      [3, 4, 5, 6, 7].map((row) => [cover?.getCell(`A${row}`).value, cover?.getCell(`B${row}`).value]),
    );
    expect(cover?.getCell('A1').value).toBe('月度门店销售汇总');
    expect(entries).toEqual({
      统计期间: '2024-01-01 至 2024-02-01',
      门店: '静安寺店（0001）、徐家汇店（0002）（共 2 家）',
      生成时间: '2024-02-01 09:00:00',
      生成人: '王会计',
      时区: 'Asia/Shanghai',
    });
  });

  it('writes headers in the chosen language', async () => {
    const cases = [
      { language: 'zh-CN' as const, sheet: '门店日汇总', headers: ['门店编码', '营业日', '最后结账时间', '销售额'] },
      { language: 'en' as const, sheet: 'Store days', headers: ['Store code', 'Business date', 'Last checkout', 'Sales'] },
    ];
    for (const { language, sheet, headers } of cases) {
      const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(timezoneDocument({ language }), out)));
      const row = workbook.getWorksheet(sheet)?.getRow(1);
      expect([1, 2, 3, 4].map((column) => row?.getCell(column).value)).toEqual(headers);
    }
  });

  it('freezes the header row and filters it', async () => {
    const xlsx = await renderToBuffer((out) => writeXlsx(timezoneDocument(), out));
    const workbook = await readWithExcelJs(xlsx);
    const sheet = workbook.getWorksheet('门店日汇总');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBe('A1:D1');
  });

  it('fits widths counting CJK characters double', async () => {
    const columns: ReportColumn[] = [
      { key: 'latin', type: 'text', label: { en: 'L', 'zh-CN': 'L' } },
      { key: 'cjk', type: 'text', label: { en: 'C', 'zh-CN': 'C' } },
      { key: 'money', type: 'money_fen', label: { en: 'M', 'zh-CN': 'M' } },
    ];
    const rows = [{ latin: 'abcdefghij', cjk: '静安寺店静安寺店静安', money: 123_456_789 }];
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(singleSectionDocument(columns, rows), out)));
    const sheet = workbook.getWorksheet('Data');
    // 10 Latin characters, 10 CJK characters (20 cells) and `1,234,567.89` (12), plus 3 of padding.
    expect([1, 2, 3].map((column) => sheet?.getColumn(column).width)).toEqual([13, 23, 15]);
  });

  it('adds the totals row with a Total label', async () => {
    const document = timezoneDocument({ language: 'en' });
    const section = document.sections[0];
    if (!section) throw new Error('fixture has no section');
    const withTotals = { ...document, sections: [{ ...section, totals: { sales: 163650 } }] };
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(withTotals, out)));
    const row = workbook.getWorksheet('Store days')?.getRow(4);
    expect(row?.getCell(1).value).toBe('Total');
    expect(row?.getCell(2).type).toBe(ValueType.Null);
    expect(row?.getCell(4).value).toBe(1636.5);
    expect(row?.getCell(1).font?.bold).toBe(true);
  });

  it('keeps code leading zeros as text', async () => {
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(timezoneDocument(), out)));
    const cell = workbook.getWorksheet('门店日汇总')?.getCell('A2');
    expect(cell?.type).toBe(ValueType.String);
    expect(cell?.value).toBe('0001');
    expect(cell?.numFmt).toBe('@');
  });
});

describe('writeXlsx sheets', () => {
  const columns: ReportColumn[] = [{ key: 'n', type: 'integer', label: { en: 'N', 'zh-CN': '数' } }];

  it('goes on in numbered sheets past the row limit', async () => {
    const rows = [1, 2, 3, 4, 5].map((n) => ({ n }));
    const document = singleSectionDocument(columns, rows, { totals: { n: 15 } });
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(document, out, { maxRowsPerSheet: 2 })));

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Cover', 'Data', 'Data (2)', 'Data (3)']);
    const columnA = (name: string) => {
      const values: unknown[] = [];
      workbook.getWorksheet(name)?.eachRow((row) => values.push(row.getCell(1).value));
      return values;
    };
    expect(columnA('Data')).toEqual(['N', 1, 2]);
    expect(columnA('Data (2)')).toEqual(['N', 3, 4]);
    expect(columnA('Data (3)')).toEqual(['N', 5, 15]);
  });

  it('makes section names valid and unique sheet names', async () => {
    const base = singleSectionDocument(columns, [{ n: 1 }]);
    const section = base.sections[0];
    if (!section) throw new Error('fixture has no section');
    const named = (key: string, name: string) => ({ ...section, key, name: { en: name, 'zh-CN': name } });
    const document = {
      ...base,
      sections: [
        named('a', 'Sales: 2024/01 [draft]?'),
        named('b', 'sales: 2024/01 [draft]?'),
        named('c', 'A very long section name that Excel would refuse'),
        named('d', 'History'),
        named('e', 'Cover'),
      ],
    };
    const workbook = await readWithExcelJs(await renderToBuffer((out) => writeXlsx(document, out)));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Cover',
      'Sales_ 2024_01 _draft__',
      'sales_ 2024_01 _draft__ (2)',
      'A very long section name that E',
      'History (2)',
      'Cover (2)',
    ]);
  });
});

describe('writeXlsx streaming', () => {
  it('stops reading rows while the output is stalled', async () => {
    const totalRows = 300_000;
    let pulled = 0;
    let stalled = true;
    const heldCallbacks: Array<() => void> = [];
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        if (stalled) heldCallbacks.push(callback);
        else callback();
      },
    });
    function* rows(): Generator<ReportRow> {
      for (let index = 0; index < totalRows; index += 1) {
        pulled += 1;
        // Varied text, so the zip cannot shrink rows to almost nothing.
        yield { id: `ID-${index}-${(index * 7919) % 1_000_003}`, amount: (index * 104_729) % 9_999_991 };
      }
    }
    const columns: ReportColumn[] = [
      { key: 'id', type: 'text', label: { en: 'Id', 'zh-CN': '编号' } },
      { key: 'amount', type: 'money_fen', label: { en: 'Amount', 'zh-CN': '金额' } },
    ];

    const done = writeXlsx(singleSectionDocument(columns, rows()), output);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pulledWhileStalled = pulled;

    stalled = false;
    for (const callback of heldCallbacks.splice(0)) callback();
    await done;

    // Without back-pressure exceljs takes all rows at once; with it, what fits the zip buffers.
    expect(pulledWhileStalled).toBeLessThan(totalRows / 2);
    expect(pulled).toBe(totalRows);
  }, 60_000);

  it('raises when the output fails mid-way', async () => {
    let written = 0;
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        written += 1;
        callback(written > 3 ? new Error('disk full') : null);
      },
    });
    output.on('error', () => {});
    function* rows(): Generator<ReportRow> {
      for (let index = 0; index < 200_000; index += 1) yield { id: `row ${index} ${(index * 7919) % 1_000_003}` };
    }
    const columns: ReportColumn[] = [{ key: 'id', type: 'text', label: { en: 'Id', 'zh-CN': '编号' } }];
    await expect(writeXlsx(singleSectionDocument(columns, rows()), output)).rejects.toThrow(/disk full|closed/);
  }, 60_000);
});
