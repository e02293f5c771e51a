import { addBusinessMs, businessMsBetween, isBusinessInstant } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import { MINUTE_MS, toEpochMs, toIsoString, type Instant } from './instant.js';
import { SlaError } from './sla-error.js';
import { MAX_TARGET_MINUTES } from './policy.js';

/** Count the business minutes from `from` to `to`, rounded down; zero when `to` is not after `from`. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Instant, to: Instant): number {
  return Math.floor(businessMsBetween(calendar, toEpochMs(from, 'from'), toEpochMs(to, 'to')) / MINUTE_MS);
}

/**
 * Add `minutes` business minutes to `from`. Zero minutes give `from` itself when it is in
 * business hours, else the next opening. Raises SlaError when the calendar has no business time
 * ahead.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Instant, minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_TARGET_MINUTES) {
    throw new SlaError('sla_target_minutes_invalid', { value: String(minutes), max: MAX_TARGET_MINUTES });
  }
  return toIsoString(addBusinessMs(calendar, toEpochMs(from, 'from'), minutes * MINUTE_MS));
}

/** Return `at` when it is in business hours, else the next opening after it. */
export function nextBusinessInstant(calendar: BusinessCalendar, at: Instant): string {
  return toIsoString(addBusinessMs(calendar, toEpochMs(at, 'at'), 0));
}

/** Return whether `at` is in business hours. The instant of closing is not. */
export function isBusinessTime(calendar: BusinessCalendar, at: Instant): boolean {
  return isBusinessInstant(calendar, toEpochMs(at, 'at'));
}
