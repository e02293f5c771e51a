import { readInstant, type Instant } from './instant.js';
import type { SlaIssue } from './sla-error.js';

/**
 * The events of a repair ticket's timeline. Waiting events pause the clocks until `resumed`;
 * `resolved` and `cancelled` stop them; `reopened` resumes them after `resolved` or `closed`.
 * The others record progress, and the first acceptance or arrival stops the response clock.
 */
export const TICKET_EVENT_TYPES = [
  'created',
  'assigned',
  'accepted',
  'travelling',
  'on_site',
  'waiting_parts',
  'waiting_store',
  'resumed',
  'resolved',
  'verified',
  'closed',
  'reopened',
  'cancelled',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** Why the clocks are paused: waiting for spare parts, or waiting for the store. */
export const PAUSE_REASONS = ['parts', 'store'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** One entry of a ticket's timeline, in the order it happened. */
export interface TicketEvent {
  type: TicketEventType;
  at: Instant;
  /**
   * When present, a second event with the same id is a duplicate, and the id alone identifies
   * the event; without it, an event with the same type, instant, assignee and reason is one.
   */
  id?: string;
  /** The technician or contractor; required on `assigned`. */
  assignee?: string;
  /** On `resumed`: end only this pause. Without it, `resumed` ends every pause. */
  reason?: PauseReason;
}

/** An event whose type, reason and instant have been checked; `at` is in epoch milliseconds. */
export interface ParsedEvent {
  index: number;
  type: TicketEventType;
  at: number;
  id: string | undefined;
  assignee: string | undefined;
  reason: PauseReason | undefined;
}

/** Check each event on its own, recording an issue for each invalid one and leaving it out. */
export function parseEvents(events: readonly TicketEvent[], issues: SlaIssue[]): ParsedEvent[] {
  const parsed: ParsedEvent[] = [];
  events.forEach((event, index) => {
    const field = `events[${index}]`;
    if (!(TICKET_EVENT_TYPES as readonly string[]).includes(event.type)) {
      issues.push({
        field: `${field}.type`,
        code: 'sla_event_type_unknown',
        params: { value: String(event.type), allowed: TICKET_EVENT_TYPES },
      });
      return;
    }
    if (event.reason !== undefined && !(PAUSE_REASONS as readonly string[]).includes(event.reason)) {
      issues.push({
        field: `${field}.reason`,
        code: 'sla_event_reason_invalid',
        params: { value: String(event.reason), allowed: PAUSE_REASONS },
      });
      return;
    }
    const at = readInstant(event.at, `${field}.at`, issues);
    if (at === null) return;
    parsed.push({ index, type: event.type, at, id: event.id, assignee: event.assignee, reason: event.reason });
  });
  return parsed;
}
