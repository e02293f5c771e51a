import { describe, expect, it } from 'vitest';
import { computeTicketClocks, SlaError, type TicketEvent } from '../../../src/tickets/sla/index.js';
import { alwaysOpen, at, shanghai, targets } from './support.js';

function expectRejection(events: readonly TicketEvent[], now = '2024-03-05 09:00'): SlaError {
  try {
    computeTicketClocks({ events, calendar: alwaysOpen, targets: targets(), now: shanghai(now) });
  } catch (error) {
    expect(error).toBeInstanceOf(SlaError);
    return error as SlaError;
  }
  throw new Error('expected the timeline to be rejected');
}

function listTimelineIssues(events: readonly TicketEvent[]): { field: string; code: string }[] {
  const error = expectRejection(events);
  expect(error.code).toBe('sla_timeline_invalid');
  return error.issues.map(({ field, code }) => ({ field, code }));
}

const created = at('created', '2024-03-04 09:00');

describe('timeline validation', () => {
  const cases: { name: string; given: TicketEvent[]; want: { field: string; code: string }[] }[] = [
    { name: 'empty timeline', given: [], want: [{ field: 'events', code: 'sla_timeline_empty' }] },
    {
      name: 'first event not created',
      given: [at('assigned', '2024-03-04 09:00', { assignee: 'tech-1' }), created],
      want: [{ field: 'events[0].type', code: 'sla_timeline_created_missing' }],
    },
    {
      name: 'event out of order',
      given: [created, at('waiting_parts', '2024-03-04 11:00'), at('resumed', '2024-03-04 10:00')],
      want: [{ field: 'events[2].at', code: 'sla_event_out_of_order' }],
    },
    {
      name: 'event before creation',
      given: [created, at('resolved', '2024-03-04 08:00')],
      want: [{ field: 'events[1].at', code: 'sla_event_out_of_order' }],
    },
    {
      name: 'same event twice',
      given: [created, at('assigned', '2024-03-04 09:10', { assignee: 'tech-1' }), at('assigned', '2024-03-04 09:10', { assignee: 'tech-1' })],
      want: [{ field: 'events[2]', code: 'sla_event_duplicate' }],
    },
    {
      name: 'same id twice',
      given: [created, at('waiting_store', '2024-03-04 10:00', { id: 'e2' }), at('resumed', '2024-03-04 11:00', { id: 'e2' })],
      want: [{ field: 'events[2]', code: 'sla_event_duplicate' }],
    },
    {
      name: 'same content without ids, then with distinct ids',
      given: [
        created,
        at('resolved', '2024-03-04 10:00', { id: 'e1' }),
        at('reopened', '2024-03-04 10:00', { id: 'e2' }),
        at('resolved', '2024-03-04 10:00', { id: 'e3' }),
        at('closed', '2024-03-04 10:00'),
        at('closed', '2024-03-04 10:00'),
      ],
      want: [{ field: 'events[5]', code: 'sla_event_duplicate' }],
    },
    {
      name: 'created twice',
      given: [created, at('created', '2024-03-04 10:00')],
      want: [{ field: 'events[1]', code: 'sla_event_invalid_transition' }],
    },
    {
      name: 'resolved twice',
      given: [created, at('resolved', '2024-03-04 10:00'), at('resolved', '2024-03-04 11:00')],
      want: [{ field: 'events[2]', code: 'sla_event_invalid_transition' }],
    },
    {
      name: 'reopen of an open ticket',
      given: [created, at('reopened', '2024-03-04 10:00')],
      want: [{ field: 'events[1]', code: 'sla_event_invalid_transition' }],
    },
    {
      name: 'close before resolution',
      given: [created, at('closed', '2024-03-04 10:00')],
      want: [{ field: 'events[1]', code: 'sla_event_invalid_transition' }],
    },
    {
      name: 'event after cancellation',
      given: [created, at('cancelled', '2024-03-04 10:00'), at('reopened', '2024-03-04 11:00')],
      want: [{ field: 'events[2]', code: 'sla_event_invalid_transition' }],
    },
    {
      name: 'waiting while resolved',
      given: [created, at('resolved', '2024-03-04 10:00'), at('waiting_parts', '2024-03-04 11:00')],
      want: [{ field: 'events[2]', code: 'sla_event_invalid_transition' }],
    },
    {
      name: 'assignment without assignee',
      given: [created, at('assigned', '2024-03-04 10:00', { assignee: ' ' })],
      want: [{ field: 'events[1]', code: 'sla_event_assignee_missing' }],
    },
    {
      name: 'acceptance before assignment',
      given: [created, at('accepted', '2024-03-04 10:00')],
      want: [{ field: 'events[1]', code: 'sla_event_not_assigned' }],
    },
    {
      name: 'pause twice for one reason',
      given: [created, at('waiting_parts', '2024-03-04 10:00'), at('waiting_parts', '2024-03-04 11:00')],
      want: [{ field: 'events[2]', code: 'sla_event_already_paused' }],
    },
    {
      name: 'resume without pause',
      given: [created, at('resumed', '2024-03-04 10:00')],
      want: [{ field: 'events[1]', code: 'sla_event_not_paused' }],
    },
    {
      name: 'resume of another reason',
      given: [created, at('waiting_parts', '2024-03-04 10:00'), at('resumed', '2024-03-04 11:00', { reason: 'store' })],
      want: [{ field: 'events[2]', code: 'sla_event_not_paused_for_reason' }],
    },
    {
      name: 'unknown type and reason',
      given: [
        created,
        { type: 'escalated' as TicketEvent['type'], at: shanghai('2024-03-04 10:00') },
        at('resumed', '2024-03-04 11:00', { reason: 'lunch' as TicketEvent['reason'] }),
      ],
      want: [
        { field: 'events[1].type', code: 'sla_event_type_unknown' },
        { field: 'events[2].reason', code: 'sla_event_reason_invalid' },
      ],
    },
    {
      name: 'instants without offset or out of range',
      given: [
        created,
        { type: 'waiting_parts', at: '2024-03-04T10:00:00' },
        { type: 'waiting_store', at: '2024-02-30T10:00:00Z' },
        { type: 'resolved', at: 1.5 },
      ],
      want: [
        { field: 'events[1].at', code: 'sla_instant_invalid' },
        { field: 'events[2].at', code: 'sla_instant_invalid' },
        { field: 'events[3].at', code: 'sla_instant_invalid' },
      ],
    },
    {
      name: 'every problem listed',
      given: [
        created,
        at('accepted', '2024-03-04 09:30'),
        at('resolved', '2024-03-04 10:00'),
        at('resolved', '2024-03-04 10:00'),
        at('closed', '2024-03-04 09:50'),
        at('closed', '2024-03-04 10:30'),
      ],
      want: [
        { field: 'events[1]', code: 'sla_event_not_assigned' },
        { field: 'events[3]', code: 'sla_event_duplicate' },
        { field: 'events[4].at', code: 'sla_event_out_of_order' },
      ],
    },
  ];

  for (const { name, given, want } of cases) {
    it(name, () => {
      expect(listTimelineIssues(given)).toEqual(want);
    });
  }

  it('names the index and times of an out-of-order event', () => {
    const error = expectRejection([created, at('waiting_parts', '2024-03-04 11:00'), at('resumed', '2024-03-04 10:00')]);
    expect(error.issues[0]?.params).toEqual({
      index: 2,
      at: '2024-03-04T02:00:00.000Z',
      previous_at: '2024-03-04T03:00:00.000Z',
    });
    expect(error.message).toContain('events[2].at');
  });

  it('accepts events at the same instant', () => {
    const clocks = computeTicketClocks({
      events: [created, at('resolved', '2024-03-04 10:00'), at('verified', '2024-03-04 10:00'), at('closed', '2024-03-04 10:00')],
      calendar: alwaysOpen,
      targets: targets(),
      now: shanghai('2024-03-04 12:00'),
    });
    expect(clocks.state).toBe('closed');
  });

  it('rejects a now before creation', () => {
    expect(expectRejection([created], '2024-03-04 08:59').code).toBe('sla_now_before_created');
  });

  it('rejects an invalid now', () => {
    expect(() =>
      computeTicketClocks({ events: [created], calendar: alwaysOpen, targets: targets(), now: 'yesterday' }),
    ).toThrow(expect.objectContaining({ code: 'sla_instant_invalid' }) as Error);
  });

  it('validates events after now too', () => {
    const error = expectRejection([created, at('resumed', '2024-03-06 10:00')], '2024-03-04 10:00');
    expect(error.issues.map((issue) => issue.code)).toEqual(['sla_event_not_paused']);
  });
});
