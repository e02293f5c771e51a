// fast-check generators of calendars and ticket timelines for the property tests. Every
// generated timeline is valid: each step picks one of the events allowed in the current state.
import fc from 'fast-check';
import type { BusinessCalendarInput, OpeningHours, TicketEvent, TicketEventType, Weekday } from '../../../src/tickets/sla/index.js';
import { QUARTER_MS } from './oracle.js';

const WEEKDAY_KEYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'UTC', 'Asia/Kolkata'] as const;

// Weeks around the 2024 daylight saving changes of New York and Berlin, and Chinese holidays.
const BASE_DATES = ['2024-03-07', '2024-03-28', '2024-04-02', '2024-10-24', '2024-10-31', '2024-06-05'] as const;

// Quarter hours from 04:00 to 24:00 and midnight, clear of the daylight saving changes.
const timeOfDay = fc.oneof(
  fc.integer({ min: 16, max: 95 }).map((quarter) => quarter * 15),
  fc.constant(0),
);

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const openingHours: fc.Arbitrary<OpeningHours> = fc
  .tuple(timeOfDay, fc.oneof(timeOfDay, fc.constant(1440)))
  .filter(([start, end]) => start !== end)
  .map(([start, end]) => ({ start: hhmm(start), end: hhmm(end) }));

const dayOffset = fc.integer({ min: -2, max: 12 });

function dateAfter(base: string, days: number): string {
  return new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A calendar with at least one open weekday, with holidays and extra days near `base`. */
export const calendarInput: fc.Arbitrary<{ input: BusinessCalendarInput; base: string }> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    base: fc.constantFrom(...BASE_DATES),
    alwaysOpen: fc.integer({ min: 0, max: 5 }).map((roll) => roll === 0),
    week: fc.array(fc.array(openingHours, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
    openDay: fc.integer({ min: 0, max: 6 }),
    openHours: openingHours,
    holidays: fc.uniqueArray(dayOffset, { maxLength: 3 }),
    extraDays: fc.uniqueArray(dayOffset, { maxLength: 2 }),
  })
  .map(({ timeZone, base, alwaysOpen, week, openDay, openHours, holidays, extraDays }) => {
    const weeklyHours: Partial<Record<Weekday, OpeningHours[]>> = {};
    WEEKDAY_KEYS.forEach((day, index) => {
      const hours = index === openDay ? [openHours, ...(week[index] ?? [])] : (week[index] ?? []);
      weeklyHours[day] = hours;
    });
    const holidayDates = holidays.map((offset) => dateAfter(base, offset));
    const extraDates = extraDays
      .map((offset) => dateAfter(base, offset))
      .filter((date) => !holidayDates.includes(date))
      .map((date) => ({ date, hoursOf: WEEKDAY_KEYS[openDay]! }));
    if (alwaysOpen) return { input: { timeZone, alwaysOpen, holidays: holidayDates }, base };
    return { input: { timeZone, weeklyHours, holidays: holidayDates, extraWorkingDays: extraDates }, base };
  });

/** Generate a quarter-hour instant within four days after midnight UTC of `base`. */
export function instantNear(base: string): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 4 * 96 }).map((quarter) => Date.parse(`${base}T00:00:00Z`) + quarter * QUARTER_MS);
}

type Step = { choice: number; quarters: number };
const step: fc.Arbitrary<Step> = fc.record({ choice: fc.nat(), quarters: fc.integer({ min: 1, max: 40 }) });

/** Build a valid timeline from `start` by taking, at each step, one of the allowed events. */
export function buildTimeline(start: number, steps: readonly Step[]): TicketEvent[] {
  const events: TicketEvent[] = [{ type: 'created', at: start }];
  let state: 'open' | 'resolved' | 'closed' | 'cancelled' = 'open';
  const paused = { parts: false, store: false };
  let assignment: { count: number; done: Set<TicketEventType> } = { count: 0, done: new Set() };
  let verified = false;
  let at = start;

  for (const { choice, quarters } of steps) {
    if (state === 'cancelled') break;
    at += quarters * QUARTER_MS;

    const options: TicketEvent[] = [];
    if (state === 'open') {
      options.push({ type: 'assigned', at, assignee: `tech-${assignment.count + 1}` });
      if (assignment.count > 0) {
        for (const type of ['accepted', 'travelling', 'on_site'] as const) if (!assignment.done.has(type)) options.push({ type, at });
      }
      options.push(paused.parts ? { type: 'resumed', at, reason: 'parts' } : { type: 'waiting_parts', at });
      options.push(paused.store ? { type: 'resumed', at, reason: 'store' } : { type: 'waiting_store', at });
      options.push({ type: 'resolved', at });
      if (choice % 11 === 0) options.push({ type: 'cancelled', at });
    } else {
      options.push({ type: 'reopened', at });
      if (state === 'resolved') options.push({ type: 'closed', at });
      if (state === 'resolved' && !verified) options.push({ type: 'verified', at });
    }

    const event = options[choice % options.length]!;
    events.push(event);
    switch (event.type) {
      case 'assigned':
        assignment = { count: assignment.count + 1, done: new Set() };
        break;
      case 'accepted':
      case 'travelling':
      case 'on_site':
        assignment.done.add(event.type);
        break;
      case 'waiting_parts':
        paused.parts = true;
        break;
      case 'waiting_store':
        paused.store = true;
        break;
      case 'resumed':
        paused[event.reason!] = false;
        break;
      case 'resolved':
      case 'cancelled':
        state = event.type;
        paused.parts = false;
        paused.store = false;
        break;
      case 'closed':
        state = 'closed';
        break;
      case 'verified':
        verified = true;
        break;
      case 'reopened':
        state = 'open';
        verified = false;
        break;
      default:
        break;
    }
  }
  return events;
}

export const steps: fc.Arbitrary<Step[]> = fc.array(step, { minLength: 0, maxLength: 14 });

/** Remove the pause that starts at `index`, and the event that ends it, from a timeline. */
export function withoutPause(events: readonly TicketEvent[], index: number): TicketEvent[] {
  const start = events[index]!;
  const reason = start.type === 'waiting_parts' ? 'parts' : 'store';
  const end = events.findIndex((event, position) => position > index && event.type === 'resumed' && event.reason === reason);
  const stop = events.findIndex((event, position) => position > index && (event.type === 'resolved' || event.type === 'cancelled'));
  const endsByResume = end >= 0 && (stop < 0 || end < stop);
  return events.filter((_, position) => position !== index && !(endsByResume && position === end));
}
