import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/i18n/catalogues.js';
import { negotiateLanguage } from '../../src/i18n/language.js';
import { en as cliEn } from '../../../cli/src/i18n/en.js';
import { zhCN as cliZh } from '../../../cli/src/i18n/zh-CN.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe.each([
  ...CATALOGUES.map((c, i) => ({ name: `server #${i}`, en: c.en as Record<string, string>, zh: c['zh-CN'] as Record<string, string> })),
  { name: 'cli', en: cliEn as Record<string, string>, zh: cliZh as Record<string, string> },
])('$name catalogue', ({ en, zh }) => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
  });

  it('has Chinese text in every zh-CN message that has words', () => {
    const untranslated = Object.entries(zh).filter(([, text]) => /[a-z]{4,}/i.test(text.replace(/\{\w+\}|`[^`]*`|--[\w-]+|[A-Z_]{3,}|https?:\S+/g, '')) && !hasChinese(text));
    expect(untranslated).toEqual([]);
  });
});

describe('server catalogues', () => {
  it('has no key that another catalogue also defines', () => {
    const seen = new Map<string, number>();
    CATALOGUES.forEach((catalogue, index) => {
      for (const key of Object.keys(catalogue.en)) {
        expect(seen.get(key), `${key} in catalogues ${seen.get(key)} and ${index}`).toBeUndefined();
        seen.set(key, index);
      }
    });
  });

});

describe('negotiateLanguage', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh;q=0.8', 'en'],
    ['fr-FR,zh;q=0.5', 'zh-CN'],
    ['fr-FR', 'en'],
    ['en;q=0.1,zh;q=0.9', 'zh-CN'],
    ['zh;q=0, en', 'en'],
  ];
  it.each(cases)('%s → %s', (header, want) => {
    expect(negotiateLanguage(header, 'en')).toBe(want);
  });
});
