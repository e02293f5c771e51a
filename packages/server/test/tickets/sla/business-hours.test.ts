// Business-time arithmetic on store calendars: given a calendar and a start, how many business
// minutes pass, and when a number of them has passed. Times carry their store's UTC offset.
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  nextBusinessInstant,
  parseBusinessCalendar,
  type BusinessCalendarInput,
  type OpeningHours,
  type Weekday,
} from '../../../src/tickets/sla/index.js';
import { OFFICE_HOURS } from './support.js';

function week(hours: Partial<Record<Weekday, string[]>>): Partial<Record<Weekday, OpeningHours[]>> {
  return Object.fromEntries(
    Object.entries(hours).map(([day, spans]) => [
      day,
      spans.map((span) => {
        const [start = '', end = ''] = span.split('-');
        return { start, end };
      }),
    ]),
  );
}

const allWeek = (span: string): Partial<Record<Weekday, string[]>> =>
  Object.fromEntries((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const).map((day) => [day, [span]]));

const calendars = {
  office: OFFICE_HOURS,
  // 清明节 2024: Thursday 4 and Friday 5 April off, Sunday 7 April worked.
  officeQingming: { ...OFFICE_HOURS, holidays: ['2024-04-04', '2024-04-05'], extraWorkingDays: ['2024-04-07'] },
  officeQingmingShortSunday: {
    ...OFFICE_HOURS,
    holidays: ['2024-04-04', '2024-04-05'],
    extraWorkingDays: [{ date: '2024-04-07', hours: [{ start: '09:00', end: '12:00' }] }],
  },
  // A restaurant open until 02:00 after Friday and Saturday.
  lateBar: {
    timeZone: 'Asia/Shanghai',
    weeklyHours: week({ ...allWeek('10:00-22:00'), fri: ['10:00-02:00'], sat: ['10:00-02:00'] }),
  },
  lateBarSaturdayOff: {
    timeZone: 'Asia/Shanghai',
    weeklyHours: week({ ...allWeek('10:00-22:00'), fri: ['10:00-02:00'], sat: ['10:00-02:00'] }),
    holidays: ['2024-03-09'],
  },
  lateBarFridayOff: {
    timeZone: 'Asia/Shanghai',
    weeklyHours: week({ ...allWeek('10:00-22:00'), fri: ['10:00-02:00'], sat: ['10:00-02:00'] }),
    holidays: ['2024-03-08'],
  },
  lunchOnly: { timeZone: 'Asia/Shanghai', weeklyHours: week(allWeek('10:00-14:00')), extraWorkingDays: [] },
  splitShifts: {
    timeZone: 'Asia/Shanghai',
    weeklyHours: Object.fromEntries(
      (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const).map((day) => [
        day,
        [
          { start: '17:00', end: '21:00' },
          { start: '10:00', end: '14:00' },
        ],
      ]),
    ),
  },
  saturdayAllDay: { ...OFFICE_HOURS, weeklyHours: { ...OFFICE_HOURS.weeklyHours, sat: [{ start: '00:00', end: '24:00' }] } },
  alwaysOpenSaturdayOff: { timeZone: 'Asia/Shanghai', alwaysOpen: true, holidays: ['2024-03-09'] },
  newYorkAllDay: { timeZone: 'America/New_York', weeklyHours: week(allWeek('00:00-24:00')) },
  newYorkSaturdayNight: { timeZone: 'America/New_York', weeklyHours: week({ sat: ['20:00-04:00'] }) },
  newYorkOffice: { timeZone: 'America/New_York', weeklyHours: week({ mon: ['09:00-17:00'], fri: ['09:00-17:00'] }) },
  newYorkEarlySunday: { timeZone: 'America/New_York', weeklyHours: week({ sun: ['02:30-06:00'] }) },
  newYorkNightSunday: { timeZone: 'America/New_York', weeklyHours: week({ sun: ['01:30-05:00'] }) },
  berlinSaturdayNight: { timeZone: 'Europe/Berlin', weeklyHours: week({ sat: ['18:00-03:00'] }) },
  berlinOffice: { timeZone: 'Europe/Berlin', weeklyHours: week({ mon: ['09:00-17:00'], fri: ['09:00-17:00'] }) },
  kathmanduOffice: { timeZone: 'Asia/Kathmandu', weeklyHours: week({ mon: ['09:00-18:00'] }) },
} satisfies Record<string, BusinessCalendarInput>;

type CalendarName = keyof typeof calendars;

const iso = (text: string): string => new Date(text).toISOString();

describe('addBusinessMinutes', () => {
  const cases: { name: string; given: { calendar: CalendarName; from: string; minutes: number }; want: string }[] = [
    { name: 'Friday evening to Monday', given: { calendar: 'office', from: '2024-03-08T17:00+08:00', minutes: 120 }, want: '2024-03-11T10:00+08:00' },
    { name: 'Friday closing plus one minute', given: { calendar: 'office', from: '2024-03-08T18:00+08:00', minutes: 1 }, want: '2024-03-11T09:01+08:00' },
    { name: 'zero minutes after closing', given: { calendar: 'office', from: '2024-03-08T18:00+08:00', minutes: 0 }, want: '2024-03-11T09:00+08:00' },
    { name: 'zero minutes while open', given: { calendar: 'office', from: '2024-03-06T12:00+08:00', minutes: 0 }, want: '2024-03-06T12:00+08:00' },
    { name: 'ends at closing, not next opening', given: { calendar: 'office', from: '2024-03-06T09:00+08:00', minutes: 540 }, want: '2024-03-06T18:00+08:00' },
    { name: 'from Saturday', given: { calendar: 'office', from: '2024-03-09T10:00+08:00', minutes: 540 }, want: '2024-03-11T18:00+08:00' },
    { name: 'whole week', given: { calendar: 'office', from: '2024-03-11T09:00+08:00', minutes: 2700 }, want: '2024-03-15T18:00+08:00' },
    { name: 'whole week plus one', given: { calendar: 'office', from: '2024-03-11T09:00+08:00', minutes: 2701 }, want: '2024-03-18T09:01+08:00' },
    { name: 'seconds are kept', given: { calendar: 'office', from: '2024-03-06T12:00:30+08:00', minutes: 10 }, want: '2024-03-06T12:10:30+08:00' },
    { name: 'holidays skipped, 调休 Sunday worked', given: { calendar: 'officeQingming', from: '2024-04-03T17:00+08:00', minutes: 120 }, want: '2024-04-07T10:00+08:00' },
    { name: '调休 with its own hours', given: { calendar: 'officeQingmingShortSunday', from: '2024-04-03T17:00+08:00', minutes: 300 }, want: '2024-04-08T10:00+08:00' },
    { name: 'overnight hours past midnight', given: { calendar: 'lateBar', from: '2024-03-08T23:00+08:00', minutes: 120 }, want: '2024-03-09T01:00+08:00' },
    { name: 'overnight hours then next opening', given: { calendar: 'lateBar', from: '2024-03-08T23:00+08:00', minutes: 240 }, want: '2024-03-09T11:00+08:00' },
    { name: 'between two shifts', given: { calendar: 'splitShifts', from: '2024-03-11T13:30+08:00', minutes: 60 }, want: '2024-03-11T17:30+08:00' },
    { name: 'into a 24-hour Saturday', given: { calendar: 'saturdayAllDay', from: '2024-03-08T17:00+08:00', minutes: 600 }, want: '2024-03-09T09:00+08:00' },
    { name: 'New York office over spring forward', given: { calendar: 'newYorkOffice', from: '2024-03-08T16:00-05:00', minutes: 120 }, want: '2024-03-11T10:00-04:00' },
    { name: 'New York opening inside the skipped hour', given: { calendar: 'newYorkEarlySunday', from: '2024-03-10T00:00-05:00', minutes: 0 }, want: '2024-03-10T03:00-04:00' },
    { name: 'Berlin office over spring forward', given: { calendar: 'berlinOffice', from: '2024-03-29T16:00+01:00', minutes: 120 }, want: '2024-04-01T10:00+02:00' },
    { name: 'Kathmandu quarter-hour offset', given: { calendar: 'kathmanduOffice', from: '2024-03-11T08:00+05:45', minutes: 30 }, want: '2024-03-11T09:30+05:45' },
  ];

  for (const { name, given, want } of cases) {
    it(name, () => {
      const calendar = parseBusinessCalendar(calendars[given.calendar]);
      expect(addBusinessMinutes(calendar, given.from, given.minutes)).toBe(iso(want));
    });
  }
});

describe('businessMinutesBetween', () => {
  const cases: { name: string; given: { calendar: CalendarName; from: string; to: string }; want: number }[] = [
    { name: 'Friday evening to Monday', given: { calendar: 'office', from: '2024-03-08T17:30+08:00', to: '2024-03-11T09:30+08:00' }, want: 60 },
    { name: 'weekend only', given: { calendar: 'office', from: '2024-03-09T10:00+08:00', to: '2024-03-10T20:00+08:00' }, want: 0 },
    { name: 'two full days', given: { calendar: 'office', from: '2024-03-07T08:00+08:00', to: '2024-03-08T20:00+08:00' }, want: 1080 },
    { name: 'end before start', given: { calendar: 'office', from: '2024-03-08T12:00+08:00', to: '2024-03-08T11:00+08:00' }, want: 0 },
    { name: 'seconds rounded down', given: { calendar: 'office', from: '2024-03-08T12:00:40+08:00', to: '2024-03-08T12:02:20+08:00' }, want: 1 },
    { name: 'holidays and 调休', given: { calendar: 'officeQingming', from: '2024-04-03T09:00+08:00', to: '2024-04-08T09:00+08:00' }, want: 1080 },
    { name: 'overnight hours of Friday on Saturday', given: { calendar: 'lateBar', from: '2024-03-09T00:00+08:00', to: '2024-03-09T12:00+08:00' }, want: 240 },
    { name: 'holiday keeps the previous night', given: { calendar: 'lateBarSaturdayOff', from: '2024-03-09T00:00+08:00', to: '2024-03-10T12:00+08:00' }, want: 240 },
    { name: 'holiday closes its own night', given: { calendar: 'lateBarFridayOff', from: '2024-03-08T00:00+08:00', to: '2024-03-09T12:00+08:00' }, want: 120 },
    { name: 'two shifts a day', given: { calendar: 'splitShifts', from: '2024-03-11T12:00+08:00', to: '2024-03-11T18:00+08:00' }, want: 180 },
    { name: 'lunch only, seven days', given: { calendar: 'lunchOnly', from: '2024-03-04T00:00+08:00', to: '2024-03-11T00:00+08:00' }, want: 7 * 240 },
    { name: '24-hour Saturday', given: { calendar: 'saturdayAllDay', from: '2024-03-08T18:00+08:00', to: '2024-03-10T00:00+08:00' }, want: 1440 },
    { name: '24x7 with a holiday', given: { calendar: 'alwaysOpenSaturdayOff', from: '2024-03-08T12:00+08:00', to: '2024-03-10T12:00+08:00' }, want: 1440 },
    { name: 'New York day of spring forward', given: { calendar: 'newYorkAllDay', from: '2024-03-09T12:00-05:00', to: '2024-03-10T12:00-04:00' }, want: 1380 },
    { name: 'New York day of fall back', given: { calendar: 'newYorkAllDay', from: '2024-11-02T12:00-04:00', to: '2024-11-03T12:00-05:00' }, want: 1500 },
    { name: 'New York night over spring forward', given: { calendar: 'newYorkSaturdayNight', from: '2024-03-09T00:00-05:00', to: '2024-03-11T00:00-04:00' }, want: 420 },
    { name: 'New York night over fall back', given: { calendar: 'newYorkSaturdayNight', from: '2024-11-02T00:00-04:00', to: '2024-11-04T00:00-05:00' }, want: 540 },
    { name: 'New York opening in skipped hour', given: { calendar: 'newYorkEarlySunday', from: '2024-03-10T00:00-05:00', to: '2024-03-10T12:00-04:00' }, want: 180 },
    { name: 'New York opening in repeated hour', given: { calendar: 'newYorkNightSunday', from: '2024-11-03T00:00-04:00', to: '2024-11-03T12:00-05:00' }, want: 270 },
    { name: 'New York ordinary Sunday', given: { calendar: 'newYorkNightSunday', from: '2024-11-10T00:00-05:00', to: '2024-11-10T12:00-05:00' }, want: 210 },
    { name: 'Berlin night over spring forward', given: { calendar: 'berlinSaturdayNight', from: '2024-03-30T00:00+01:00', to: '2024-04-01T00:00+02:00' }, want: 480 },
    { name: 'Berlin night over fall back', given: { calendar: 'berlinSaturdayNight', from: '2024-10-26T00:00+02:00', to: '2024-10-28T00:00+01:00' }, want: 600 },
  ];

  for (const { name, given, want } of cases) {
    it(name, () => {
      const calendar = parseBusinessCalendar(calendars[given.calendar]);
      expect(businessMinutesBetween(calendar, given.from, given.to)).toBe(want);
    });
  }
});

describe('business instants', () => {
  const office = parseBusinessCalendar(OFFICE_HOURS);
  const cases: { name: string; given: string; want: { open: boolean; next: string } }[] = [
    { name: 'opening instant', given: '2024-03-11T09:00+08:00', want: { open: true, next: '2024-03-11T09:00+08:00' } },
    { name: 'last minute', given: '2024-03-11T17:59+08:00', want: { open: true, next: '2024-03-11T17:59+08:00' } },
    { name: 'closing instant', given: '2024-03-11T18:00+08:00', want: { open: false, next: '2024-03-12T09:00+08:00' } },
    { name: 'Sunday', given: '2024-03-10T12:00+08:00', want: { open: false, next: '2024-03-11T09:00+08:00' } },
    { name: 'epoch milliseconds', given: String(Date.parse('2024-03-11T01:30:00Z')), want: { open: true, next: '2024-03-11T09:30+08:00' } },
  ];

  for (const { name, given, want } of cases) {
    it(name, () => {
      const instant = /^\d+$/.test(given) ? Number(given) : given;
      expect(isBusinessTime(office, instant)).toBe(want.open);
      expect(nextBusinessInstant(office, instant)).toBe(iso(want.next));
    });
  }
});
