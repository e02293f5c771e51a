import type { components } from '@boh/sdk/types';

export type TicketStatus = components['schemas']['TicketStatus'];
export type TransitionTarget = components['schemas']['TicketTransitionTarget'];

const WORKING: readonly TransitionTarget[] = ['accepted', 'travelling', 'on_site', 'waiting_parts', 'waiting_store', 'resolved', 'cancelled'];

/**
 * The steps each status allows, besides assigning (allowed while the ticket is open). The SLA
 * clock checks the timeline again, so a step the clocks cannot take is refused too.
 */
const NEXT: Record<TicketStatus, readonly TransitionTarget[]> = {
  new: ['waiting_store', 'resolved', 'cancelled'],
  assigned: WORKING,
  accepted: ['travelling', 'on_site', 'waiting_parts', 'waiting_store', 'resolved', 'cancelled'],
  travelling: ['on_site', 'waiting_parts', 'waiting_store', 'resolved', 'cancelled'],
  on_site: ['waiting_parts', 'waiting_store', 'resolved', 'cancelled'],
  waiting_parts: ['resumed', 'waiting_store', 'resolved', 'cancelled'],
  waiting_store: ['resumed', 'waiting_parts', 'resolved', 'cancelled'],
  reopened: WORKING,
  resolved: ['verified', 'closed', 'reopened'],
  verified: ['closed', 'reopened'],
  closed: ['reopened'],
  cancelled: [],
};

const OPEN: ReadonlySet<TicketStatus> = new Set(['new', 'assigned', 'accepted', 'travelling', 'on_site', 'waiting_parts', 'waiting_store', 'reopened']);

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN.has(status);
}

/** Every step allowed from `status`, `assigned` included where it applies, for error messages. */
export function allowedSteps(status: TicketStatus): string[] {
  return [...(isOpenStatus(status) ? ['assigned'] : []), ...NEXT[status]];
}

export function canTransition(status: TicketStatus, to: TransitionTarget): boolean {
  return NEXT[status].includes(to);
}

interface StatusEvent {
  type: string;
  reason: string | null;
}

/**
 * The status after a timeline: the last step, except that ending a wait returns to the work
 * status before it (or to the other wait still open).
 */
export function statusAfter(events: readonly StatusEvent[]): TicketStatus {
  let work: TicketStatus = 'new';
  let status: TicketStatus = 'new';
  const waits = new Set<'parts' | 'store'>();

  for (const event of events) {
    switch (event.type) {
      case 'created':
        break;
      case 'assigned':
      case 'accepted':
      case 'travelling':
      case 'on_site':
      case 'reopened':
        work = event.type;
        if (waits.size === 0) status = work;
        break;
      case 'waiting_parts':
        waits.add('parts');
        status = 'waiting_parts';
        break;
      case 'waiting_store':
        waits.add('store');
        status = 'waiting_store';
        break;
      case 'resumed':
        if (event.reason === 'parts' || event.reason === 'store') waits.delete(event.reason);
        else waits.clear();
        status = waits.has('parts') ? 'waiting_parts' : waits.has('store') ? 'waiting_store' : work;
        break;
      case 'resolved':
      case 'verified':
      case 'closed':
      case 'cancelled':
        waits.clear();
        status = event.type;
        break;
    }
  }
  return status;
}
