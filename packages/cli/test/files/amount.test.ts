import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseAmountFen, parseAmountSubFen, roundMillifenToFen } from '../../src/files/amount.js';
import type { Cell } from '../../src/files/types.js';

function fenOf(cell: Cell, options = {}): number | string {
  const result = parseAmountFen(cell, options);
  return result.ok ? result.value : result.issue.code;
}

/** Formats fen as `¥1,234.50` with grouping, independently of the parser. */
function formatYuan(fen: number, symbol: string, grouping: boolean): string {
  const magnitude = Math.abs(fen);
  const yuan = String(Math.floor(magnitude / 100));
  const cents = String(magnitude % 100).padStart(2, '0');
  const grouped = grouping ? yuan.replace(/\B(?=(\d{3})+$)/g, ',') : yuan;
  return `${fen < 0 ? '-' : ''}${symbol}${grouped}.${cents}`;
}

describe('parseAmountFen', () => {
  it.each<[string, Cell, number]>([
    ['yen sign and grouping', '¥1,234.50', 123450],
    ['full-width yen sign', '￥0.01', 1],
    ['yuan suffix', '1234.5元', 123450],
    ['RMB prefix with space', 'RMB 12', 1200],
    ['lower-case rmb', 'rmb12.3', 1230],
    ['CNY prefix', 'CNY 123.18', 12318],
    ['人民币 prefix', '人民币100', 10000],
    ['full-width digits and point', '１２３．４５', 12345],
    ['full-width comma and yen', '￥１，２３４．００', 123400],
    ['full-width parentheses', '（３６．００）', -3600],
    ['parentheses negative', '(12.00)', -1200],
    ['parentheses with grouping', '(1,200.50)', -120050],
    ['minus sign', '-5.00', -500],
    ['quoted bank amount', '-2,600.00', -260000],
    ['Unicode minus', '−7.10', -710],
    ['minus before yen', '-¥58.00', -5800],
    ['minus after yen', '¥-58.00', -5800],
    ['plus sign', '+3.5', 350],
    ['no decimals', '58', 5800],
    ['one decimal', '3.5', 350],
    ['trailing point', '12.', 1200],
    ['leading point', '.5', 50],
    ['trailing zeros beyond cents', '58.000', 5800],
    ['fee with five decimals, whole fen', '0.35000', 35],
    ['leading zeros', '007.10', 710],
    ['zero', '0.00', 0],
    ['negative zero', '-0.00', 0],
    ['surrounding spaces and TAB', ' \u3000¥28.16\t', 2816],
    ['NBSP around', '\u00a012.34\u00a0', 1234],
    ['largest safe amount', '90,071,992,547,409.91', 9007199254740991],
    ['number cell', 1280.5, 128050],
    ['number cell with float noise', 0.1 + 0.2, 30],
    ['number cell 12.300000000000001', 12.300000000000001, 1230],
    ['negative number cell', -36, -3600],
    ['integer number cell', 45296, 4529600],
  ])('%s: %j → %i fen', (_name, input, expected) => {
    expect(fenOf(input)).toBe(expected);
  });

  it.each<[string, Cell, string]>([
    ['three significant decimals', '12.345', 'amount_too_many_decimals'],
    ['number cell with three decimals', 1.005, 'amount_too_many_decimals'],
    ['decimal comma', '12,5', 'amount_bad_grouping'],
    ['grouping of four', '1,2345.00', 'amount_bad_grouping'],
    ['grouping of two', '12,34,567', 'amount_bad_grouping'],
    ['text', '支出', 'amount_invalid'],
    ['dollar sign', '$12.00', 'amount_invalid'],
    ['two signs', '--5', 'amount_invalid'],
    ['sign inside parentheses', '(-12.00)', 'amount_invalid'],
    ['sign and parentheses', '-(12.00)', 'amount_invalid'],
    ['unbalanced parenthesis', '(12.00', 'amount_invalid'],
    ['two currency marks', '¥12元', 'amount_invalid'],
    ['trailing minus', '12.00-', 'amount_invalid'],
    ['two points', '1.2.3', 'amount_invalid'],
    ['exponent', '1e3', 'amount_invalid'],
    ['masked balance', 'xx,yyyy.zz', 'amount_invalid'],
    ['lone sign', '-', 'amount_invalid'],
    ['too large', '90071992547409.92', 'amount_too_large'],
    ['empty text', '', 'value_missing'],
    ['spaces only', ' \t\u3000', 'value_missing'],
    ['null cell', null, 'value_missing'],
    ['boolean cell', true, 'amount_invalid'],
    ['NaN number', Number.NaN, 'amount_invalid'],
    ['date cell', { kind: 'excel-date', serial: 45296, text: '2024-01-05' }, 'amount_invalid'],
    ['formula without result', { kind: 'formula-without-result', ref: '明细!D2', formula: 'B2*C2' }, 'formula_without_result'],
  ])('%s: %j is rejected with %s', (_name, input, code) => {
    expect(fenOf(input)).toBe(code);
  });

  it('names the value and the decimals in the issue', () => {
    const result = parseAmountFen('12.345');
    expect(result).toEqual({ ok: false, issue: { code: 'amount_too_many_decimals', params: { value: '12.345', decimals: 3, max: 2 } } });
  });

  it.each<[string, 'half-up' | 'half-even', number]>([
    ['12.345', 'half-up', 1235],
    ['12.345', 'half-even', 1234],
    ['12.355', 'half-even', 1236],
    ['12.3451', 'half-even', 1235],
    ['12.344999', 'half-up', 1234],
    ['-12.345', 'half-up', -1235],
    ['-12.345', 'half-even', -1234],
    ['0.005', 'half-up', 1],
    ['-0.004', 'half-up', 0],
    ['0.995', 'half-up', 100],
  ])('rounds %s with %s to %i fen', (input, rounding, expected) => {
    expect(fenOf(input, { rounding })).toBe(expected);
  });

  it('parses every fen amount formatted as ¥x,xxx.xx back exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('¥', '￥', ''),
        fc.boolean(),
        (fen, symbol, grouping) => {
          expect(parseAmountFen(formatYuan(fen, symbol, grouping))).toEqual({ ok: true, value: fen });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parses accounting brackets as the negated amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        const negated = parseAmountFen(`(${formatYuan(fen, '', true)})`);
        expect(negated).toEqual({ ok: true, value: fen === 0 ? 0 : -fen });
      }),
    );
  });

  it('reads number cells with two decimals exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        // The float nearest to fen/100, as a workbook stores it.
        expect(parseAmountFen(fen / 100)).toEqual({ ok: true, value: fen });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseAmountSubFen', () => {
  it.each<[Cell, number, number, boolean]>([
    ['0.35000', 35000, 35, true],
    ['0.35', 35000, 35, true],
    ['0.00350', 350, 0, false],
    ['1.23456', 123456, 123, false],
    ['-0.60', -60000, -60, true],
    ['-0.00001', -1, 0, false],
    ['¥0.01', 1000, 1, true],
    [0.35, 35000, 35, true],
  ])('%j → %i millifen, %i fen, whole fen %s', (input, millifen, fen, wholeFen) => {
    expect(parseAmountSubFen(input)).toEqual({ ok: true, value: { millifen, fen, wholeFen } });
  });

  it('never reads 0.35000 yuan as 0 or 35000 fen', () => {
    expect(parseAmountSubFen('0.35000')).toEqual({ ok: true, value: { millifen: 35_000, fen: 35, wholeFen: true } });
    expect(parseAmountFen('0.35000')).toEqual({ ok: true, value: 35 });
  });

  it('rejects a sixth decimal unless a rounding rule is given', () => {
    expect(parseAmountSubFen('0.000005')).toEqual({
      ok: false,
      issue: { code: 'amount_too_many_decimals', params: { value: '0.000005', decimals: 6, max: 5 } },
    });
    expect(parseAmountSubFen('0.000005', { rounding: 'half-up' })).toEqual({
      ok: true,
      value: { millifen: 1, fen: 0, wholeFen: false },
    });
  });

  it.each<[number, 'half-up' | 'half-even', number]>([
    [35000, 'half-up', 35],
    [350, 'half-up', 0],
    [500, 'half-up', 1],
    [500, 'half-even', 0],
    [1500, 'half-even', 2],
    [1501, 'half-even', 2],
    [-500, 'half-up', -1],
    [-1499, 'half-up', -1],
  ])('rounds %i millifen with %s to %i fen', (millifen, rule, fen) => {
    expect(roundMillifenToFen(millifen, rule)).toBe(fen);
  });

  it('agrees with parseAmountFen on amounts with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = formatYuan(fen, '¥', true);
        const sub = parseAmountSubFen(text);
        expect(sub).toEqual({ ok: true, value: { millifen: fen * 1000, fen, wholeFen: true } });
      }),
    );
  });
});
