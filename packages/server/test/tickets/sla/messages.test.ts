import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSlaMessage, messages, SlaError, summarizeClock, type SlaClock } from '../../../src/tickets/sla/index.js';
import { alwaysOpen, at, clocksAt, targets } from './support.js';

const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '../../../src/tickets/sla');
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('message catalogue', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('has the same placeholders in both languages', () => {
    for (const [key, english] of Object.entries(messages.en)) {
      const chinese = (messages['zh-CN'] as Record<string, string>)[key] ?? '';
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
  });

  it('has a message for every code the sources raise', () => {
    const sources = readdirSync(sourceDir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(sourceDir, name), 'utf8'))
      .join('\n');
    const codes = new Set([...sources.matchAll(/'(sla_[a-z_]+)'/g)].map((match) => match[1]!));
    expect(codes.size).toBeGreaterThan(20);
    for (const code of codes) expect(messages.en, code).toHaveProperty([`error.${code}`]);
  });

  it('uses the field terms in Chinese', () => {
    const chinese = Object.values(messages['zh-CN']).join('\n');
    for (const term of ['响应时限', '解决时限', '暂停', '超时', '营业时间', '重新打开']) expect(chinese).toContain(term);
  });
});

describe('formatSlaMessage', () => {
  it('translates pause reasons and states', () => {
    expect(formatSlaMessage('zh-CN', 'error.sla_event_already_paused', { index: 3, reason: 'parts' })).toBe(
      '第 3 个事件因等待配件暂停计时，但计时已因等待配件暂停。',
    );
    expect(formatSlaMessage('en', 'error.sla_event_invalid_transition', { index: 2, type: 'waiting_parts', state: 'closed' })).toBe(
      'Event 2 (waiting_parts) is not allowed while the ticket is closed.',
    );
  });

  it('builds the English message of an SlaError', () => {
    const error = new SlaError('sla_calendar_time_zone_invalid', { value: 'Asia/Beijing' });
    expect(error.message).toBe('sla_calendar_time_zone_invalid: Time zone "Asia/Beijing" is not an IANA time zone. Use a name such as Asia/Shanghai.');
  });
});

describe('summarizeClock', () => {
  const events = [at('created', '2024-03-04 09:00'), at('waiting_parts', '2024-03-04 10:00')];
  const clock = (now: string): SlaClock => clocksAt(events, now, { calendar: alwaysOpen, targets: targets({ resolutionMinutes: 240 }) }).resolution;

  it('describes a paused clock in Chinese', () => {
    expect(summarizeClock('zh-CN', 'resolution', clock('2024-03-04 12:00'), 'Asia/Shanghai', ['parts'])).toBe(
      '解决时限暂停（等待配件）：剩余 180 分钟。',
    );
  });

  it('describes a running clock in local time', () => {
    const running = clocksAt([at('created', '2024-03-04 09:00')], '2024-03-04 09:30', { calendar: alwaysOpen }).resolution;
    expect(summarizeClock('en', 'resolution', running, 'Asia/Shanghai')).toBe('Resolution time limit: 210 min left, due 2024-03-04 13:00.');
    expect(summarizeClock('zh-CN', 'resolution', running, 'Asia/Shanghai')).toBe('解决时限：剩余 210 分钟，截止 2024-03-04 13:00。');
  });

  it('describes a breach', () => {
    const breached = clocksAt([at('created', '2024-03-04 09:00')], '2024-03-04 09:45', { calendar: alwaysOpen }).response;
    expect(summarizeClock('zh-CN', 'response', breached, 'Asia/Shanghai')).toBe('响应时限已于 2024-03-04 09:30 超时，超出 15 分钟。');
  });
});
