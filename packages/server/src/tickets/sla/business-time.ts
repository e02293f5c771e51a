import type { BusinessCalendar, MinuteRange } from './calendar.js';
import { formatIsoDate, weekdayOf } from './civil-date.js';
import { DAY_MS, toIsoString } from './instant.js';
import { mergeIntervals, totalLength, type Interval } from './interval.js';
import { SlaError } from './sla-error.js';
import { instantOfLocal, localDayOf } from './zone.js';

/** A search for business time gives up after this many days without any. */
export const NO_WORKING_TIME_LIMIT_DAYS = 366;

/** A due time further than this many days ahead of its starting point is an error. */
export const DUE_HORIZON_DAYS = 3660;

// The search looks a few days ahead first, where most due times are, and doubles its step up to
// about a month so that long closures are crossed in few steps.
const FIRST_SEARCH_STEP_MS = 3 * DAY_MS;
const MAX_SEARCH_STEP_MS = 48 * DAY_MS;

/** List the business time within [from, to) as sorted, disjoint intervals. */
export function businessIntervals(calendar: BusinessCalendar, from: number, to: number): Interval[] {
  if (to <= from) return [];
  if (calendar.alwaysOpen && Object.keys(calendar.overrides).length === 0) return [{ start: from, end: to }];

  // Hours that start the day before `from` may run past midnight into it.
  const firstDay = localDayOf(calendar.timeZone, from) - 1;
  const lastDay = localDayOf(calendar.timeZone, to);
  const found: Interval[] = [];

  for (let day = firstDay; day <= lastDay; day += 1) {
    for (const range of hoursOn(calendar, day)) {
      const start = Math.max(from, instantOfLocal(calendar.timeZone, day, range.start));
      const end = Math.min(to, instantOfLocal(calendar.timeZone, day, range.end));
      if (end > start) found.push({ start, end });
    }
  }
  return mergeIntervals(found);
}

function hoursOn(calendar: BusinessCalendar, day: number): readonly MinuteRange[] {
  const overridden = calendar.overrides[formatIsoDate(day)];
  return overridden ?? calendar.weekly[weekdayOf(day)] ?? [];
}

/** Sum the business milliseconds within [from, to); zero when `to` is not after `from`. */
export function businessMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  return totalLength(businessIntervals(calendar, from, to));
}

/**
 * Find the first instant at or after `from` by which `amount` business milliseconds have passed.
 * An amount of zero gives the first instant of business time at or after `from`, which is the
 * next opening when `from` is outside business hours. Raises SlaError
 * `sla_calendar_no_working_time` after 366 days without business time and
 * `sla_due_beyond_horizon` past 3660 days.
 */
export function addBusinessMs(calendar: BusinessCalendar, from: number, amount: number): number {
  let remaining = amount;
  let cursor = from;
  let lastBusinessEnd = from;
  let step = FIRST_SEARCH_STEP_MS;

  for (;;) {
    const noWorkDeadline = lastBusinessEnd + NO_WORKING_TIME_LIMIT_DAYS * DAY_MS;
    const stepEnd = Math.min(cursor + step, noWorkDeadline);
    step = Math.min(step * 2, MAX_SEARCH_STEP_MS);

    for (const interval of businessIntervals(calendar, cursor, stepEnd)) {
      const length = interval.end - interval.start;
      if (remaining === 0) return interval.start;
      if (length >= remaining) return interval.start + remaining;
      remaining -= length;
      lastBusinessEnd = interval.end;
    }
    cursor = stepEnd;

    if (cursor >= lastBusinessEnd + NO_WORKING_TIME_LIMIT_DAYS * DAY_MS) {
      throw new SlaError('sla_calendar_no_working_time', {
        from: toIsoString(lastBusinessEnd),
        days: NO_WORKING_TIME_LIMIT_DAYS,
      });
    }
    if (cursor - from >= DUE_HORIZON_DAYS * DAY_MS) {
      throw new SlaError('sla_due_beyond_horizon', { from: toIsoString(from), days: DUE_HORIZON_DAYS });
    }
  }
}

/** Return whether `at` lies in business time. A closing instant counts as outside. */
export function isBusinessInstant(calendar: BusinessCalendar, at: number): boolean {
  return businessIntervals(calendar, at, at + 1).length > 0;
}
