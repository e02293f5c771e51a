import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMessage, messages } from '../../src/statements/messages.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/gu)].map((match) => match[1] ?? '').sort();

describe('statement messages', () => {
  it('has the same codes in both languages', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it.each(Object.keys(messages.en) as (keyof typeof messages.en)[])('%s uses the same placeholders in both languages', (code) => {
    expect(placeholders(messages['zh-CN'][code])).toEqual(placeholders(messages.en[code]));
  });

  it('has a text for every code the parsers raise', () => {
    const source = fileURLToPath(new URL('../../src/statements/', import.meta.url));
    const files = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(source, file), 'utf8');
      for (const match of text.matchAll(/(?:RowProblem|StatementParseError|warn|quarantine)\(\s*'([a-z-]+)'/gu)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((code) => !(code in messages.en))).toEqual([]);
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(formatMessage('zh-CN', 'amount-missing', { line: 7, column: '手续费' })).toBe('第 7 行：手续费 列没有金额。');
    expect(formatMessage('en', 'amount-missing', { line: 7 })).toBe('Line 7: no amount in column {column}.');
  });

  it('names summary figures in words', () => {
    const params = { item: 'in.count', stated: 1, computed: 5, statedLine: 9 };
    expect(formatMessage('zh-CN', 'summary-mismatch', params)).toBe('对账单第 9 行注明收入笔数为 1，但按明细计算为 5。请检查是否有被修改或缺失的明细。');
    expect(formatMessage('en', 'summary-mismatch', { ...params, item: 'neutral.amount' })).toContain('states the neutral total = 1 on line 9');
    expect(formatMessage('zh-CN', 'summary-mismatch', { ...params, item: 'count' })).toContain('注明笔数为 1');
    expect(formatMessage('zh-CN', 'summary-mismatch', { ...params, item: 'refunds.amount' })).toContain('注明退款金额为 1');
  });

  it('names the totals of a WeChat Pay merchant bill in words', () => {
    const params = { stated: 1, computed: 5, statedLine: 9 };
    const names = [
      ['gross', 'the settled order total', '应结订单总金额'],
      ['refund', 'the refund total', '退款总金额'],
      ['fee', 'the fee total', '手续费总金额'],
      ['orderAmount', 'the order total', '订单总金额'],
    ];
    for (const [item, en, zh] of names) {
      expect(formatMessage('en', 'summary-mismatch', { ...params, item: item! })).toContain(`states ${en} = 1 on line 9`);
      expect(formatMessage('zh-CN', 'summary-mismatch', { ...params, item: item! })).toContain(`注明${zh}为 1`);
    }
  });
});
