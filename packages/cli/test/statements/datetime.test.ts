import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDateOf, zonedToEpoch } from '../../src/statements/datetime.js';
import { DATE_TIME_FORMATS, resolveWhen, TIME_FORMATS } from '../../src/statements/when.js';

const shanghai = { timeZone: 'Asia/Shanghai', periodEnd: undefined };

describe('resolveWhen', () => {
  const cases: { date: string; time?: string; formats?: string[]; occurredAt: string | null; businessDate: string }[] = [
    { date: '2024-01-05 12:30:11', occurredAt: '2024-01-05T04:30:11Z', businessDate: '2024-01-05' },
    { date: '2024-01-05 00:10:00\t', occurredAt: '2024-01-04T16:10:00Z', businessDate: '2024-01-05' },
    { date: '2025/12/03  14:06:51', occurredAt: '2025-12-03T06:06:51Z', businessDate: '2025-12-03' },
    { date: '2024-01-31T16:10:00Z', occurredAt: '2024-01-31T16:10:00Z', businessDate: '2024-02-01' },
    { date: '2024-01-31 23:30:00+08:00', occurredAt: '2024-01-31T15:30:00Z', businessDate: '2024-01-31' },
    { date: '20240101', time: '123456', formats: ['YYYYMMDD'], occurredAt: '2024-01-01T04:34:56Z', businessDate: '2024-01-01' },
    { date: '20240103', time: '', formats: ['YYYYMMDD'], occurredAt: null, businessDate: '2024-01-03' },
  ];
  it.each(cases)('reads $date $time', ({ date, time, formats, occurredAt, businessDate }) => {
    expect(resolveWhen(date, time, formats ?? DATE_TIME_FORMATS, TIME_FORMATS, shanghai)).toEqual({ ok: true, occurredAt, businessDate });
  });

  const invalid: { date: string; time?: string; formats?: string[]; code: string }[] = [
    { date: '2024-02-30 10:00:00', code: 'date-invalid' },
    { date: '2024-01-05 24:00:00', code: 'date-invalid' },
    { date: '05/01/2024 10:00:00', code: 'date-invalid' },
    { date: '2024-01-05', time: '99:00', formats: ['YYYY-MM-DD'], code: 'time-invalid' },
    { date: '12/29', formats: ['MM/DD'], code: 'date-without-year' },
  ];
  it.each(invalid)('rejects $date $time', ({ date, time, formats, code }) => {
    expect(resolveWhen(date, time, formats ?? DATE_TIME_FORMATS, TIME_FORMATS, shanghai)).toMatchObject({ ok: false, code });
  });

  it('infers the year of a month and day from the period end', () => {
    const context = { timeZone: 'Asia/Shanghai', periodEnd: '2024-01-31' };
    expect(resolveWhen('12/29', undefined, ['MM/DD'], TIME_FORMATS, context)).toMatchObject({ businessDate: '2023-12-29' });
    expect(resolveWhen('01/31', undefined, ['MM/DD'], TIME_FORMATS, context)).toMatchObject({ businessDate: '2024-01-31' });
  });

  it('reads spreadsheet date cells as wall-clock time', () => {
    const cell = { kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' } as const;
    expect(resolveWhen(cell, undefined, DATE_TIME_FORMATS, TIME_FORMATS, shanghai)).toEqual({
      ok: true,
      occurredAt: '2024-01-05T04:00:00Z',
      businessDate: '2024-01-05',
    });
  });
});

describe('zones', () => {
  it('converts across a daylight-saving change', () => {
    // 2024-03-10 02:30 does not exist in Los Angeles; 03:30 is PDT (UTC−7).
    const epoch = zonedToEpoch({ year: 2024, month: 3, day: 10 }, { hour: 3, minute: 30, second: 0 }, 'America/Los_Angeles');
    expect(new Date(epoch).toISOString()).toBe('2024-03-10T10:30:00.000Z');
    expect(localDateOf(Date.UTC(2024, 0, 31, 16, 10), 'Asia/Shanghai')).toBe('2024-02-01');
  });

  it('accepts IANA names and fixed offsets only', () => {
    expect([isValidTimeZone('Asia/Shanghai'), isValidTimeZone('+08:00'), isValidTimeZone('UTC+8'), isValidTimeZone('Mars/Olympus')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
