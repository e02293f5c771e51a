import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../../test-support/cli.js';

// An invalid mapping profile stops `boh import` before any request, so no server is needed.

const folder = mkdtempSync(join(tmpdir(), 'boh-mapping-messages-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const rows = join(folder, 'stores.csv');
writeFileSync(rows, 'a,b\n1,2\n');

function profileFile(name: string, profile: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

const wrongTypes = profileFile('wrong-types.json', { resource: 5, fields: { code: { column: 'a', slug: 'yes' }, name: { columns: [] } }, ignore: 'b' });

describe('mapping profile type messages', () => {
  it('names types in Chinese', async () => {
    const result = await runBoh(['import', 'store', rows, '--mapping', wrongTypes], { env: { BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('resource：类型应为文本，实际为数字');
    expect(result.stderr).toContain('fields.code：slug：类型应为布尔值（true 或 false），实际为文本');
    expect(result.stderr).toContain('fields.name.columns：至少需要 1 项');
    expect(result.stderr).toContain('ignore：类型应为列表，实际为文本');
    expect(result.stderr).not.toMatch(/期望|string|array|number/);
  });

  it('names types in English', async () => {
    const result = await runBoh(['import', 'store', rows, '--mapping', wrongTypes], { env: { BOH_LANG: 'en' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('resource: expected text, got a number');
    expect(result.stderr).toContain('fields.name.columns: must have at least 1 item');
    expect(result.stderr).toContain('ignore: expected a list, got text');
  });
});

const checks = profileFile('checks.json', { resource: 'store', fields: { code: { column: 'a', constant: 'x' }, name: { column: 'b', regex: { pattern: '(unclosed' } } } });

describe('mapping profile check messages', () => {
  it('words checks in Chinese', async () => {
    const result = await runBoh(['import', 'store', rows, '--mapping', checks], { env: { BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fields.code：column、columns、constant、line 必须有且只有一项；fields.name.regex.pattern：不是有效的正则表达式');
    expect(result.stderr).not.toContain('; ');
    expect(result.stderr).not.toContain('regular expression');
  });

  it('words checks in English', async () => {
    const result = await runBoh(['import', 'store', rows, '--mapping', checks], { env: { BOH_LANG: 'en' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fields.code: give exactly one of column, columns, constant or line; fields.name.regex.pattern: not a valid regular expression');
  });

  it('names the top level in Chinese', async () => {
    const result = await runBoh(['import', 'store', rows, '--mapping', profileFile('extra.json', { resource: 'store', fields: { code: 'a' }, colour: 'red' })], { env: { BOH_LANG: 'zh-CN' } });
    expect(result.stderr).toContain('（最外层）："colour" 不是已知字段，请检查拼写');
  });
});
