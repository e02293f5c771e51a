// Properties of business time and ticket clocks over generated calendars and timelines, checked
// against the wall-clock model in oracle.ts where a value can be computed independently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  computeTicketClocks,
  isBusinessTime,
  parseBusinessCalendar,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type SlaClock,
  type SlaTargets,
  type TicketEvent,
} from '../../../src/tickets/sla/index.js';
import { buildTimeline, calendarInput, instantNear, steps, withoutPause } from './generators.js';
import { isOpenByWallClock, naiveBusinessMinutes, QUARTER_MS } from './oracle.js';

const RUNS = { numRuns: 60 };

const targetsArbitrary: fc.Arbitrary<SlaTargets> = fc.record({
  responseMinutes: fc.integer({ min: 0, max: 300 }),
  resolutionMinutes: fc.integer({ min: 0, max: 1500 }),
  acceptMinutes: fc.constant(null),
  arrivalMinutes: fc.constant(null),
  hours: fc.constant('business' as const),
  responseEndsOn: fc.constantFrom('accepted' as const, 'on_site' as const),
  warnAtPercent: fc.integer({ min: 0, max: 100 }),
});

const ms = (iso: string): number => Date.parse(iso);

/** Check that the due instant is in business hours, by the last counted instant before it. */
function dueIsInBusinessHours(calendar: BusinessCalendar, clock: SlaClock): boolean {
  const due = ms(clock.dueAt);
  return clock.targetMinutes === 0 ? isBusinessTime(calendar, due) : isBusinessTime(calendar, due - 1);
}

/** Business minutes in which the resolution clock ran by the model: open, not paused, before now. */
function naiveResolutionMinutes(input: BusinessCalendarInput, events: readonly TicketEvent[], now: number): number {
  const created = events[0]!.at as number;
  let minutes = 0;
  for (let sample = created; sample < now; sample += QUARTER_MS) {
    let open = false;
    const paused = { parts: false, store: false };
    for (const event of events) {
      if ((event.at as number) > sample) break;
      if (event.type === 'created' || event.type === 'reopened') open = true;
      if (event.type === 'resolved' || event.type === 'cancelled') {
        open = false;
        paused.parts = false;
        paused.store = false;
      }
      if (event.type === 'waiting_parts') paused.parts = true;
      if (event.type === 'waiting_store') paused.store = true;
      if (event.type === 'resumed') paused[event.reason!] = false;
    }
    if (open && !paused.parts && !paused.store && isOpenByWallClock(input, sample)) minutes += 15;
  }
  return minutes;
}

const ticketCase = calendarInput.chain(({ input, base }) =>
  fc.record({
    input: fc.constant(input),
    start: instantNear(base),
    steps,
    targets: targetsArbitrary,
    extraQuarters: fc.integer({ min: 0, max: 200 }),
  }),
);

function lastAt(events: readonly TicketEvent[]): number {
  return events[events.length - 1]!.at as number;
}

describe('business time properties', () => {
  it('counts the same minutes as the wall-clock model', () => {
    fc.assert(
      fc.property(
        calendarInput.chain(({ input, base }) => fc.tuple(fc.constant(input), instantNear(base), fc.integer({ min: 0, max: 6 * 96 }))),
        ([input, from, quarters]) => {
          const to = from + quarters * QUARTER_MS;
          expect(businessMinutesBetween(parseBusinessCalendar(input), from, to)).toBe(naiveBusinessMinutes(input, from, to));
        },
      ),
      RUNS,
    );
  });

  it('adds minutes to the first instant that has them', () => {
    fc.assert(
      fc.property(
        calendarInput.chain(({ input, base }) => fc.tuple(fc.constant(input), instantNear(base), fc.integer({ min: 0, max: 3000 }))),
        ([input, from, minutes]) => {
          const calendar = parseBusinessCalendar(input);
          const due = ms(addBusinessMinutes(calendar, from, minutes));
          expect(businessMinutesBetween(calendar, from, due)).toBe(minutes);
          if (minutes > 0) {
            expect(businessMinutesBetween(calendar, from, due - 1)).toBe(minutes - 1);
            expect(isBusinessTime(calendar, due - 1)).toBe(true);
          } else {
            expect(isBusinessTime(calendar, due)).toBe(true);
            expect(businessMinutesBetween(calendar, from, due)).toBe(0);
          }
        },
      ),
      RUNS,
    );
  });

  it('never moves a due time earlier for more minutes', () => {
    fc.assert(
      fc.property(
        calendarInput.chain(({ input, base }) =>
          fc.tuple(fc.constant(input), instantNear(base), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 })),
        ),
        ([input, from, a, b]) => {
          const calendar = parseBusinessCalendar(input);
          const [less, more] = a <= b ? [a, b] : [b, a];
          expect(ms(addBusinessMinutes(calendar, from, less))).toBeLessThanOrEqual(ms(addBusinessMinutes(calendar, from, more)));
        },
      ),
      RUNS,
    );
  });
});

describe('ticket clock properties', () => {
  it('charges what the model charges', () => {
    fc.assert(
      fc.property(ticketCase, ({ input, start, steps: walk, targets, extraQuarters }) => {
        const events = buildTimeline(start, walk);
        const now = lastAt(events) + extraQuarters * QUARTER_MS;
        const clocks = computeTicketClocks({ events, calendar: parseBusinessCalendar(input), targets, now });
        expect(clocks.resolution.usedMs).toBe(naiveResolutionMinutes(input, events, now) * 60_000);
      }),
      RUNS,
    );
  });

  it('adds used and remaining up to the target', () => {
    fc.assert(
      fc.property(ticketCase, ({ input, start, steps: walk, targets, extraQuarters }) => {
        const events = buildTimeline(start, walk);
        const now = lastAt(events) + extraQuarters * QUARTER_MS;
        const calendar = parseBusinessCalendar(input);
        const clocks = computeTicketClocks({ events, calendar, targets, now });

        for (const clock of [clocks.response, clocks.resolution]) {
          const breached = clock.usedMs > clock.targetMinutes * 60_000;
          expect(clock.status === 'breached').toBe(breached);
          if (!breached) {
            expect(clock.usedMinutes + clock.remainingMinutes).toBe(clock.targetMinutes);
          }
          if (!breached && clock.phase === 'running') {
            // The due time lies exactly the remaining business minutes ahead of now.
            expect(businessMinutesBetween(calendar, now, clock.dueAt)).toBe(clock.remainingMinutes);
          }
        }
      }),
      RUNS,
    );
  });

  it('puts every due time inside business hours', () => {
    fc.assert(
      fc.property(ticketCase, ({ input, start, steps: walk, targets, extraQuarters }) => {
        const events = buildTimeline(start, walk);
        const calendar = parseBusinessCalendar(input);
        const clocks = computeTicketClocks({ events, calendar, targets, now: lastAt(events) + extraQuarters * QUARTER_MS });
        expect(dueIsInBusinessHours(calendar, clocks.response)).toBe(true);
        expect(dueIsInBusinessHours(calendar, clocks.resolution)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never makes the due time earlier by adding a pause', () => {
    fc.assert(
      fc.property(ticketCase, fc.nat(), ({ input, start, steps: walk, targets, extraQuarters }, pick) => {
        const events = buildTimeline(start, walk);
        const pauseStarts = events.flatMap((event, index) => (event.type === 'waiting_parts' || event.type === 'waiting_store' ? [index] : []));
        fc.pre(pauseStarts.length > 0);

        const calendar = parseBusinessCalendar(input);
        const now = lastAt(events) + extraQuarters * QUARTER_MS;
        const withPause = computeTicketClocks({ events, calendar, targets, now });
        const without = computeTicketClocks({ events: withoutPause(events, pauseStarts[pick % pauseStarts.length]!), calendar, targets, now });

        for (const clock of ['response', 'resolution'] as const) {
          expect(ms(withPause[clock].dueAt)).toBeGreaterThanOrEqual(ms(without[clock].dueAt));
          expect(withPause[clock].usedMs).toBeLessThanOrEqual(without[clock].usedMs);
        }
      }),
      RUNS,
    );
  });

  it('keeps the remaining time while paused', () => {
    fc.assert(
      fc.property(ticketCase, fc.integer({ min: 1, max: 300 }), ({ input, start, steps: walk, targets }, laterQuarters) => {
        const events = buildTimeline(start, walk);
        const calendar = parseBusinessCalendar(input);
        const now = lastAt(events);
        const first = computeTicketClocks({ events, calendar, targets, now });
        fc.pre(first.resolution.phase === 'paused');

        const later = computeTicketClocks({ events, calendar, targets, now: now + laterQuarters * QUARTER_MS });
        expect(later.resolution.remainingMs).toBe(first.resolution.remainingMs);
        expect(ms(later.resolution.dueAt)).toBeGreaterThanOrEqual(ms(first.resolution.dueAt));
      }),
      RUNS,
    );
  });

  it('never lowers the used time as now advances', () => {
    fc.assert(
      fc.property(ticketCase, fc.nat(), ({ input, start, steps: walk, targets, extraQuarters }, cut) => {
        const events = buildTimeline(start, walk);
        const calendar = parseBusinessCalendar(input);
        const end = lastAt(events) + extraQuarters * QUARTER_MS;
        const earlier = start + (cut % (Math.floor((end - start) / QUARTER_MS) + 1)) * QUARTER_MS;
        const before = computeTicketClocks({ events, calendar, targets, now: earlier });
        const after = computeTicketClocks({ events, calendar, targets, now: end });
        expect(after.resolution.usedMs).toBeGreaterThanOrEqual(before.resolution.usedMs);
        expect(after.response.usedMs).toBeGreaterThanOrEqual(before.response.usedMs);
      }),
      RUNS,
    );
  });
});
