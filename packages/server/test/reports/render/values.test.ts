import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { ReportColumn } from '../../../src/reports/render/index.js';
import { instantMilliseconds, normalizeCell, ReportValueError } from '../../../src/reports/render/values/cell-value.js';
import { parseIsoDate } from '../../../src/reports/render/values/civil-date.js';
import { displayWidth } from '../../../src/reports/render/values/display-width.js';
import { excelSerialOfDate, excelSerialOfWallClock } from '../../../src/reports/render/values/excel-serial.js';
import { formatCellText, formatFixed } from '../../../src/reports/render/values/format-cell.js';
import { startsLikeFormula } from '../../../src/reports/render/values/formula-guard.js';
import { fenToYuanNumber, formatFenAsYuan } from '../../../src/reports/render/values/money.js';
import { wallClockAt } from '../../../src/reports/render/values/wall-clock.js';

describe('excel serials', () => {
  const dates = [
    { given: '1900-03-01', want: 61 },
    { given: '1970-01-01', want: 25569 },
    { given: '2000-02-29', want: 36585 },
    { given: '2024-01-05', want: 45296 },
    { given: '2024-01-31', want: 45322 },
    { given: '2024-02-01', want: 45323 },
    { given: '2099-12-31', want: 73050 },
  ];

  it.each(dates)('$given is serial $want', ({ given, want }) => {
    const date = parseIsoDate(given);
    if (!date) throw new Error(`fixture date ${given} did not parse`);
    expect(excelSerialOfDate(date)).toBe(want);
  });

  const instants = [
    { instant: '2024-01-31T15:30:00Z', timeZone: 'Asia/Shanghai', want: 45322 + 23.5 / 24 },
    { instant: '2024-01-31T16:10:00Z', timeZone: 'Asia/Shanghai', want: 45323 + 10 / 1440 },
    { instant: '2024-01-05T04:00:00Z', timeZone: 'Asia/Shanghai', want: 45296.5 },
    { instant: '2024-03-10T09:59:59Z', timeZone: 'America/Los_Angeles', want: 45361 + (3600 + 59 * 60 + 59) / 86400 },
    { instant: '2024-03-10T10:00:00Z', timeZone: 'America/Los_Angeles', want: 45361 + 3 / 24 },
    { instant: '2024-01-31T23:59:59.999Z', timeZone: 'UTC', want: 45322 + 86_399_999 / 86_400_000 },
  ];

  it.each(instants)('$instant in $timeZone is serial $want', ({ instant, timeZone, want }) => {
    const milliseconds = instantMilliseconds(instant);
    if (milliseconds === undefined) throw new Error(`fixture instant ${instant} did not parse`);
    expect(excelSerialOfWallClock(wallClockAt(milliseconds, timeZone))).toBe(want);
  });
});

describe('money text', () => {
  const cases = [
    { fen: 0, plain: '0.00', grouped: '0.00' },
    { fen: 1, plain: '0.01', grouped: '0.01' },
    { fen: -1, plain: '-0.01', grouped: '-0.01' },
    { fen: -3600, plain: '-36.00', grouped: '-36.00' },
    { fen: 128050, plain: '1280.50', grouped: '1,280.50' },
    { fen: 1234567, plain: '12345.67', grouped: '12,345.67' },
    { fen: Number.MAX_SAFE_INTEGER, plain: '90071992547409.91', grouped: '90,071,992,547,409.91' },
  ];

  it.each(cases)('$fen fen reads $grouped', ({ fen, plain, grouped }) => {
    expect(formatFenAsYuan(fen, false)).toBe(plain);
    expect(formatFenAsYuan(fen, true)).toBe(grouped);
  });

  it('yuan number equals the parsed yuan text for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), (fen) => {
        expect(fenToYuanNumber(fen)).toBe(Number(formatFenAsYuan(fen, false)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('number text', () => {
  const cases = [
    { value: -0.0004, digits: 3, grouping: false, want: '0.000' },
    { value: -1234567.5, digits: 1, grouping: true, want: '-1,234,567.5' },
    { value: 1234567.5, digits: 0, grouping: true, want: '1,234,568' },
    { value: 0.125, digits: 2, grouping: false, want: '0.13' },
  ];

  it.each(cases)('$value with $digits decimals reads $want', ({ value, digits, grouping, want }) => {
    expect(formatFixed(value, digits, grouping)).toBe(want);
  });

  it('percent shows the ratio times 100', () => {
    const column: ReportColumn = { key: 'p', type: 'percent', fractionDigits: 2, label: { en: 'P', 'zh-CN': 'P' } };
    expect(formatCellText(column, 0.12345, { grouping: true, seconds: false, timeZone: 'UTC' })).toBe('12.35%');
  });
});

describe('formula guard', () => {
  const cases = [
    { text: '=1+1', want: true },
    { text: '+86 138', want: true },
    { text: '-折扣', want: true },
    { text: '@群', want: true },
    { text: '\tcmd', want: true },
    { text: '\rcmd', want: true },
    { text: ' =1+1', want: false },
    { text: '021-00000000', want: false },
    { text: '', want: false },
    { text: '＝1', want: false },
  ];

  it.each(cases)('$text starts like a formula: $want', ({ text, want }) => {
    expect(startsLikeFormula(text)).toBe(want);
  });
});

describe('display width', () => {
  const cases = [
    { text: 'abc', want: 3 },
    { text: '静安寺店', want: 8 },
    { text: '￥12,345', want: 8 },
    { text: 'Ａ１', want: 4 },
    { text: '𠀋', want: 2 },
  ];

  it.each(cases)('$text is $want cells wide', ({ text, want }) => {
    expect(displayWidth(text)).toBe(want);
  });
});

describe('normalizeCell', () => {
  const column = (type: ReportColumn['type']): ReportColumn => ({ key: 'c', type, label: { en: 'C', 'zh-CN': 'C' } });
  const accepted = [
    { type: 'code' as const, value: '0001', want: '0001' },
    { type: 'money_fen' as const, value: -3600, want: -3600 },
    { type: 'date' as const, value: '2024-02-29', want: '2024-02-29' },
    { type: 'datetime' as const, value: '2024-01-31T23:30:00+08:00', want: Date.UTC(2024, 0, 31, 15, 30) },
    { type: 'datetime' as const, value: new Date(Date.UTC(2024, 0, 31)), want: Date.UTC(2024, 0, 31) },
    { type: 'text' as const, value: null, want: null },
  ];

  it.each(accepted)('accepts $type $value', ({ type, value, want }) => {
    expect(normalizeCell(column(type), value, 'here')).toBe(want);
  });

  const rejected = [
    { type: 'money_fen' as const, value: 12.5 },
    { type: 'money_fen' as const, value: '1280.50' },
    { type: 'integer' as const, value: 2 ** 53 },
    { type: 'decimal' as const, value: Number.NaN },
    { type: 'code' as const, value: 1 },
    { type: 'date' as const, value: '2023-02-29' },
    { type: 'date' as const, value: '2024/01/31' },
    { type: 'datetime' as const, value: '2024-01-31T23:30:00' },
    { type: 'datetime' as const, value: '2024-01-31' },
    { type: 'datetime' as const, value: new Date(Number.NaN) },
    { type: 'text' as const, value: undefined },
  ];

  it.each(rejected)('rejects $type $value', ({ type, value }) => {
    expect(() => normalizeCell(column(type), value, 'section s, row 1, column c')).toThrow(ReportValueError);
  });
});
