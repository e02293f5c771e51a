import { toIsoString } from './instant.js';
import { SlaError, validationError, type SlaIssue } from './sla-error.js';
import { parseEvents, type ParsedEvent, type PauseReason, type TicketEvent } from './ticket-event.js';

export type TicketState = 'open' | 'resolved' | 'closed' | 'cancelled';

/** A span of time in epoch milliseconds; `end` is null while it lasts. */
export interface OpenSpan {
  start: number;
  end: number | null;
}

export interface PauseSpan extends OpenSpan {
  reason: PauseReason;
}

export interface AssignmentSpan extends OpenSpan {
  assignee: string;
  endReason: 'reassigned' | 'cancelled' | null;
  /** First accepted, travelling or on_site event of this assignment. */
  acceptedAt: number | null;
  onSiteAt: number | null;
}

/** A stop of the ticket's clocks: resolution or cancellation. */
export interface TicketStop {
  at: number;
  reason: 'resolved' | 'cancelled';
}

/** The facts of a timeline that the clocks are computed from, as of one instant. */
export interface TimelineFacts {
  createdAt: number;
  state: TicketState;
  /** Spans in which the ticket is open: from creation or reopening to resolution or cancellation. */
  runs: OpenSpan[];
  pauses: PauseSpan[];
  assignments: AssignmentSpan[];
  /** First accepted, travelling or on_site event of any assignment. */
  firstAcceptedAt: number | null;
  firstOnSiteAt: number | null;
  firstStop: TicketStop | null;
  /** The stop in effect now, or null while the ticket is open. */
  currentStop: TicketStop | null;
  reopenedAt: number[];
}

/**
 * Validate a whole timeline, then replay the events up to `now`. Events after `now` are not yet
 * known at `now` and are left out, so an earlier `now` shows the clocks as they were then.
 * Raises SlaError `sla_timeline_invalid` listing every invalid event, and
 * `sla_now_before_created` when `now` is before the ticket was created.
 */
export function readTimeline(events: readonly TicketEvent[], now: number): TimelineFacts {
  const issues: SlaIssue[] = [];
  const parsed = parseEvents(events, issues);
  if (events.length === 0) {
    issues.push({ field: 'events', code: 'sla_timeline_empty', params: {} });
  } else if (parsed[0]?.index === 0) {
    replay(parsed, issues);
  }
  if (issues.length > 0) throw validationError('sla_timeline_invalid', issues);

  const createdAt = parsed[0]!.at;
  if (now < createdAt) {
    throw new SlaError('sla_now_before_created', { now: toIsoString(now), created_at: toIsoString(createdAt) });
  }
  return replay(
    parsed.filter((event) => event.at <= now),
    [],
  );
}

interface ReplayState {
  facts: TimelineFacts;
  openPauses: Map<PauseReason, PauseSpan>;
  current: AssignmentSpan | null;
}

// Replays the events in order. An event that breaks a rule is recorded in `issues` and skipped,
// so the events after it are still checked against a sensible state.
function replay(events: readonly ParsedEvent[], issues: SlaIssue[]): TimelineFacts {
  const first = events[0]!;
  const facts: TimelineFacts = {
    createdAt: first.at,
    state: 'open',
    runs: [{ start: first.at, end: null }],
    pauses: [],
    assignments: [],
    firstAcceptedAt: null,
    firstOnSiteAt: null,
    firstStop: null,
    currentStop: null,
    reopenedAt: [],
  };
  if (first.type !== 'created') {
    issues.push({ field: 'events[0].type', code: 'sla_timeline_created_missing', params: { type: first.type } });
    return facts;
  }

  const state: ReplayState = { facts, openPauses: new Map(), current: null };
  const seenIds = new Map<string, number>();
  const seenContents = new Map<string, number>();
  let lastAt = first.at;
  seenContents.set(contentKey(first), 0);
  if (first.id !== undefined) seenIds.set(first.id, 0);

  for (const event of events.slice(1)) {
    const field = `events[${event.index}]`;
    // An event with an id is identified by it: two steps of the same kind at the same instant
    // are two events when their ids differ. Without an id, the same content is a duplicate.
    const duplicateOf = event.id !== undefined ? seenIds.get(event.id) : seenContents.get(contentKey(event));
    if (duplicateOf !== undefined) {
      issues.push({ field, code: 'sla_event_duplicate', params: { index: event.index, first_index: duplicateOf } });
      continue;
    }
    seenContents.set(contentKey(event), event.index);
    if (event.id !== undefined) seenIds.set(event.id, event.index);

    if (event.at < lastAt) {
      issues.push({
        field: `${field}.at`,
        code: 'sla_event_out_of_order',
        params: { index: event.index, at: toIsoString(event.at), previous_at: toIsoString(lastAt) },
      });
      continue;
    }
    lastAt = event.at;

    const issue = applyEvent(state, event);
    if (issue !== null) issues.push({ field, ...issue });
  }
  return facts;
}

function contentKey(event: ParsedEvent): string {
  return JSON.stringify([event.type, event.at, event.assignee ?? null, event.reason ?? null]);
}

type EventIssue = Omit<SlaIssue, 'field'>;

function applyEvent(state: ReplayState, event: ParsedEvent): EventIssue | null {
  const { facts } = state;
  const { index, type, at } = event;
  const invalid: EventIssue = { code: 'sla_event_invalid_transition', params: { index, type, state: facts.state } };

  switch (type) {
    case 'created':
      return invalid;

    case 'assigned': {
      if (facts.state !== 'open') return invalid;
      if (typeof event.assignee !== 'string' || event.assignee.trim() === '') {
        return { code: 'sla_event_assignee_missing', params: { index } };
      }
      endAssignment(state, at, 'reassigned');
      state.current = { assignee: event.assignee, start: at, end: null, endReason: null, acceptedAt: null, onSiteAt: null };
      facts.assignments.push(state.current);
      return null;
    }

    case 'accepted':
    case 'travelling':
    case 'on_site': {
      if (facts.state !== 'open') return invalid;
      if (state.current === null) return { code: 'sla_event_not_assigned', params: { index, type } };
      state.current.acceptedAt ??= at;
      facts.firstAcceptedAt ??= at;
      if (type === 'on_site') {
        state.current.onSiteAt ??= at;
        facts.firstOnSiteAt ??= at;
      }
      return null;
    }

    case 'waiting_parts':
    case 'waiting_store': {
      if (facts.state !== 'open') return invalid;
      const reason: PauseReason = type === 'waiting_parts' ? 'parts' : 'store';
      if (state.openPauses.has(reason)) return { code: 'sla_event_already_paused', params: { index, reason } };
      const pause: PauseSpan = { reason, start: at, end: null };
      state.openPauses.set(reason, pause);
      facts.pauses.push(pause);
      return null;
    }

    case 'resumed': {
      if (facts.state !== 'open') return invalid;
      if (event.reason === undefined) {
        if (state.openPauses.size === 0) return { code: 'sla_event_not_paused', params: { index } };
        endPauses(state, at);
        return null;
      }
      const pause = state.openPauses.get(event.reason);
      if (pause === undefined) return { code: 'sla_event_not_paused_for_reason', params: { index, reason: event.reason } };
      pause.end = at;
      state.openPauses.delete(event.reason);
      return null;
    }

    case 'resolved':
    case 'cancelled': {
      if (facts.state !== 'open') return invalid;
      const stop: TicketStop = { at, reason: type };
      endPauses(state, at);
      facts.runs[facts.runs.length - 1]!.end = at;
      facts.state = type;
      facts.currentStop = stop;
      facts.firstStop ??= stop;
      if (type === 'cancelled') endAssignment(state, at, 'cancelled');
      return null;
    }

    case 'verified':
      return facts.state === 'resolved' ? null : invalid;

    case 'closed':
      if (facts.state !== 'resolved') return invalid;
      facts.state = 'closed';
      return null;

    case 'reopened':
      if (facts.state !== 'resolved' && facts.state !== 'closed') return invalid;
      facts.state = 'open';
      facts.currentStop = null;
      facts.runs.push({ start: at, end: null });
      facts.reopenedAt.push(at);
      return null;
  }
}

function endPauses(state: ReplayState, at: number): void {
  for (const pause of state.openPauses.values()) pause.end = at;
  state.openPauses.clear();
}

function endAssignment(state: ReplayState, at: number, reason: 'reassigned' | 'cancelled'): void {
  if (state.current === null) return;
  state.current.end = at;
  state.current.endReason = reason;
  state.current = null;
}
