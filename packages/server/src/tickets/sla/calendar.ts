import { formatIsoDate, parseIsoDate } from './civil-date.js';
import { validationError, type SlaIssue } from './sla-error.js';
import { isValidTimeZone } from './zone.js';

/** Weekday keys in the order of `Date#getUTCDay`, so index 0 is Sunday. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Business hours within one business day, as local `HH:MM`. An end at or before the start runs
 * past midnight into the next day (22:00–02:00), and `24:00` ends at the next midnight.
 */
export interface OpeningHours {
  start: string;
  end: string;
}

/**
 * A date that is a working day although its weekday is not (调休). It takes the hours given in
 * `hours`, else those of the weekday `hoursOf`, which defaults to Monday.
 */
export interface ExtraWorkingDay {
  date: string;
  hoursOf?: Weekday;
  hours?: readonly OpeningHours[];
}

/** A store's business calendar as it is configured; all dates and hours are local to `timeZone`. */
export interface BusinessCalendarInput {
  /** IANA time zone of the store; Asia/Shanghai when absent. */
  timeZone?: string;
  /** Every minute is business time (24×7). Holidays still close their dates. */
  alwaysOpen?: boolean;
  /** Hours per weekday; a weekday that is absent or has an empty list is closed. */
  weeklyHours?: Partial<Record<Weekday, readonly OpeningHours[]>>;
  /**
   * Closed dates as `YYYY-MM-DD`. A holiday closes the hours that start on it; hours of the day
   * before that run past midnight into it are kept.
   */
  holidays?: readonly string[];
  /** Working dates as `YYYY-MM-DD`, or with the hours they take; they replace the weekday's hours. */
  extraWorkingDays?: readonly (string | ExtraWorkingDay)[];
}

/** Business hours as minutes after the local midnight of the business day; `end` may pass 1440. */
export interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A validated calendar, made by `parseBusinessCalendar`. It is plain data, so it can be stored
 * and sent as JSON. A holiday or an extra working day is a date override: holidays have no hours.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  /** Hours per weekday, index 0 being Sunday. */
  readonly weekly: readonly (readonly MinuteRange[])[];
  /** Hours of dates that differ from their weekday, keyed by `YYYY-MM-DD`. */
  readonly overrides: Readonly<Record<string, readonly MinuteRange[]>>;
}

const MINUTES_PER_DAY = 1440;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

/**
 * Validate a calendar and convert it to the form the clock functions take. Raises SlaError
 * `sla_calendar_invalid` listing every invalid field.
 */
export function parseBusinessCalendar(input: BusinessCalendarInput): BusinessCalendar {
  const issues: SlaIssue[] = [];

  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    issues.push({ field: 'timeZone', code: 'sla_calendar_time_zone_invalid', params: { value: timeZone } });
  }

  const alwaysOpen = input.alwaysOpen === true;
  if (alwaysOpen && input.weeklyHours !== undefined) {
    issues.push({ field: 'weeklyHours', code: 'sla_calendar_always_open_with_hours', params: {} });
  }
  const weekly = alwaysOpen ? WEEKDAYS.map(() => [{ start: 0, end: MINUTES_PER_DAY }]) : readWeeklyHours(input.weeklyHours ?? {}, issues);
  const overrides = readOverrides(input, weekly, issues);

  if (issues.length > 0) throw validationError('sla_calendar_invalid', issues);
  return { timeZone, alwaysOpen, weekly, overrides };
}

/** Create a calendar in which every minute is business time, in the given time zone. */
export function alwaysOpenCalendar(timeZone: string = DEFAULT_TIME_ZONE): BusinessCalendar {
  return parseBusinessCalendar({ timeZone, alwaysOpen: true });
}

function readWeeklyHours(hours: Partial<Record<string, readonly OpeningHours[]>>, issues: SlaIssue[]): MinuteRange[][] {
  for (const key of Object.keys(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      issues.push({ field: `weeklyHours.${key}`, code: 'sla_calendar_weekday_invalid', params: { value: key, allowed: WEEKDAYS } });
    }
  }
  return WEEKDAYS.map((weekday) => readHoursList(hours[weekday] ?? [], `weeklyHours.${weekday}`, issues));
}

function readOverrides(input: BusinessCalendarInput, weekly: MinuteRange[][], issues: SlaIssue[]): Record<string, MinuteRange[]> {
  const overrides: Record<string, MinuteRange[]> = {};
  const holidays = new Set<string>();

  (input.holidays ?? []).forEach((text, index) => {
    const day = parseIsoDate(text);
    if (day === null) {
      issues.push({ field: `holidays[${index}]`, code: 'sla_calendar_date_invalid', params: { value: String(text) } });
      return;
    }
    const date = formatIsoDate(day);
    holidays.add(date);
    overrides[date] = [];
  });

  (input.extraWorkingDays ?? []).forEach((entry, index) => {
    const field = `extraWorkingDays[${index}]`;
    const spec: ExtraWorkingDay = typeof entry === 'string' ? { date: entry } : entry;
    const day = parseIsoDate(spec.date);
    if (day === null) {
      issues.push({ field: `${field}.date`, code: 'sla_calendar_date_invalid', params: { value: String(spec.date) } });
      return;
    }
    const date = formatIsoDate(day);
    if (holidays.has(date)) {
      issues.push({ field, code: 'sla_calendar_date_conflict', params: { date } });
      return;
    }
    const hours = readExtraDayHours(spec, date, field, weekly, issues);
    if (hours !== null) overrides[date] = hours;
  });
  return overrides;
}

function readExtraDayHours(
  spec: ExtraWorkingDay,
  date: string,
  field: string,
  weekly: MinuteRange[][],
  issues: SlaIssue[],
): MinuteRange[] | null {
  if (spec.hours !== undefined) return readHoursList(spec.hours, `${field}.hours`, issues);

  const weekday = spec.hoursOf ?? 'mon';
  const index = (WEEKDAYS as readonly string[]).indexOf(weekday);
  if (index < 0) {
    issues.push({ field: `${field}.hoursOf`, code: 'sla_calendar_weekday_invalid', params: { value: String(weekday), allowed: WEEKDAYS } });
    return null;
  }
  const hours = weekly[index] ?? [];
  if (hours.length === 0) {
    issues.push({ field, code: 'sla_calendar_extra_day_without_hours', params: { date, weekday } });
    return null;
  }
  return hours;
}

function readHoursList(list: readonly OpeningHours[], field: string, issues: SlaIssue[]): MinuteRange[] {
  const ranges: MinuteRange[] = [];
  list.forEach((hours, index) => {
    const start = readTimeOfDay(hours.start, false, `${field}[${index}].start`, issues);
    const end = readTimeOfDay(hours.end, true, `${field}[${index}].end`, issues);
    if (start === null || end === null) return;
    if (start === end) {
      issues.push({ field: `${field}[${index}]`, code: 'sla_calendar_hours_empty', params: { start: hours.start, end: hours.end } });
      return;
    }
    // An end at or before the start is on the next day.
    ranges.push({ start, end: end > start ? end : end + MINUTES_PER_DAY });
  });
  return ranges.sort((a, b) => a.start - b.start);
}

function readTimeOfDay(text: unknown, isEnd: boolean, field: string, issues: SlaIssue[]): number | null {
  const match = typeof text === 'string' ? TIME_OF_DAY.exec(text) : null;
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  const isMidnightEnd = isEnd && hour === 24 && minute === 0;
  if (match === null || ((hour > 23 || minute > 59) && !isMidnightEnd)) {
    issues.push({ field, code: 'sla_calendar_time_invalid', params: { value: String(text) } });
    return null;
  }
  return hour * 60 + minute;
}
