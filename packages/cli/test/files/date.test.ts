import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseDate, type DateOrder } from '../../src/files/date.js';
import { excelDateFromSerial, excelSerialToText, isDateFormatCode, isTimeFormatCode } from '../../src/files/excel-date.js';
import type { Cell } from '../../src/files/types.js';

function dateOf(cell: Cell, order?: DateOrder): string {
  const result = parseDate(cell, order === undefined ? {} : { order });
  return result.ok ? result.value : result.issue.code;
}

describe('parseDate', () => {
  it.each<[string, Cell]>([
    ['ISO', '2024-01-05'],
    ['slashes without zeros', '2024/1/5'],
    ['slashes with zeros', '2024/01/05'],
    ['dots', '2024.1.5'],
    ['compact', '20240105'],
    ['Chinese without zeros', '2024年1月5日'],
    ['Chinese with zeros', '2024年01月05日'],
    ['Chinese with 号', '2024年1月5号'],
    ['Chinese with spaces', '2024 年 1 月 5 日'],
    ['full-width digits', '２０２４－０１－０５'],
    ['full-width slashes', '２０２４／１／５'],
    ['with time', '2024-01-05 12:30:11'],
    ['with time and two spaces', '2024/01/05  14:06:51'],
    ['with ISO T and zone', '2024-01-05T12:30:11+08:00'],
    ['Chinese with Chinese time', '2024年1月5日 12时30分'],
    ['surrounding spaces and TAB', ' 2024-01-05\t'],
    ['serial number', 45296],
    ['serial with time', 45296.75],
    ['ExcelDate', { kind: 'excel-date', serial: 45296, text: '2024-01-05' }],
    ['ExcelDate with time', { kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' }],
  ])('reads %s (%j) as 2024-01-05', (_name, input) => {
    expect(dateOf(input)).toBe('2024-01-05');
  });

  it.each<[string, string]>([
    ['13/02/1990', '1990-02-13'],
    ['02/13/1990', '1990-02-13'],
    ['05/05/2024', '2024-05-05'],
    ['31.12.2023', '2023-12-31'],
    ['12-31-2023', '2023-12-31'],
  ])('reads unambiguous %s without a declared order as %s', (input, expected) => {
    expect(dateOf(input)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['05/01/2024', '2024-01-05', '2024-05-01'],
    ['02/03/1991', '1991-03-02', '1991-02-03'],
    ['12/11/2023', '2023-11-12', '2023-12-11'],
    ['1/2/2024', '2024-02-01', '2024-01-02'],
  ])('rejects ambiguous %s without a declared order, naming both readings', (input, dayFirst, monthFirst) => {
    expect(parseDate(input)).toEqual({
      ok: false,
      issue: { code: 'date_ambiguous', params: { value: input, dayFirst, monthFirst } },
    });
  });

  it.each<[string, DateOrder, string]>([
    ['05/01/2024', 'DMY', '2024-01-05'],
    ['05/01/2024', 'MDY', '2024-05-01'],
    ['13/02/1990', 'DMY', '1990-02-13'],
    ['01/05/24', 'MDY', '2024-01-05'],
    ['05/01/24', 'DMY', '2024-01-05'],
    ['24/01/05', 'YMD', '2024-01-05'],
    ['05.01.90', 'DMY', '1990-01-05'],
    ['31/12/68', 'DMY', '2068-12-31'],
    ['31/12/69', 'DMY', '1969-12-31'],
    ['2024-01-05', 'DMY', '2024-01-05'],
    ['2024/1/5', 'MDY', '2024-01-05'],
  ])('reads %s with declared order %s as %s', (input, order, expected) => {
    expect(dateOf(input, order)).toBe(expected);
  });

  it.each<[string, Cell, DateOrder | undefined, string]>([
    ['February 30', '2024-02-30', undefined, 'date_nonexistent'],
    ['February 29 of a common year', '2023-02-29', undefined, 'date_nonexistent'],
    ['February 29 of 1900', '1900-02-29', undefined, 'date_nonexistent'],
    ['April 31', '2024/4/31', undefined, 'date_nonexistent'],
    ['month 13', '2024-13-01', undefined, 'date_nonexistent'],
    ['day 0', '20240100', undefined, 'date_nonexistent'],
    ['Chinese February 30', '2024年2月30日', undefined, 'date_nonexistent'],
    ['month-first date read day-first', '02/13/1990', 'DMY', 'date_nonexistent'],
    ['both parts above 12', '13/13/2024', undefined, 'date_invalid'],
    ['two-digit year without order', '01/05/24', undefined, 'date_two_digit_year'],
    ['year-last date under YMD', '05/01/2024', 'YMD', 'date_order_mismatch'],
    ['words', 'yesterday', undefined, 'date_invalid'],
    ['month name', '5 Jan 2024', undefined, 'date_invalid'],
    ['mixed separators', '2024-01/05', undefined, 'date_invalid'],
    ['seven digits', '2024015', undefined, 'date_invalid'],
    ['invalid time', '2024-01-05 25:00', undefined, 'time_invalid'],
    ['invalid minutes', '2024-01-05 12:60', undefined, 'time_invalid'],
    ['Excel fake leap day', { kind: 'excel-date', serial: 60, text: '1900-02-29' }, undefined, 'date_nonexistent'],
    ['time-only cell', { kind: 'excel-date', serial: 0.5, text: '1899-12-31T12:00:00' }, undefined, 'date_time_only'],
    ['serial below one', 0.25, undefined, 'date_time_only'],
    ['serial past 9999', 2958466, undefined, 'date_serial_out_of_range'],
    ['boolean', true, undefined, 'date_invalid'],
    ['empty', '', undefined, 'value_missing'],
    ['formula without result', { kind: 'formula-without-result', ref: 'S!A1', formula: 'TODAY()' }, undefined, 'formula_without_result'],
  ])('rejects %s (%j) with %s', (_name, input, order, code) => {
    expect(dateOf(input, order)).toBe(code);
  });

  it('reads every valid date in every written form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const year = date.getUTCFullYear();
        const month = date.getUTCMonth() + 1;
        const day = date.getUTCDate();
        const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const forms = [
          iso,
          `${year}/${month}/${day}`,
          `${year}.${month}.${day}`,
          `${year}年${month}月${day}日`,
          iso.replace(/-/g, ''),
          `${day}/${month}/${year}`,
        ];
        expect(dateOf(forms[0]!)).toBe(iso);
        for (const form of forms.slice(1, 5)) expect(dateOf(form)).toBe(iso);
        expect(dateOf(forms[5]!, 'DMY')).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });

  it('never guesses between day-first and month-first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (a, b) => {
        fc.pre(a !== b);
        expect(dateOf(`${a}/${b}/2024`)).toBe('date_ambiguous');
      }),
    );
  });
});

describe('excelSerialToText', () => {
  it.each<[number, string]>([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [45296, '2024-01-05'],
    [45296.5, '2024-01-05T12:00:00'],
    [45322.979166666664, '2024-01-31T23:30:00'],
    [42585.584178240741, '2016-08-03T14:01:13'],
    [2958465, '9999-12-31'],
  ])('%d is %s', (serial, text) => {
    expect(excelSerialToText(serial)).toBe(text);
  });

  it('converts 1904-system serials to the 1900 system', () => {
    expect(excelDateFromSerial(43834, true)).toEqual({ kind: 'excel-date', serial: 45296, text: '2024-01-05' });
    expect(excelDateFromSerial(1, true)).toEqual({ kind: 'excel-date', serial: 1463, text: '1904-01-02' });
  });

  it('keeps times and durations out of the 1904 offset', () => {
    // Below 1 is a time without a date in either system, as 0.5 is in the 1900 system.
    expect(excelDateFromSerial(0.5, true)).toEqual({ kind: 'excel-date', serial: 0.5, text: '1899-12-31T12:00:00', timeOnly: true });
    expect(excelDateFromSerial(26.5 / 24, true, true)).toMatchObject({ serial: 26.5 / 24, timeOnly: true });
    expect(excelDateFromSerial(26.5 / 24, false, true)).toMatchObject({ serial: 26.5 / 24, timeOnly: true });
  });
});

describe('isTimeFormatCode', () => {
  it.each(['h:mm', '[h]:mm', '[h]:mm:ss', 'hh:mm:ss AM/PM', 'mm:ss', '[mm]:ss', 'h"时"mm"分"', '[$-804]上午/下午h"时"mm"分"'])('%s is a time format', (code) => {
    expect(isTimeFormatCode(code)).toBe(true);
  });

  it.each(['yyyy-mm-dd hh:mm', 'm/d/yy h:mm', 'yyyy"年"m"月"d"日" hh:mm', 'e/m/d', 'mmm-yy', 'General', '0.00', '@'])('%s is not a time format', (code) => {
    expect(isTimeFormatCode(code)).toBe(false);
  });
});

describe('isDateFormatCode', () => {
  it.each([
    'mm-dd-yy',
    'm/d/yyyy',
    'yyyy-mm-dd hh:mm',
    'yyyy"年"m"月"d"日"',
    '[$-F800]dddd, mmmm dd, yyyy',
    '[DBNum1][$-804]yyyy"年"m"月"d"日"',
    'h:mm AM/PM',
    '[h]:mm:ss',
    'e/m/d',
  ])('%s is a date format', (code) => {
    expect(isDateFormatCode(code)).toBe(true);
  });

  it.each(['General', '0', '0.00', '#,##0.00', '0.00E+00', '0.00"元"', '[Red]0.00', '"¥"#,##0.00', '@', '#,##0;[Red]-#,##0'])(
    '%s is not a date format',
    (code) => {
      expect(isDateFormatCode(code)).toBe(false);
    },
  );
});
