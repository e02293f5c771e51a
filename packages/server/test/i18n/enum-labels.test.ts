import { describe, expect, it } from 'vitest';
import { ApiError, toProblem, validationError } from '../../src/http/api-error.js';
import { CATALOGUES } from '../../src/i18n/catalogues.js';
import { ENUM_PARAMS } from '../../src/i18n/enum-labels.js';
import { interpolate } from '../../src/i18n/format.js';
import type { Language } from '../../src/i18n/language.js';

const detail = (error: ApiError, language: Language) => toProblem(error, language, 'req_test').detail;

describe('status params in messages', () => {
  const cases: { name: string; error: ApiError; en: string; zh: string }[] = [
    {
      name: 'closed period',
      error: new ApiError(409, 'period_closed', { period: '2024-01', status: 'locked' }),
      en: 'Period 2024-01 is locked, so nothing can be posted into it.',
      zh: '会计期间 2024-01 已锁定，不能再过账。',
    },
    {
      name: 'finished ticket',
      error: new ApiError(409, 'ticket_finished', { ticket: 'WO-000007', status: 'resolved' }),
      en: 'Ticket WO-000007 has status "Repaired", so parts and labour can no longer be added.',
      zh: '工单 WO-000007 当前状态为“已修复”，不能再登记配件或工时。',
    },
    {
      name: 'ticket step',
      error: new ApiError(409, 'ticket_transition_invalid', { ticket: 'WO-000007', status: 'closed', to: 'resolved', allowed: ['reopened'] }),
      en: 'Ticket WO-000007 has status "Closed", so it cannot go to "Repaired". Allowed next steps: Reopened.',
      zh: '工单 WO-000007 当前状态为“已关闭”，不能转为“已修复”。允许的下一步：已重新打开。',
    },
    {
      name: 'ticket costs in a closed period',
      error: new ApiError(409, 'ticket_settlement_period_closed', { ticket: 'WO-000007', business_date: '2024-01-31', period: '2024-01', status: 'closed', amount_fen: 100 }),
      en: 'would post into period 2024-01, which is closed.',
      zh: '将过账到会计期间 2024-01，该期间已结账。',
    },
    {
      name: 'finished import job',
      error: new ApiError(409, 'import_job_closed', { id: 7, status: 'completed' }),
      en: 'Import job 7 is completed and accepts no more batches.',
      zh: '导入任务 7 已完成，不再接收批次。',
    },
    {
      name: 'posted stock count',
      error: new ApiError(409, 'stock_count_not_draft', { id: 3, status: 'posted' }),
      en: 'Stock count 3 is posted;',
      zh: '盘点单 3 状态为“已过账”；',
    },
    {
      name: 'matched reconciliation item',
      error: new ApiError(409, 'item_not_resolvable', { id: 12, state: 'matched' }),
      en: 'Item 12 has state "Matched";',
      zh: '明细 12 的状态为“已匹配”；',
    },
    {
      name: 'entry from a subledger',
      error: new ApiError(409, 'entry_from_subledger', { id: 5, source_type: 'stock_waste' }),
      en: 'Entry 5 was posted by stock write-off;',
      zh: '凭证 5 由报损生成；',
    },
  ];

  it.each(cases)('show the label: $name', ({ error, en, zh }) => {
    expect(detail(error, 'en')).toContain(en);
    expect(detail(error, 'zh-CN')).toContain(zh);
  });

  it('keep the raw values in params', () => {
    const error = new ApiError(409, 'ticket_finished', { ticket: 'WO-000007', status: 'resolved' });
    expect(toProblem(error, 'zh-CN', 'req_test').params).toEqual({ ticket: 'WO-000007', status: 'resolved' });
  });

  it('label field issues too', () => {
    const error = validationError([{ field: 'body.lines[0].value_fen', code: 'value_not_allowed', params: { kind: 'waste' } }]);
    expect(toProblem(error, 'zh-CN', 'req_test').errors?.[0]?.message).toBe('body.lines[0].value_fen: 报损单据按移动加权平均成本计价；请勿填写金额');
  });

  it('are listed for every message with a status or state', () => {
    const unlabelled: string[] = [];
    for (const catalogue of CATALOGUES) {
      for (const [key, text] of Object.entries(catalogue['zh-CN'])) {
        const code = /^error\.(\w+)\.detail$/.exec(key)?.[1] ?? /^field\.(\w+)$/.exec(key)?.[1] ?? key;
        for (const [, name] of text.matchAll(/\{(status|state|source_type)\}/g)) {
          if (ENUM_PARAMS[code]?.[name!] === undefined) unlabelled.push(`${key}: {${name}}`);
        }
      }
    }
    expect(unlabelled).toEqual([]);
  });
});

describe('English plurals in server messages', () => {
  it('pick the word by the count', () => {
    const template = '{count} {count:order|orders}';
    expect(interpolate(template, { count: 1 })).toBe('1 order');
    expect(interpolate(template, { count: 0 })).toBe('0 orders');
    expect(interpolate(template, { count: 2 })).toBe('2 orders');
  });

  it('have no "(s)" after a count', () => {
    const slips = CATALOGUES.flatMap((catalogue) => Object.entries(catalogue.en).filter(([, text]) => /\w\(s\)/.test(text)).map(([key]) => key));
    expect(slips).toEqual([]);
  });
});
