import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  parseBusinessCalendar,
  SlaError,
  type BusinessCalendarInput,
} from '../../../src/tickets/sla/index.js';
import { OFFICE_HOURS } from './support.js';

function listCalendarIssues(input: BusinessCalendarInput): { field: string; code: string }[] {
  try {
    parseBusinessCalendar(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SlaError);
    expect((error as SlaError).code).toBe('sla_calendar_invalid');
    return (error as SlaError).issues.map(({ field, code }) => ({ field, code }));
  }
  throw new Error('expected the calendar to be rejected');
}

describe('parseBusinessCalendar', () => {
  it('defaults to Asia/Shanghai', () => {
    expect(parseBusinessCalendar({}).timeZone).toBe('Asia/Shanghai');
  });

  it('keeps overnight hours on their day', () => {
    const calendar = parseBusinessCalendar({ weeklyHours: { fri: [{ start: '22:00', end: '02:00' }] } });
    expect(calendar.weekly[5]).toEqual([{ start: 1320, end: 1560 }]);
  });

  it('reads 24:00 as the next midnight', () => {
    const calendar = parseBusinessCalendar({ weeklyHours: { sat: [{ start: '00:00', end: '24:00' }] } });
    expect(calendar.weekly[6]).toEqual([{ start: 0, end: 1440 }]);
  });

  it('gives a 调休 day Monday hours by default', () => {
    const calendar = parseBusinessCalendar({
      weeklyHours: { mon: [{ start: '08:00', end: '17:00' }], tue: [{ start: '10:00', end: '19:00' }] },
      extraWorkingDays: ['2024-04-07', { date: '2024-04-28', hoursOf: 'tue' }],
    });
    expect(calendar.overrides['2024-04-07']).toEqual([{ start: 480, end: 1020 }]);
    expect(calendar.overrides['2024-04-28']).toEqual([{ start: 600, end: 1140 }]);
  });

  it('round-trips through JSON', () => {
    const calendar = parseBusinessCalendar({ ...OFFICE_HOURS, holidays: ['2024-05-01'], extraWorkingDays: ['2024-04-28'] });
    const copy = JSON.parse(JSON.stringify(calendar)) as typeof calendar;
    expect(businessMinutesBetween(copy, '2024-04-26T00:00+08:00', '2024-05-03T00:00+08:00')).toBe(
      businessMinutesBetween(calendar, '2024-04-26T00:00+08:00', '2024-05-03T00:00+08:00'),
    );
  });

  it('lists every invalid field at once', () => {
    const issues = listCalendarIssues({
      timeZone: 'Asia/Beijing',
      weeklyHours: {
        mon: [{ start: '9:00', end: '18:00' }],
        tue: [{ start: '09:00', end: '24:30' }],
        wed: [{ start: '24:00', end: '02:00' }],
        thu: [{ start: '10:00', end: '10:00' }],
        funday: [{ start: '10:00', end: '12:00' }],
      } as BusinessCalendarInput['weeklyHours'],
      holidays: ['2024-02-30', '2024-05-01'],
      extraWorkingDays: ['2024-05-01', { date: '2024-05-11', hoursOf: 'sun' }, { date: '2024/05/12' }],
    });
    expect(issues).toEqual([
      { field: 'timeZone', code: 'sla_calendar_time_zone_invalid' },
      { field: 'weeklyHours.funday', code: 'sla_calendar_weekday_invalid' },
      { field: 'weeklyHours.mon[0].start', code: 'sla_calendar_time_invalid' },
      { field: 'weeklyHours.tue[0].end', code: 'sla_calendar_time_invalid' },
      { field: 'weeklyHours.wed[0].start', code: 'sla_calendar_time_invalid' },
      { field: 'weeklyHours.thu[0]', code: 'sla_calendar_hours_empty' },
      { field: 'holidays[0]', code: 'sla_calendar_date_invalid' },
      { field: 'extraWorkingDays[0]', code: 'sla_calendar_date_conflict' },
      { field: 'extraWorkingDays[1]', code: 'sla_calendar_extra_day_without_hours' },
      { field: 'extraWorkingDays[2].date', code: 'sla_calendar_date_invalid' },
    ]);
  });

  it('rejects 24x7 with weekly hours', () => {
    expect(listCalendarIssues({ alwaysOpen: true, weeklyHours: {} })).toEqual([
      { field: 'weeklyHours', code: 'sla_calendar_always_open_with_hours' },
    ]);
  });
});

describe('calendar without working time', () => {
  function catchErrorCode(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(SlaError);
      return (error as SlaError).code;
    }
    return 'no error';
  }

  it('raises instead of looping', () => {
    const closed = parseBusinessCalendar({ weeklyHours: {} });
    expect(catchErrorCode(() => addBusinessMinutes(closed, '2024-03-04T09:00+08:00', 1))).toBe('sla_calendar_no_working_time');
    expect(catchErrorCode(() => addBusinessMinutes(closed, '2024-03-04T09:00+08:00', 0))).toBe('sla_calendar_no_working_time');
  });

  it('raises when a year of holidays closes everything', () => {
    const holidays = Array.from({ length: 400 }, (_, day) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10));
    const calendar = parseBusinessCalendar({ ...OFFICE_HOURS, holidays });
    expect(catchErrorCode(() => addBusinessMinutes(calendar, '2024-01-01T00:00+08:00', 1))).toBe('sla_calendar_no_working_time');
  });

  it('finds working time 365 days ahead', () => {
    const holidays = Array.from({ length: 365 }, (_, day) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10));
    const calendar = parseBusinessCalendar({ timeZone: 'Asia/Shanghai', alwaysOpen: true, holidays });
    expect(addBusinessMinutes(calendar, '2024-01-01T00:00+08:00', 1)).toBe('2024-12-30T16:01:00.000Z');
  });

  it('names the start in the message', () => {
    const closed = parseBusinessCalendar({ weeklyHours: {} });
    expect(() => addBusinessMinutes(closed, '2024-03-04T09:00+08:00', 1)).toThrow('366 days after 2024-03-04T01:00:00.000Z');
  });

  it('raises past the horizon', () => {
    // One hour a year is working time, so the 366-day rule is met but 660 minutes take eleven years.
    const calendar = parseBusinessCalendar({
      weeklyHours: {},
      extraWorkingDays: Array.from({ length: 12 }, (_, year) => ({
        date: `${2024 + year}-06-03`,
        hours: [{ start: '09:00', end: '10:00' }],
      })),
    });
    expect(catchErrorCode(() => addBusinessMinutes(calendar, '2024-01-01T00:00+08:00', 60))).toBe('no error');
    expect(catchErrorCode(() => addBusinessMinutes(calendar, '2024-01-01T00:00+08:00', 660))).toBe('sla_due_beyond_horizon');
  });

  it('rejects fractional minutes', () => {
    expect(catchErrorCode(() => addBusinessMinutes(parseBusinessCalendar(OFFICE_HOURS), '2024-03-04T09:00+08:00', 1.5))).toBe(
      'sla_target_minutes_invalid',
    );
  });
});
