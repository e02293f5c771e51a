import { describe, expect, it } from 'vitest';
import { entrySummary } from '../../src/ledger/entries.js';

// The summary (摘要) of a reconciliation write-off entry names the channel by its label.

const entry = (memo: string) => ({ source_type: 'reconciliation_write_off', source_ref: 'rec_1/run-1', store_code: null, entry_date: '2026-11-30', document_count: 2, memo });

describe('write-off entry summary', () => {
  it('labels the bank channel in Chinese', () => {
    expect(entrySummary(entry('bank 2026-11'), 'zh-CN')).toBe('银行对账差异核销（2026-11）');
  });

  it('labels a payment channel in English', () => {
    expect(entrySummary(entry('wechat 2026-11'), 'en')).toBe('Write-off of WeChat Pay reconciliation differences, 2026-11');
  });
});
