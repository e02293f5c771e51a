import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseLocalDateTime, zonedWallClockToEpochMs } from '../../src/files/date-time.js';
import type { Cell } from '../../src/files/types.js';
import { PROCESS_TIME_ZONES, withProcessTimeZone } from './helpers.js';

function instantOf(cell: Cell, timeZone?: string): string {
  const result = parseLocalDateTime(cell, timeZone === undefined ? {} : { timeZone });
  return result.ok ? result.value : result.issue.code;
}

const CASES: [string, Cell, string | undefined, string][] = [
  ['restaurant order time', '2016/8/3 14:01:13', undefined, '2016-08-03T06:01:13.000Z'],
  ['payment bill time', '2024-01-05 12:30:11', undefined, '2024-01-05T04:30:11.000Z'],
  ['bank time with two spaces', '2025/12/03  14:06:51', undefined, '2025-12-03T06:06:51.000Z'],
  ['minutes only', '2024-01-31 23:30', undefined, '2024-01-31T15:30:00.000Z'],
  ['just after midnight', '2024-02-01 00:10', undefined, '2024-01-31T16:10:00.000Z'],
  ['milliseconds', '2024-01-05 12:30:11.250', undefined, '2024-01-05T04:30:11.250Z'],
  ['Chinese form', '2024年1月5日 12时30分11秒', undefined, '2024-01-05T04:30:11.000Z'],
  ['full-width digits', '２０２４-０１-０５ １２:３０', undefined, '2024-01-05T04:30:00.000Z'],
  ['explicit Z', '2024-01-31T15:30:00Z', undefined, '2024-01-31T15:30:00.000Z'],
  ['explicit offset', '2024-01-31T23:30:00+08:00', 'America/Los_Angeles', '2024-01-31T15:30:00.000Z'],
  ['offset without colon', '2024-01-31 23:30:00 +0800', undefined, '2024-01-31T15:30:00.000Z'],
  ['UTC zone', '2024-01-05 12:30:11', 'UTC', '2024-01-05T12:30:11.000Z'],
  ['Los Angeles in winter', '2024-01-05 12:30:11', 'America/Los_Angeles', '2024-01-05T20:30:11.000Z'],
  ['Los Angeles in summer', '2024-07-05 12:30:11', 'America/Los_Angeles', '2024-07-05T19:30:11.000Z'],
  ['Shanghai daylight saving of 1988', '1988-07-01 12:00', undefined, '1988-07-01T03:00:00.000Z'],
  ['workbook datetime cell', { kind: 'excel-date', serial: 45296.5, text: '2024-01-05T12:00:00' }, undefined, '2024-01-05T04:00:00.000Z'],
  ['workbook date cell is midnight', { kind: 'excel-date', serial: 45296, text: '2024-01-05' }, undefined, '2024-01-04T16:00:00.000Z'],
  ['serial number', 45322.979166666664, undefined, '2024-01-31T15:30:00.000Z'],
  ['fall-back hour takes the earlier instant', '2024-11-03 01:30', 'America/Los_Angeles', '2024-11-03T08:30:00.000Z'],
  ['spring-forward gap', '2024-03-10 02:30', 'America/Los_Angeles', 'date_time_nonexistent'],
  ['date without time', '2024-01-05', undefined, 'date_time_missing_time'],
  ['invalid time', '2024-01-05 24:00', undefined, 'time_invalid'],
  ['invalid date', '2024-02-30 12:00', undefined, 'date_nonexistent'],
  ['ambiguous day and month', '05/01/2024 12:00', undefined, 'date_ambiguous'],
  ['unknown zone', '2024-01-05 12:00', 'Asia/Beijing', 'time_zone_unknown'],
  ['boolean', false, undefined, 'date_time_invalid'],
  ['time-only cell', { kind: 'excel-date', serial: 0.5, text: '1899-12-31T12:00:00' }, undefined, 'date_time_only'],
  ['empty', ' ', undefined, 'value_missing'],
];

describe('parseLocalDateTime', () => {
  for (const zone of PROCESS_TIME_ZONES) {
    describe(`under TZ=${zone}`, () => {
      it.each(CASES)('%s: %j in %s → %s', async (_name, input, timeZone, expected) => {
        await withProcessTimeZone(zone, () => {
          expect(instantOf(input, timeZone)).toBe(expected);
        });
      });
    });
  }

  it('reads a declared day-first date', () => {
    expect(parseLocalDateTime('05/01/2024 12:00', { order: 'DMY' })).toEqual({ ok: true, value: '2024-01-05T04:00:00.000Z' });
  });

  it('names the value and the zone of a skipped local time', () => {
    expect(parseLocalDateTime('2024-03-10 02:30', { timeZone: 'America/Los_Angeles' })).toEqual({
      ok: false,
      issue: { code: 'date_time_nonexistent', params: { value: '2024-03-10 02:30', timeZone: 'America/Los_Angeles' } },
    });
  });
});

describe('zonedWallClockToEpochMs', () => {
  it('inverts formatting in the zone for every instant', () => {
    for (const timeZone of ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns']) {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2040, 0, 1) }), (epochMs) => {
          const instant = Math.floor(epochMs / 1000) * 1000;
          const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
          const date = { year: parts.year!, month: parts.month!, day: parts.day! };
          const time = { hour: parts.hour!, minute: parts.minute!, second: parts.second!, millisecond: 0 };
          const found = zonedWallClockToEpochMs(date, time, timeZone);
          // A repeated local time maps to its first occurrence, which is at or before the instant.
          expect(found).toBeDefined();
          expect(found!).toBeLessThanOrEqual(instant);
          if (found !== instant) expect(format.format(new Date(found!))).toBe(format.format(new Date(instant)));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('stays exact minute by minute across transitions', () => {
    // St. John's changes at 02:00 local time, half past a UTC hour; Lord Howe moves by 30 minutes.
    for (const [timeZone, day] of [['America/St_Johns', Date.UTC(2024, 2, 10)], ['America/St_Johns', Date.UTC(2024, 10, 3)], ['Australia/Lord_Howe', Date.UTC(2024, 3, 6)]] as const) {
      const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      for (let instant = day; instant < day + 86_400_000; instant += 60_000) {
        const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
        const found = zonedWallClockToEpochMs({ year: parts.year!, month: parts.month!, day: parts.day! }, { hour: parts.hour!, minute: parts.minute!, second: 0, millisecond: 0 }, timeZone);
        expect(format.format(new Date(found!))).toBe(format.format(new Date(instant)));
      }
    }
  });
});
