// Assignment clocks run from each assignment to its acceptance and to arrival on site, and are
// kept as a history. Reassigning adds an entry and resets none of the ticket's clocks.
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../src/tickets/sla/index.js';
import { at, clocksAt, targets, utc } from './support.js';

const mon = (time: string): string => `2024-03-04 ${time}`;

const reassigned: TicketEvent[] = [
  at('created', mon('09:00')),
  at('assigned', mon('09:05'), { assignee: 'tech-a' }),
  at('assigned', mon('09:30'), { assignee: 'tech-b' }),
  at('accepted', mon('09:40')),
  at('travelling', mon('09:45')),
  at('waiting_store', mon('10:00')),
  at('resumed', mon('10:20')),
  at('on_site', mon('10:50')),
];

describe('assignment history', () => {
  const withTargets = targets({ acceptMinutes: 15, arrivalMinutes: 60 });

  it('keeps every assignment in order', () => {
    const { assignments } = clocksAt(reassigned, mon('11:00'), { targets: withTargets });
    expect(
      assignments.map(({ assignee, assignedAt, endedAt, endReason, acceptedAt, onSiteAt }) => ({
        assignee,
        assignedAt,
        endedAt,
        endReason,
        acceptedAt,
        onSiteAt,
      })),
    ).toEqual([
      { assignee: 'tech-a', assignedAt: utc(mon('09:05')), endedAt: utc(mon('09:30')), endReason: 'reassigned', acceptedAt: null, onSiteAt: null },
      { assignee: 'tech-b', assignedAt: utc(mon('09:30')), endedAt: null, endReason: null, acceptedAt: utc(mon('09:40')), onSiteAt: utc(mon('10:50')) },
    ]);
  });

  it('measures each assignment from its own start', () => {
    const [first, second] = clocksAt(reassigned, mon('11:00'), { targets: withTargets }).assignments;
    expect(first?.acceptance).toMatchObject({ phase: 'stopped', stopReason: 'reassigned', usedMinutes: 25, status: 'breached' });
    expect(first?.arrival).toMatchObject({ phase: 'stopped', stopReason: 'reassigned', usedMinutes: 25, status: 'met' });
    expect(second?.acceptance).toMatchObject({ phase: 'stopped', stopReason: 'accepted', usedMinutes: 10, status: 'met' });
    expect(second?.arrival).toMatchObject({ phase: 'stopped', stopReason: 'arrived', usedMinutes: 60, pausedMinutes: 20, status: 'met' });
  });

  it('does not reset the ticket clocks', () => {
    const clocks = clocksAt(reassigned, mon('11:00'), { targets: withTargets });
    expect(clocks.response.usedMinutes).toBe(40);
    expect(clocks.response.status).toBe('breached');
    expect(clocks.resolution.usedMinutes).toBe(100);
  });

  it('reads elapsed time without targets', () => {
    const [, second] = clocksAt(reassigned, mon('10:10')).assignments;
    expect(second?.acceptance).toEqual({
      phase: 'stopped',
      targetMinutes: null,
      usedMinutes: 10,
      usedMs: 600_000,
      pausedMinutes: 0,
      stoppedAt: utc(mon('09:40')),
      stopReason: 'accepted',
    });
    expect(second?.arrival).toMatchObject({ phase: 'paused', targetMinutes: null, usedMinutes: 30, pausedMinutes: 10 });
  });

  it('runs until the assignee accepts', () => {
    const events = reassigned.slice(0, 3);
    const clocks = clocksAt(events, mon('09:42'), { targets: withTargets });
    const current = clocks.assignments[1];
    expect(current?.acceptance).toMatchObject({ phase: 'running', usedMinutes: 12, status: 'at_risk', dueAt: utc(mon('09:45')) });
    expect(clocks.nextWakeAt).toBe('2024-03-04T01:45:00.001Z');
  });

  it('ends with the cancellation', () => {
    const events = [...reassigned.slice(0, 3), at('cancelled', mon('09:35'))];
    const [, second] = clocksAt(events, mon('12:00'), { targets: withTargets }).assignments;
    expect(second?.endReason).toBe('cancelled');
    expect(second?.acceptance).toMatchObject({ phase: 'stopped', stopReason: 'cancelled', usedMinutes: 5, status: 'cancelled' });
  });

  it('stops while resolved and resumes on reopen', () => {
    const events: TicketEvent[] = [
      at('created', mon('09:00')),
      at('assigned', mon('09:00'), { assignee: 'tech-a' }),
      at('accepted', mon('09:05')),
      at('resolved', mon('09:30')),
      at('reopened', mon('11:00')),
    ];
    const [only] = clocksAt(events, mon('11:15'), { targets: withTargets }).assignments;
    expect(only?.arrival).toMatchObject({ phase: 'running', usedMinutes: 45, pausedMinutes: 0 });
  });
});
