import { alwaysOpenCalendar, type BusinessCalendar } from './calendar.js';
import { evaluateElapsed, evaluateSla, type ElapsedClock, type SlaClock } from './clock.js';
import { buildClockTrack, earliestEnd, type ClockEnd } from './clock-track.js';
import { toEpochMs, toIsoString, type Instant } from './instant.js';
import type { SlaTargets } from './policy.js';
import type { PauseReason, TicketEvent } from './ticket-event.js';
import { readTimeline, type AssignmentSpan, type TicketState, type TimelineFacts } from './timeline.js';

export interface TicketClockInput {
  events: readonly TicketEvent[];
  /** The store's calendar. Targets with `hours: '24x7'` count every minute whatever its hours are. */
  calendar: BusinessCalendar;
  targets: SlaTargets;
  now: Instant;
}

/** One assignment of the ticket and its clocks: to acceptance and to arrival on site. */
export interface AssignmentClock {
  assignee: string;
  assignedAt: string;
  /** When the ticket passed to the next assignee or was cancelled; null otherwise. */
  endedAt: string | null;
  endReason: 'reassigned' | 'cancelled' | null;
  acceptedAt: string | null;
  onSiteAt: string | null;
  /** Against `acceptMinutes` when the targets set it. */
  acceptance: SlaClock | ElapsedClock;
  /** Against `arrivalMinutes` when the targets set it. */
  arrival: SlaClock | ElapsedClock;
}

export interface PauseRecord {
  reason: PauseReason;
  startedAt: string;
  endedAt: string | null;
}

/** The clocks of one ticket as of `evaluatedAt`. Instants are UTC ISO 8601 strings. */
export interface TicketClocks {
  evaluatedAt: string;
  state: TicketState;
  /** Reasons of the pauses that last at `evaluatedAt`; empty when not paused. */
  pausedFor: PauseReason[];
  pauses: PauseRecord[];
  reopenCount: number;
  response: SlaClock;
  resolution: SlaClock;
  /** Every assignment, oldest first; reassigning adds one and resets no clock. */
  assignments: AssignmentClock[];
  /** The earliest `nextWakeAt` of all clocks, for a scheduler; null when no clock is running. */
  nextWakeAt: string | null;
}

/**
 * Compute a ticket's response, resolution and assignment clocks from its timeline as of `now`.
 * Raises SlaError for an invalid timeline or instant, and when a due time cannot be reached.
 */
export function computeTicketClocks(input: TicketClockInput): TicketClocks {
  const now = toEpochMs(input.now, 'now');
  const facts = readTimeline(input.events, now);
  const { targets } = input;
  const calendar = targets.hours === '24x7' ? alwaysOpenCalendar(input.calendar.timeZone) : input.calendar;

  const responded = targets.responseEndsOn === 'accepted' ? facts.firstAcceptedAt : facts.firstOnSiteAt;
  const responseEnd = earliestEnd(
    responded === null ? null : { at: responded, reason: 'responded' },
    facts.firstStop,
  );
  const response = evaluateSla(
    calendar,
    buildClockTrack(facts, now, facts.createdAt, responseEnd),
    targets.responseMinutes,
    targets.warnAtPercent,
  );
  const resolution = evaluateSla(
    calendar,
    buildClockTrack(facts, now, facts.createdAt, null),
    targets.resolutionMinutes,
    targets.warnAtPercent,
  );
  const assignments = facts.assignments.map((span) => assignmentClock(calendar, facts, now, span, targets));

  const wakeTimes = [response, resolution, ...assignments.flatMap((a) => [a.acceptance, a.arrival])]
    .map((clock) => ('nextWakeAt' in clock ? clock.nextWakeAt : null))
    .filter((at): at is string => at !== null)
    .sort();

  return {
    evaluatedAt: toIsoString(now),
    state: facts.state,
    pausedFor: facts.pauses.filter((pause) => pause.end === null).map((pause) => pause.reason),
    pauses: facts.pauses.map((pause) => ({
      reason: pause.reason,
      startedAt: toIsoString(pause.start),
      endedAt: pause.end === null ? null : toIsoString(pause.end),
    })),
    reopenCount: facts.reopenedAt.length,
    response,
    resolution,
    assignments,
    nextWakeAt: wakeTimes[0] ?? null,
  };
}

function assignmentClock(
  calendar: BusinessCalendar,
  facts: TimelineFacts,
  now: number,
  span: AssignmentSpan,
  targets: SlaTargets,
): AssignmentClock {
  const ended: ClockEnd | null = span.end === null || span.endReason === null ? null : { at: span.end, reason: span.endReason };
  const accepted: ClockEnd | null = span.acceptedAt === null ? null : { at: span.acceptedAt, reason: 'accepted' };
  const arrived: ClockEnd | null = span.onSiteAt === null ? null : { at: span.onSiteAt, reason: 'arrived' };

  const leg = (end: ClockEnd | null, targetMinutes: number | null): SlaClock | ElapsedClock => {
    const track = buildClockTrack(facts, now, span.start, end);
    if (targetMinutes === null) return evaluateElapsed(calendar, track);
    return evaluateSla(calendar, track, targetMinutes, targets.warnAtPercent);
  };

  return {
    assignee: span.assignee,
    assignedAt: toIsoString(span.start),
    endedAt: span.end === null ? null : toIsoString(span.end),
    endReason: span.endReason,
    acceptedAt: span.acceptedAt === null ? null : toIsoString(span.acceptedAt),
    onSiteAt: span.onSiteAt === null ? null : toIsoString(span.onSiteAt),
    acceptance: leg(earliestEnd(accepted, ended), targets.acceptMinutes),
    arrival: leg(earliestEnd(arrived, ended), targets.arrivalMinutes),
  };
}
