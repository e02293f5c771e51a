import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeMessages } from '../src/commands/close/messages.js';
import { ledgerMessages } from '../src/commands/ledger/messages.js';
import { registerMessages, t } from '../src/i18n/index.js';

registerMessages(closeMessages);
registerMessages(ledgerMessages);

const PACKAGES = join(import.meta.dirname, '..', '..');

/** Every message catalogue of the CLI and the server: `messages.ts` files and the i18n tables. */
function catalogueFiles(): string[] {
  const files: string[] = [];
  for (const root of ['cli/src', 'server/src']) {
    for (const entry of readdirSync(join(PACKAGES, root), { recursive: true, encoding: 'utf8' })) {
      if (/(^|\/)(messages|zh-CN)\.ts$/.test(entry)) files.push(join(PACKAGES, root, entry));
    }
  }
  return files;
}

// Chinese words that repeat a character on purpose: 增值税税率 (VAT rate), 正数数量 (positive
// quantity), 所有有库存 (all that have stock), 超时时间 (timeout).
const INTENDED = ['税税', '数数', '有有', '时时'];

describe('zh-CN catalogues', () => {
  it('repeat no character by mistake', () => {
    const slips: string[] = [];
    for (const file of catalogueFiles()) {
      for (const [index, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        for (const match of line.matchAll(/([\u4e00-\u9fff])\1/g)) {
          if (!INTENDED.includes(match[0])) slips.push(`${file}:${index + 1}: ${match[0]}`);
        }
      }
    }
    expect(catalogueFiles().length).toBeGreaterThan(20);
    expect(slips).toEqual([]);
  });

  it('call mapping profiles 字段对应文件', () => {
    const root = join(PACKAGES, '..');
    const guides = readdirSync(join(root, 'docs/zh-CN')).map((name) => join(root, 'docs/zh-CN', name));
    const readmes = ['README.zh-CN.md', 'templates/imports/README.zh-CN.md', 'templates/statements/README.zh-CN.md'].map((name) => join(root, name));
    const others: string[] = [];
    for (const file of [...catalogueFiles(), ...guides, ...readmes]) {
      for (const [index, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        if (/映射配置|映射方案/.test(line)) others.push(`${file}:${index + 1}`);
      }
    }
    expect(guides.length).toBeGreaterThan(5);
    expect(others).toEqual([]);
  });

  it('say a closed or locked period once', () => {
    for (const status of ['closed', 'locked']) {
      const label = t('zh-CN', `ledger.status.${status}`);
      const line = t('zh-CN', 'close.closed', { period: '2026-11', status: label });
      expect(line).toBe(`期间 2026-11 ${label}，期末快照已保存。`);
      expect(line).not.toMatch(/([\u4e00-\u9fff])\1/);
    }
  });
});
