import { addBusinessMs, businessIntervals } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import type { ClockPhase, ClockStopReason, ClockTrack } from './clock-track.js';
import { MINUTE_MS, toIsoString } from './instant.js';
import { intersectIntervals, totalLength, type Interval } from './interval.js';

/**
 * The standing of a clock against its target. `on_track` and `at_risk` apply to a clock that
 * has not stopped and is within its target. `met` is a clock stopped within target, and
 * `cancelled` one stopped within target by cancelling the ticket. `breached` is any clock past
 * its target.
 */
export type ClockStatus = 'on_track' | 'at_risk' | 'met' | 'breached' | 'cancelled';

/** Time a clock has counted, for a clock without a target. Minutes are rounded down. */
export interface ElapsedClock {
  phase: ClockPhase;
  targetMinutes: null;
  usedMinutes: number;
  usedMs: number;
  pausedMinutes: number;
  stoppedAt: string | null;
  stopReason: ClockStopReason | null;
}

/**
 * An SLA clock as of one instant. Used minutes are rounded down and remaining minutes up, so
 * they add up to the target while it is not breached. `usedMs` and `remainingMs` are exact.
 */
export interface SlaClock extends Omit<ElapsedClock, 'targetMinutes'> {
  status: ClockStatus;
  targetMinutes: number;
  remainingMinutes: number;
  remainingMs: number;
  /** Minutes past the target, rounded down; 0 unless breached. */
  overdueMinutes: number;
  /** First instant of counted business time; ahead of now when none has been counted yet. */
  startedAt: string;
  /**
   * The instant the target is used up. Ahead of now, it assumes the clock runs on without a
   * pause: from now while running or paused, from the stop when stopped.
   */
  dueAt: string;
  /** The instant the warning share of the target is used up, projected like `dueAt`. */
  warnAt: string;
  /** The instant the target ran out, when breached. */
  breachedAt: string | null;
  /** The next instant the status changes unless an event comes first; null unless running. */
  nextWakeAt: string | null;
}

interface Measured {
  elapsed: ElapsedClock;
  /** Business time in the charged spans. */
  charged: Interval[];
}

// Business time within the charged and the paused spans of a track.
function measureTrack(calendar: BusinessCalendar, track: ClockTrack): Measured {
  const spans = [...track.charged, ...track.paused];
  let charged: Interval[] = [];
  let pausedMs = 0;
  if (spans.length > 0) {
    const from = Math.min(...spans.map((span) => span.start));
    const to = Math.max(...spans.map((span) => span.end));
    const business = businessIntervals(calendar, from, to);
    charged = intersectIntervals(business, track.charged);
    pausedMs = totalLength(intersectIntervals(business, track.paused));
  }

  const usedMs = totalLength(charged);
  const elapsed: ElapsedClock = {
    phase: track.phase,
    targetMinutes: null,
    usedMinutes: Math.floor(usedMs / MINUTE_MS),
    usedMs,
    pausedMinutes: Math.floor(pausedMs / MINUTE_MS),
    stoppedAt: track.stoppedAt === null ? null : toIsoString(track.stoppedAt),
    stopReason: track.stopReason,
  };
  return { elapsed, charged };
}

/** Read a clock that has no target. */
export function evaluateElapsed(calendar: BusinessCalendar, track: ClockTrack): ElapsedClock {
  return measureTrack(calendar, track).elapsed;
}

/** Read a clock against its target; a clock is at risk once it has used `warnAtPercent` of it. */
export function evaluateSla(
  calendar: BusinessCalendar,
  track: ClockTrack,
  targetMinutes: number,
  warnAtPercent: number,
): SlaClock {
  const { elapsed, charged } = measureTrack(calendar, track);
  const usedMs = elapsed.usedMs;
  const targetMs = targetMinutes * MINUTE_MS;
  const warnMs = ceilDiv(targetMs * warnAtPercent, 100);

  // The instant the clock has counted `amount`, in the spans so far or projected past them.
  const reach = (amount: number): number => {
    let counted = 0;
    for (const span of charged) {
      const length = span.end - span.start;
      if (counted + length >= amount) return span.start + (amount - counted);
      counted += length;
    }
    return addBusinessMs(calendar, track.projectFrom, amount - counted);
  };

  const breached = usedMs > targetMs;
  const status = clockStatus(track, breached, usedMs >= warnMs);
  const dueAt = reach(targetMs);
  const remainingMs = Math.max(0, targetMs - usedMs);

  // Only a running clock changes status by itself: a paused one waits for its next event.
  let nextWakeAt: number | null = null;
  if (track.phase === 'running' && status === 'on_track') nextWakeAt = reach(warnMs);
  if (track.phase === 'running' && status === 'at_risk') nextWakeAt = reach(targetMs + 1);

  return {
    ...elapsed,
    status,
    targetMinutes,
    remainingMinutes: ceilDiv(remainingMs, MINUTE_MS),
    remainingMs,
    overdueMinutes: Math.floor(Math.max(0, usedMs - targetMs) / MINUTE_MS),
    startedAt: toIsoString(charged[0]?.start ?? addBusinessMs(calendar, track.projectFrom, 0)),
    dueAt: toIsoString(dueAt),
    warnAt: toIsoString(reach(warnMs)),
    breachedAt: breached ? toIsoString(dueAt) : null,
    nextWakeAt: nextWakeAt === null ? null : toIsoString(nextWakeAt),
  };
}

function clockStatus(track: ClockTrack, breached: boolean, warned: boolean): ClockStatus {
  if (breached) return 'breached';
  if (track.phase === 'stopped') return track.stopReason === 'cancelled' ? 'cancelled' : 'met';
  return warned ? 'at_risk' : 'on_track';
}

// Exact for the safe integers used here, where dividing and rounding a float could be off by one.
function ceilDiv(dividend: number, divisor: number): number {
  const remainder = dividend % divisor;
  return (dividend - remainder) / divisor + (remainder > 0 ? 1 : 0);
}
