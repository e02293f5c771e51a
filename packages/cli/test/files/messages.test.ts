import { describe, expect, it } from 'vitest';

import { formatIssue, formatMessage, formatReadIssue, messages, type MessageCode } from '../../src/files/messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
  const codes = Object.keys(messages.en) as MessageCode[];

  it('has the same codes in both languages', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s has the same placeholders in both languages', (code) => {
    expect(placeholders(messages['zh-CN'][code])).toEqual(placeholders(messages.en[code]));
  });

  it.each(codes.filter((code) => !code.startsWith('location_')))('%s says what to do or why', (code) => {
    // Every message is a full sentence; the Chinese one uses Chinese punctuation.
    expect(messages.en[code]).toMatch(/[.)]$/);
    expect(messages['zh-CN'][code]).toMatch(/[。）]$/);
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(formatMessage('en', 'amount_invalid', { value: '支出' })).toContain('"支出" is not an amount');
    expect(formatMessage('en', 'sheet_not_found', { sheet: '三月' })).toContain('{sheets}');
  });

  it('puts the line, column and field before the message', () => {
    const issue = { code: 'amount_too_many_decimals' as const, params: { value: '12.345', decimals: 3, max: 2 } };
    expect(formatIssue('zh-CN', issue, { line: 2, column: 3, field: '金额' })).toBe(
      '第 2 行第 3 列（金额）：金额“12.345”有 3 位小数，最多允许 2 位。请更正金额，或为此列选择舍入规则。',
    );
    expect(formatIssue('en', issue, { line: 2, column: 3 })).toBe(
      'Line 2, column 3: "12.345" has 3 decimal places, but at most 2 are allowed. Correct the amount, or choose a rounding rule for this column.',
    );
  });

  it('formats a reading issue with its line', () => {
    const issue = { line: 2, code: 'csv_field_count', params: { line: 2, expected: 11, actual: 12 } };
    expect(formatReadIssue('en', issue)).toMatch(/^Line 2: expected 11 fields, got 12, so the row was not imported\./);
    expect(formatReadIssue('zh-CN', issue)).toMatch(/^第 2 行：应有 11 个字段，实际有 12 个，此行未导入。/);
  });

  it('formats a whole-file issue without a line', () => {
    const issue = { line: 0, code: 'encoding_invalid_bytes', params: { encoding: 'utf-8' } };
    expect(formatReadIssue('en', issue)).toMatch(/^The file contains bytes that are not valid utf-8/);
  });
});
