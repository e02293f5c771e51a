import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseCode } from '../../src/files/code.js';
import { formatMessage } from '../../src/files/messages.js';
import type { Cell } from '../../src/files/types.js';

function codeOf(cell: Cell): string {
  const result = parseCode(cell);
  return result.ok ? result.value : `!${result.issue.code}`;
}

describe('parseCode', () => {
  it.each<[string, Cell, string]>([
    ['store code with zeros', '0001', '0001'],
    ['store code 0010', '0010', '0010'],
    ['store code 00123', '00123', '00123'],
    ['postcode with zero', '010010', '010010'],
    ['id with E inside', '2401050001E5', '2401050001E5'],
    ['id with E and 6', '2401050001E6', '2401050001E6'],
    ['short id with E', '1E3', '1E3'],
    ['id ending in E', '24010500012E', '24010500012E'],
    ['lower-case e id', '12e5', '12e5'],
    ['28-digit transaction id', '4200000000202401050000000002', '4200000000202401050000000002'],
    ['id with trailing TAB', '4200000000202401050000000001\t', '4200000000202401050000000001'],
    ['id with full-width space', '\u3000M20240105000001\u3000', 'M20240105000001'],
    ['id with NBSP', '\u00a0A001', 'A001'],
    ['WeChat backtick prefix', '`4200000000202401050000000001', '4200000000202401050000000001'],
    ['apostrophe prefix', "'0001", '0001'],
    ['formula text form', '="0001"', '0001'],
    ['masked card number', '6200****1230', '6200****1230'],
    ['letters keep their case', 'Ab-01', 'Ab-01'],
    ['number cell', 45296, '45296'],
    ['15-digit number cell', 123456789012345, '123456789012345'],
    ['negative number cell', -12, '-12'],
  ])('keeps %s: %j → %s', (_name, input, expected) => {
    expect(codeOf(input)).toBe(expected);
  });

  it.each<[string, Cell, string]>([
    ['Excel scientific notation', '1.23457E+17', '!code_scientific_notation'],
    ['short mantissa', '1.23E+17', '!code_scientific_notation'],
    ['mantissa rounded to one', '1E+15', '!code_scientific_notation'],
    ['lower case', '4.2e+27', '!code_scientific_notation'],
    ['full-width', '１．２３Ｅ＋１７', '!code_scientific_notation'],
    ['negative', '-1.5E+16', '!code_scientific_notation'],
    ['18-digit id stored as number', 420000000020240105, '!code_number_too_long'],
    ['16-digit number', 1234567890123456, '!code_number_too_long'],
    ['huge number', 4.2e27, '!code_number_too_long'],
    ['decimal number', 12.5, '!code_number_not_integer'],
    ['date cell', { kind: 'excel-date', serial: 45293, text: '2024-01-02' }, '!code_became_date'],
    ['boolean', true, '!code_invalid'],
    ['empty', '', '!value_missing'],
    ['only a backtick', '`', '!value_missing'],
    ['null', null, '!value_missing'],
    ['formula without result', { kind: 'formula-without-result', ref: 'S!A2', formula: 'A1&"1"' }, '!formula_without_result'],
  ])('rejects %s: %j', (_name, input, expected) => {
    expect(codeOf(input)).toBe(expected);
  });

  it('tells how to re-export a column damaged by Excel', () => {
    const result = parseCode('1.23457E+17');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatMessage('en', result.issue.code, result.issue.params)).toContain('Export the column as text');
    expect(formatMessage('zh-CN', result.issue.code, result.issue.params)).toContain('导出为文本');
  });

  it('keeps any text of digits and letters unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z-]{1,30}$/), (code) => {
        fc.pre(!/^[+-]?\d(?:\.\d+)?E\+\d{1,3}$/i.test(code));
        expect(codeOf(code)).toBe(code);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the exact digits of every safe integer number cell', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (number) => {
        expect(codeOf(number)).toBe(String(number));
      }),
    );
  });
});
