import { describe, expect, it } from 'vitest';
import { loadDefinitions, parseDefinition, reportTemplatesDir } from '../../src/reports/definitions/load.js';
import { evaluateExpression, expressionSql, parseExpression } from '../../src/reports/engine/expression.js';

const text = (en: string) => ({ en, 'zh-CN': en });
const measure = (extra: Record<string, unknown>) => ({ key: 'sales_fen', label: text('Sales'), type: 'money_fen', source: 'sales_daily', sum: 'net_fen - refund_fen', ...extra });
const definition = (section: Record<string, unknown>) => ({ report: 'test', title: text('Test'), description: text('Test'), sections: [{ key: 'main', title: text('Main'), dimensions: ['store'], ...section }] });

describe('report definitions', () => {
  it('load from the templates folder', () => {
    const names = [...loadDefinitions(reportTemplatesDir()).keys()];
    expect(names).toEqual(['cash', 'inventory', 'labour-cost', 'maintenance', 'overview', 'procurement-trend', 'reconciliation-status', 'store-performance', 'store-pnl']);
  });

  it('list every problem with its field', () => {
    const bad = definition({
      dimensions: ['store', 'hour'],
      measures: [
        measure({ sum: 'net_fen - price_fen' }),
        { key: 'ratio', label: text('Ratio'), type: 'percent', formula: 'later / sales_fen' },
        { key: 'later', label: { en: 'Later' }, type: 'text', source: 'nowhere', sum: '1' },
      ],
    });
    const error = (() => {
      try {
        parseDefinition(bad, 'test.json');
      } catch (caught) {
        return (caught as Error).message;
      }
      return '';
    })();
    expect(error).toContain('sections[0].measures[0].sum "price_fen" is not a numeric column of sales_daily');
    expect(error).toContain('sections[0].measures[0].source sales_daily cannot be grouped by hour');
    expect(error).toContain('sections[0].measures[1].formula "later" is not an earlier measure');
    expect(error).toContain('sections[0].measures[2].label must have non-empty "en" and "zh-CN" texts');
    expect(error).toContain('sections[0].measures[2].type must be one of integer, money_fen, decimal, percent');
    expect(error).toContain('sections[0].measures[2].source must be one of');
  });

  it('reject a KPI of a section without totals', () => {
    const bad = { ...definition({ measures: [measure({})] }), kpis: [{ section: 'main', measure: 'sales_fen' }] };
    expect(() => parseDefinition(bad, 'test.json')).toThrow('kpis[0].section "main" needs "totals": true');
  });
});

describe('report expressions', () => {
  it('compile sums to SQL without division', () => {
    expect(expressionSql(parseExpression('net_fen - (refund_fen + -tax_fen) * 2'), (name) => `t.${name}`)).toBe('(t.net_fen - ((t.refund_fen + (-t.tax_fen)) * 2))');
    expect(() => expressionSql(parseExpression('net_fen / 2'), (name) => name)).toThrow('sums cannot divide');
  });

  it('leave a ratio empty without a denominator', () => {
    const values = { a: 10, b: 0, c: null } as Record<string, number | null>;
    expect(evaluateExpression(parseExpression('a / 4'), (name) => values[name]!)).toBe(2.5);
    expect(evaluateExpression(parseExpression('a / b'), (name) => values[name]!)).toBeNull();
    expect(evaluateExpression(parseExpression('a + c'), (name) => values[name] ?? null)).toBeNull();
  });

  it('name the position of a bad character', () => {
    expect(() => parseExpression('net_fen ; 1')).toThrow('unexpected character at position 9');
    expect(() => parseExpression('(net_fen')).toThrow('expected ")"');
  });
});
