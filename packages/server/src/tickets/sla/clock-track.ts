import { clipIntervals, intersectIntervals, mergeIntervals, subtractIntervals, type Interval } from './interval.js';
import type { OpenSpan, TimelineFacts } from './timeline.js';

export type ClockPhase = 'running' | 'paused' | 'stopped';

/**
 * Why a clock stopped: the ticket was responded to, accepted or reached on site, resolved or
 * cancelled, or the assignment passed to someone else.
 */
export type ClockStopReason = 'responded' | 'accepted' | 'arrived' | 'resolved' | 'cancelled' | 'reassigned';

/** The end of one clock's span, before any stop of the ticket. */
export interface ClockEnd {
  at: number;
  reason: ClockStopReason;
}

/**
 * The real time a clock may charge, before business hours are applied. `charged` is the time it
 * ran and `paused` the time it was paused, both up to now. When the clock's due time lies ahead,
 * it is projected from `projectFrom` as if the clock ran on from there without a pause.
 */
export interface ClockTrack {
  charged: Interval[];
  paused: Interval[];
  phase: ClockPhase;
  stoppedAt: number | null;
  stopReason: ClockStopReason | null;
  projectFrom: number;
}

/**
 * Build the track of a clock that starts at `start` and ends at `end`, or runs on when `end` is
 * null. It counts only while the ticket is open and not paused. A ticket stop also stops it, and
 * a reopening resumes it where it stood.
 */
export function buildClockTrack(facts: TimelineFacts, now: number, start: number, end: ClockEnd | null): ClockTrack {
  const limit = end?.at ?? now;
  const open = clipIntervals(mergeIntervals(facts.runs.map((span) => closeAt(span, now))), start, limit);
  const pauses = mergeIntervals(facts.pauses.map((span) => closeAt(span, now)));
  const charged = subtractIntervals(open, pauses);
  const paused = intersectIntervals(open, pauses);

  if (end !== null) {
    return { charged, paused, phase: 'stopped', stoppedAt: end.at, stopReason: end.reason, projectFrom: end.at };
  }
  const stop = facts.currentStop;
  if (stop !== null) {
    return { charged, paused, phase: 'stopped', stoppedAt: stop.at, stopReason: stop.reason, projectFrom: stop.at };
  }
  const isPaused = facts.pauses.some((span) => span.end === null);
  return { charged, paused, phase: isPaused ? 'paused' : 'running', stoppedAt: null, stopReason: null, projectFrom: now };
}

/** Return the earliest of the possible ends, or null when none has happened. */
export function earliestEnd(...ends: (ClockEnd | null)[]): ClockEnd | null {
  let earliest: ClockEnd | null = null;
  for (const end of ends) {
    if (end !== null && (earliest === null || end.at < earliest.at)) earliest = end;
  }
  return earliest;
}

function closeAt(span: OpenSpan, now: number): Interval {
  return { start: span.start, end: span.end ?? now };
}
