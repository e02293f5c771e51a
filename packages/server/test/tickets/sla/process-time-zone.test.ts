// The clocks must not depend on the time zone of the server process: the same inputs give the
// same results under TZ=UTC, Asia/Shanghai and America/Los_Angeles.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  parseBusinessCalendar,
} from '../../../src/tickets/sla/index.js';
import { alwaysOpen, at, clocksAt, OFFICE_HOURS, targets } from './support.js';

const originalTimeZone = process.env.TZ;

afterEach(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

function results(): unknown {
  const office = parseBusinessCalendar(OFFICE_HOURS);
  const newYorkNight = parseBusinessCalendar({ timeZone: 'America/New_York', weeklyHours: { sat: [{ start: '20:00', end: '04:00' }] } });
  const newYorkOffice = parseBusinessCalendar({
    timeZone: 'America/New_York',
    weeklyHours: { fri: [{ start: '09:00', end: '17:00' }], mon: [{ start: '09:00', end: '17:00' }] },
  });
  const berlin = parseBusinessCalendar({ timeZone: 'Europe/Berlin', weeklyHours: { sat: [{ start: '18:00', end: '03:00' }] } });
  const paused = [at('created', '2024-03-04 09:00'), at('waiting_store', '2024-03-04 10:00'), at('resumed', '2024-03-04 14:00'), at('resolved', '2024-03-04 17:00')];
  const reopened = [
    at('created', '2024-03-04 09:00'),
    at('resolved', '2024-03-04 10:00'),
    at('closed', '2024-03-04 10:30'),
    at('reopened', '2024-03-06 10:00'),
  ];

  return {
    fridayEvening: addBusinessMinutes(office, '2024-03-08T17:30:00+08:00', 240),
    saturday: addBusinessMinutes(office, '2024-03-09T10:00:00+08:00', 240),
    holiday: businessMinutesBetween(
      parseBusinessCalendar({ ...OFFICE_HOURS, holidays: ['2024-04-04', '2024-04-05'], extraWorkingDays: ['2024-04-07'] }),
      '2024-04-03T09:00+08:00',
      '2024-04-08T09:00+08:00',
    ),
    newYorkSpring: businessMinutesBetween(newYorkNight, '2024-03-09T00:00-05:00', '2024-03-11T00:00-04:00'),
    newYorkOffice: addBusinessMinutes(newYorkOffice, '2024-03-08T16:00-05:00', 120),
    berlinAutumn: businessMinutesBetween(berlin, '2024-10-26T00:00+02:00', '2024-10-28T00:00+01:00'),
    paused: clocksAt(paused, '2024-03-04 12:00', { calendar: alwaysOpen, targets: targets({ resolutionMinutes: 480 }) }).resolution,
    reopened: clocksAt(reopened, '2024-03-06 10:30', { calendar: alwaysOpen }).resolution,
    office: clocksAt([at('created', '2024-03-08 17:30')], '2024-03-11 10:00').resolution,
  };
}

describe('process time zone', () => {
  const zones = [
    { tz: 'UTC', offsetMinutes: 0 },
    { tz: 'Asia/Shanghai', offsetMinutes: -480 },
    { tz: 'America/Los_Angeles', offsetMinutes: 480 },
  ];

  it('gives the same results in every process time zone', () => {
    const byZone = zones.map(({ tz, offsetMinutes }) => {
      process.env.TZ = tz;
      // Proves the switch took effect, so the comparison below is not between identical runs.
      expect(new Date('2024-01-15T00:00:00Z').getTimezoneOffset(), tz).toBe(offsetMinutes);
      return results();
    });
    expect(byZone[1]).toEqual(byZone[0]);
    expect(byZone[2]).toEqual(byZone[0]);
  });

  it('gives the expected values under Los Angeles time', () => {
    process.env.TZ = 'America/Los_Angeles';
    const values = results() as Record<string, unknown>;
    expect(values.fridayEvening).toBe('2024-03-11T04:30:00.000Z');
    expect(values.saturday).toBe('2024-03-11T05:00:00.000Z');
    expect(values.holiday).toBe(1080);
    expect(values.newYorkSpring).toBe(420);
    expect(values.newYorkOffice).toBe('2024-03-11T14:00:00.000Z');
    expect(values.berlinAutumn).toBe(600);
    expect(values.paused).toMatchObject({ usedMinutes: 60, remainingMinutes: 420, dueAt: '2024-03-04T11:00:00.000Z' });
    expect(values.reopened).toMatchObject({ usedMinutes: 90, dueAt: '2024-03-06T05:00:00.000Z' });
  });

  it('uses no local-time Date methods', () => {
    const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '../../../src/tickets/sla');
    const localTime =
      /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(|getTimezoneOffset|toLocale\w*\(|toString\(\)|Date\.parse\(|new Date\(\s*\d+\s*,/;
    for (const name of readdirSync(sourceDir).filter((file) => file.endsWith('.ts'))) {
      const lines = readFileSync(join(sourceDir, name), 'utf8').split('\n');
      lines.forEach((line, index) => {
        expect(localTime.test(line), `${name}:${index + 1}: ${line.trim()}`).toBe(false);
      });
    }
  });
});
