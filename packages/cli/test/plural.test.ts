import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../src/files/messages.js';
import { t } from '../src/i18n/index.js';
import { choosePlurals } from '../src/i18n/plural.js';
import '../src/imports/messages.js';

describe('choosePlurals', () => {
  it('picks the singular only for 1', () => {
    const template = '{count} {count:row|rows} {count:was|were} read';
    expect(choosePlurals(template, { count: 1 })).toBe('{count} row was read');
    expect(choosePlurals(template, { count: 0 })).toBe('{count} rows were read');
    expect(choosePlurals(template, { count: '2' })).toBe('{count} rows were read');
  });

  it('leaves a placeholder without its parameter', () => {
    expect(choosePlurals('{count:row|rows}', {})).toBe('{count:row|rows}');
  });
});

describe('English counts', () => {
  it('read "1 row" and "2 rows" in messages', () => {
    const counts = { file: 'a.csv', resource: 'store', job: 7, created: 1, updated: 0, unchanged: 0, rejected: 0 };
    expect(t('en', 'import.summary', { ...counts, received: 1 })).toBe('a.csv → store (job 7): 1 row: 1 created, 0 updated, 0 unchanged, 0 rejected.');
    expect(t('en', 'import.summary', { ...counts, received: 2 })).toContain('(job 7): 2 rows: ');
    expect(t('en', 'import.summary.not_processed', { count: 1, max: 1 })).toBe(
      '1 row was not processed, because the import stopped at the end of the batch in which the limit of 1 rejected record (--max-errors) was reached.',
    );
    expect(formatMessage('en', 'csv_record_too_large', { maxChars: 1 })).toContain('longer than 1 character,');
  });

  it('have no noun after a count that ignores the number', () => {
    const source = join(import.meta.dirname, '..', 'src');
    const slips: string[] = [];
    for (const entry of readdirSync(source, { recursive: true, encoding: 'utf8' })) {
      if (!/(^|\/)(messages|en)\.ts$/.test(entry)) continue;
      for (const [index, line] of readFileSync(join(source, entry), 'utf8').split('\n').entries()) {
        if (/[\u4e00-\u9fff]/.test(line)) continue;
        const match = /\{(?!rate\})\w+\} (rows|lines|records|orders|stores|tickets|differences|items|files|movements|batches|characters|columns)\b|\w\(s\)/.exec(line);
        if (match) slips.push(`${entry}:${index + 1}: ${match[0]}`);
      }
    }
    expect(slips).toEqual([]);
  });
});
