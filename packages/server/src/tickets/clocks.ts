import type { components } from '@boh/sdk/types';
import type { Language } from '../i18n/language.js';
import {
  computeTicketClocks,
  summarizeClock,
  type BusinessCalendar,
  type ElapsedClock,
  type SlaClock,
  type SlaPolicy,
  type TicketClocks,
  type TicketEvent,
} from './sla/index.js';
import { targetsFor } from './policy.js';
import { withSlaErrors } from './sla-errors.js';
import { ticketCode, type EventRow, type TicketRow } from './ticket-record.js';

export type TicketClocksApi = components['schemas']['TicketClocks'];
type SlaClockApi = components['schemas']['SlaClock'];

export type TimelineEvent = Pick<EventRow, 'type' | 'at' | 'assignee_code' | 'reason'>;

/** The timeline in the SLA library's form. */
export function toSlaEvents(events: readonly TimelineEvent[]): TicketEvent[] {
  return events.map((event, index) => ({
    // The position identifies a stored step: two steps of one kind at one instant are two.
    id: String(index),
    type: event.type as TicketEvent['type'],
    at: event.at,
    ...(event.assignee_code !== null ? { assignee: event.assignee_code } : {}),
    ...(event.reason !== null ? { reason: event.reason as TicketEvent['reason'] } : {}),
  }));
}

/** Compute a ticket's clocks as of `now`; an SlaError becomes a 422. */
export function clocksOf(
  ticket: Pick<TicketRow, 'priority' | 'category'>,
  events: readonly TimelineEvent[],
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  now: string,
): TicketClocks {
  const targets = targetsFor(policy, ticket);
  return withSlaErrors(() => computeTicketClocks({ events: toSlaEvents(events), calendar, targets, now }), 'body');
}

/** The columns kept on the ticket row so lists and the scheduler need not replay timelines. */
export function slaColumns(clocks: TicketClocks): {
  response_due_at: string;
  resolution_due_at: string;
  response_status: string;
  resolution_status: string;
  sla_next_wake_at: string | null;
} {
  return {
    response_due_at: clocks.response.dueAt,
    resolution_due_at: clocks.resolution.dueAt,
    response_status: clocks.response.status,
    resolution_status: clocks.resolution.status,
    sla_next_wake_at: clocks.nextWakeAt,
  };
}

function clockToApi(clock: SlaClock | ElapsedClock): SlaClockApi {
  const timed = 'status' in clock ? clock : null;
  return {
    phase: clock.phase,
    status: timed?.status ?? null,
    target_minutes: timed?.targetMinutes ?? null,
    used_minutes: clock.usedMinutes,
    paused_minutes: clock.pausedMinutes,
    remaining_minutes: timed?.remainingMinutes ?? null,
    overdue_minutes: timed?.overdueMinutes ?? null,
    started_at: timed?.startedAt ?? null,
    due_at: timed?.dueAt ?? null,
    warn_at: timed?.warnAt ?? null,
    breached_at: timed?.breachedAt ?? null,
    stopped_at: clock.stoppedAt,
    stop_reason: clock.stopReason,
    next_wake_at: timed?.nextWakeAt ?? null,
  };
}

/** The clocks in the API's shape, with one summary line per clock in the caller's language. */
export function clocksToApi(number: number, clocks: TicketClocks, timeZone: string, language: Language): TicketClocksApi {
  const summary = [
    summarizeClock(language, 'response', clocks.response, timeZone, clocks.pausedFor),
    summarizeClock(language, 'resolution', clocks.resolution, timeZone, clocks.pausedFor),
  ];
  const current = clocks.assignments.at(-1);
  if (current && 'status' in current.arrival && current.endedAt === null) {
    summary.push(summarizeClock(language, 'arrival', current.arrival, timeZone, clocks.pausedFor));
  }
  return {
    ticket_code: ticketCode(number),
    evaluated_at: clocks.evaluatedAt,
    state: clocks.state,
    time_zone: timeZone,
    paused_for: clocks.pausedFor,
    pauses: clocks.pauses.map((p) => ({ reason: p.reason, started_at: p.startedAt, ended_at: p.endedAt })),
    reopen_count: clocks.reopenCount,
    response: clockToApi(clocks.response),
    resolution: clockToApi(clocks.resolution),
    assignments: clocks.assignments.map((a) => ({
      assignee_code: a.assignee,
      assigned_at: a.assignedAt,
      ended_at: a.endedAt,
      end_reason: a.endReason,
      accepted_at: a.acceptedAt,
      on_site_at: a.onSiteAt,
      acceptance: clockToApi(a.acceptance),
      arrival: clockToApi(a.arrival),
    })),
    next_wake_at: clocks.nextWakeAt,
    summary,
  };
}
