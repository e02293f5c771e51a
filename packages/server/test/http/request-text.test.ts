import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../src/http/api-error.js';
import { cleanRequestText } from '../../src/http/request-text.js';

function clean(value: unknown): { value: unknown; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  return { value: cleanRequestText(value, 'body', issues), issues };
}

describe('cleanRequestText', () => {
  it('trims strings at every depth', () => {
    const { value, issues } = clean({ name: ' a ', lines: [{ memo: ' b', line: 1 }, ' c '], tags: [[' d ']], note: null });
    expect(value).toEqual({ name: 'a', lines: [{ memo: 'b', line: 1 }, 'c'], tags: [['d']], note: null });
    expect(issues).toEqual([]);
  });

  it('trims a top-level string', () => {
    expect(clean('  x ').value).toBe('x');
  });

  it('names the field of a nested control character', () => {
    const { issues } = clean({ lines: [{ memo: 'ok' }, { memo: 'a\u001bb' }] });
    expect(issues).toEqual([{ field: 'body.lines[1].memo', code: 'control_character', params: { code_point: 'U+001B' } }]);
  });

  it('names the index of a string in an array', () => {
    const { issues } = clean({ tags: ['ok', 'ok', 'a\u0000'] });
    expect(issues).toEqual([{ field: 'body.tags[2]', code: 'control_character', params: { code_point: 'U+0000' } }]);
  });

  it('names a lone surrogate in nested arrays', () => {
    const { issues } = clean({ grid: [['ok'], ['ok', '\ud800x']] });
    expect(issues).toEqual([{ field: 'body.grid[1][1]', code: 'invalid_unicode' }]);
  });

  it('reports each bad string once, in order', () => {
    const { issues } = clean({ a: '\u0007', b: [{ c: '\udc00' }], d: 'fine' });
    expect(issues.map((issue) => issue.field)).toEqual(['body.a', 'body.b[0].c']);
  });

  it('reports a top-level string under the root', () => {
    const { issues } = clean('\u0001');
    expect(issues).toEqual([{ field: 'body', code: 'control_character', params: { code_point: 'U+0001' } }]);
  });

  it('accepts a surrogate pair', () => {
    const { value, issues } = clean({ name: ' 😀 ' });
    expect(value).toEqual({ name: '😀' });
    expect(issues).toEqual([]);
  });
});
