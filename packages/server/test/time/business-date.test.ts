import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDays, businessDate, localTime, periodOf } from '../../src/time/business-date.js';

describe('businessDate', () => {
  const cases: { name: string; instant: string; zone: string; cutoff: string; want: string }[] = [
    { name: 'midday in Shanghai', instant: '2024-01-05T04:30:00Z', zone: 'Asia/Shanghai', cutoff: '00:00', want: '2024-01-05' },
    { name: '00:30 local belongs to that day', instant: '2024-01-04T16:30:00Z', zone: 'Asia/Shanghai', cutoff: '00:00', want: '2024-01-05' },
    { name: '01:30 local with 04:00 cutoff is the previous day', instant: '2024-01-05T17:30:00Z', zone: 'Asia/Shanghai', cutoff: '04:00', want: '2024-01-05' },
    { name: '04:00 local with 04:00 cutoff starts the day', instant: '2024-01-05T20:00:00Z', zone: 'Asia/Shanghai', cutoff: '04:00', want: '2024-01-06' },
    { name: '03:59 local with 04:00 cutoff', instant: '2024-01-05T19:59:00Z', zone: 'Asia/Shanghai', cutoff: '04:00', want: '2024-01-05' },
    { name: 'offset in the instant is honoured', instant: '2024-03-01T01:00:00+08:00', zone: 'Asia/Shanghai', cutoff: '02:00', want: '2024-02-29' },
    { name: 'New York in summer time', instant: '2024-07-04T03:30:00Z', zone: 'America/New_York', cutoff: '00:00', want: '2024-07-03' },
    { name: 'UTC', instant: '2024-12-31T23:59:59Z', zone: 'UTC', cutoff: '00:00', want: '2024-12-31' },
    { name: 'New York in winter time', instant: '2025-01-01T17:30:00Z', zone: 'America/New_York', cutoff: '00:00', want: '2025-01-01' },
    // Clocks jumped from 02:00 to 03:00 that night: 04:30 on the wall clock is past the cut-off,
    // though only three hours have passed since midnight.
    { name: 'the cut-off is read on the wall clock on a daylight-saving day', instant: '2024-03-10T08:30:00Z', zone: 'America/New_York', cutoff: '04:00', want: '2024-03-10' },
  ];
  it.each(cases)('$name', ({ instant, zone, cutoff, want }) => {
    expect(businessDate(instant, zone, cutoff)).toBe(want);
  });

  it('rejects a malformed cutoff and instant', () => {
    expect(() => businessDate('2024-01-05T00:00:00Z', 'Asia/Shanghai', '4:00')).toThrow(/HH:MM/);
    expect(() => businessDate('yesterday', 'Asia/Shanghai', '00:00')).toThrow(/ISO 8601/);
  });

  it('gives the local hour on the wall clock', () => {
    expect(localTime('2024-01-05T17:30:00Z', 'Asia/Shanghai')).toEqual({ date: '2024-01-06', hour: 1, minute: 30 });
  });

  it('steps over month ends', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(periodOf('2024-02-29')).toBe('2024-02');
  });
});

// Field case B22, rebuilt: three payments around the end of January, in Shanghai time.
describe('month end in Shanghai time', () => {
  const rows = [
    ['T1', '2024-01-31T15:30:00Z'],
    ['T2', '2024-01-31T16:10:00Z'],
    ['T3', '2024-01-31T00:05:00Z'],
  ];

  it('puts each payment in its local month', () => {
    const months = rows.map(([id, at]) => [id, periodOf(businessDate(at!, 'Asia/Shanghai', '00:00'))]);
    expect(months).toEqual([['T1', '2024-01'], ['T2', '2024-02'], ['T3', '2024-01']]);
  });

  it.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles'])('gives the same dates with TZ=%s', (tz) => {
    const script = fileURLToPath(new URL('./print-business-dates.mjs', import.meta.url));
    const output = execFileSync(process.execPath, [script, ...rows.map((r) => r[1]!)], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    expect(output.trim().split('\n')).toEqual(['2024-01-31', '2024-02-01', '2024-01-31']);
  });
});
