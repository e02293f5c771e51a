import { describe, expect, it } from 'vitest';

import { excelNumberToDecimalText, percentToFractionText } from '../../src/files/decimal.js';
import { formatMessage } from '../../src/files/messages.js';
import { COMMON_EMPTY_MARKERS, isBlankCell, normaliseText, toHalfWidth, trimText } from '../../src/files/text.js';
import type { Cell } from '../../src/files/types.js';

describe('trimText', () => {
  it.each<[string, string]>([
    ['  静安寺店  ', '静安寺店'],
    ['\u3000徐家汇店\u3000', '徐家汇店'],
    ['\u00a0NBSP\u00a0', 'NBSP'],
    ['4200000000202401050000000001\t', '4200000000202401050000000001'],
    ['\r\nline\r\n', 'line'],
    ['\u200bzero width\u200b', 'zero width'],
    ['\ufeffBOM', 'BOM'],
    ['inner  spaces\u3000kept', 'inner  spaces\u3000kept'],
  ])('trims %j to %j', (input, expected) => {
    expect(trimText(input)).toBe(expected);
  });
});

describe('toHalfWidth', () => {
  it('converts full-width ASCII forms and the ideographic space only', () => {
    expect(toHalfWidth('１２３．４５，（－）／：Ａｂ\u3000＋')).toBe('123.45,(-)/:Ab +');
    expect(toHalfWidth('静安寺店￥')).toBe('静安寺店￥');
  });
});

describe('normaliseText', () => {
  it.each<[string, Cell, string | null]>([
    ['trimmed text', ' 静安寺店 ', '静安寺店'],
    ['blank text', ' \t ', null],
    ['null', null, null],
    ['number as Excel shows it', 0.1 + 0.2, '0.3'],
    ['integer number', 45296, '45296'],
    ['boolean', true, 'TRUE'],
    ['date cell', { kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' }, '2024-01-05T12:00:00'],
    ['NA without markers', 'NA', 'NA'],
  ])('%s: %j → %j', (_name, input, expected) => {
    expect(normaliseText(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['NA', 'N/A', 'null', 'NULL', 'na', ' n/a\t', '#N/A'])('treats %j as empty when the caller asks', (marker) => {
    expect(normaliseText(marker, { emptyMarkers: COMMON_EMPTY_MARKERS })).toEqual({ ok: true, value: null });
    expect(isBlankCell(marker, { emptyMarkers: COMMON_EMPTY_MARKERS })).toBe(true);
    expect(isBlankCell(marker)).toBe(false);
  });

  it('keeps text that only contains a marker', () => {
    expect(normaliseText('NANJING', { emptyMarkers: COMMON_EMPTY_MARKERS })).toEqual({ ok: true, value: 'NANJING' });
  });

  it('reads a time-only cell as its time', () => {
    expect(normaliseText({ kind: 'excel-date', serial: 4 / 24, text: '1899-12-31T04:00:00' })).toEqual({ ok: true, value: '04:00' });
    expect(normaliseText({ kind: 'excel-date', serial: 0.0625 + 30 / 86_400, text: '1899-12-31T01:30:30' })).toEqual({ ok: true, value: '01:30:30' });
    expect(normaliseText({ kind: 'excel-date', serial: 0, text: '1899-12-31' })).toEqual({ ok: true, value: '00:00' });
    expect(normaliseText({ kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' })).toEqual({ ok: true, value: '2024-01-05T12:00:00' });
  });

  it('rejects a formula without a cached result', () => {
    const cell: Cell = { kind: 'formula-without-result', ref: '明细!D2', formula: 'B2*C2' };
    expect(normaliseText(cell)).toEqual({
      ok: false,
      issue: { code: 'formula_without_result', params: { ref: '明细!D2', formula: 'B2*C2' } },
    });
  });

  it('names the source of a shared formula', () => {
    const cell: Cell = { kind: 'formula-without-result', ref: '明细!D3', formula: '', sharedWith: '明细!D2' };
    const result = normaliseText(cell);
    expect(result).toEqual({
      ok: false,
      issue: { code: 'formula_without_result_shared', params: { ref: '明细!D3', source: '明细!D2' } },
    });
    if (result.ok) return;
    expect(formatMessage('zh-CN', result.issue.code, result.issue.params)).toMatch(/^单元格 明细!D3 沿用单元格 明细!D2 的共享公式/);
  });
});

describe('excelNumberToDecimalText', () => {
  it.each<[number, string | undefined]>([
    [0, '0'],
    [-0, '0'],
    [1280.5, '1280.5'],
    [0.1 + 0.2, '0.3'],
    [12.300000000000001, '12.3'],
    [-36, '-36'],
    [1.5e-7, '0.00000015'],
    [1e21, '1000000000000000000000'],
    [123456789012345680, '123456789012346000'],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
  ])('%d → %s', (input, expected) => {
    expect(excelNumberToDecimalText(input)).toBe(expected);
  });
});

describe('percentToFractionText', () => {
  it.each<[string, string | undefined]>([
    ['5%', '0.05'],
    ['5 %', '0.05'],
    ['５％', '0.05'],
    ['５．５％', '0.055'],
    [' 7.3% ', '0.073'],
    ['12.5%', '0.125'],
    ['1.1%', '0.011'],
    ['33.3%', '0.333'],
    ['100%', '1'],
    ['0%', '0'],
    ['0.0001%', '0.000001'],
    ['150%', '1.5'],
    ['-2%', '-0.02'],
    ['5', undefined],
    ['0.05', undefined],
    ['5%%', undefined],
    ['%', undefined],
    ['五%', undefined],
  ])('%s → %s', (input, expected) => {
    expect(percentToFractionText(input)).toBe(expected);
  });
});
