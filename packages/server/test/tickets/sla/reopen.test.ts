// Reopening a resolved or closed ticket: the time in between is not charged and the clock
// resumes from what it had used.
import { describe, expect, it } from 'vitest';
import type { SlaClock, TicketEvent } from '../../../src/tickets/sla/index.js';
import { alwaysOpen, at, clocksAt, targets, utc } from './support.js';

const day = (date: string) => (time: string) => `2024-03-${date} ${time}`;
const mon = day('04');
const tue = day('05');
const wed = day('06');

// 24x7, resolve in 240: resolved after 60, reopened, resolved after 90 more, reopened again.
const twiceReopened: TicketEvent[] = [
  at('created', mon('09:00')),
  at('resolved', mon('10:00')),
  at('closed', mon('10:30')),
  at('reopened', tue('09:00')),
  at('resolved', tue('10:30')),
  at('reopened', wed('09:00')),
  at('resolved', wed('11:00')),
];

type Want = Pick<SlaClock, 'usedMinutes' | 'remainingMinutes' | 'phase' | 'status' | 'dueAt' | 'breachedAt'> & { state: string; reopens: number };

describe('several reopens, 24x7, resolve in 240', () => {
  const cases: { name: string; given: string; want: Want }[] = [
    {
      name: 'after first resolution',
      given: mon('20:00'),
      want: { state: 'closed', reopens: 0, usedMinutes: 60, remainingMinutes: 180, phase: 'stopped', status: 'met', dueAt: utc(mon('13:00')), breachedAt: null },
    },
    {
      name: 'after first reopen',
      given: tue('10:00'),
      want: { state: 'open', reopens: 1, usedMinutes: 120, remainingMinutes: 120, phase: 'running', status: 'on_track', dueAt: utc(tue('12:00')), breachedAt: null },
    },
    {
      name: 'between reopens',
      given: tue('23:00'),
      want: { state: 'resolved', reopens: 1, usedMinutes: 150, remainingMinutes: 90, phase: 'stopped', status: 'met', dueAt: utc(tue('12:00')), breachedAt: null },
    },
    {
      name: 'at risk after second reopen',
      given: wed('10:00'),
      want: { state: 'open', reopens: 2, usedMinutes: 210, remainingMinutes: 30, phase: 'running', status: 'at_risk', dueAt: utc(wed('10:30')), breachedAt: null },
    },
    {
      name: 'breached after second reopen',
      given: wed('10:45'),
      want: { state: 'open', reopens: 2, usedMinutes: 255, remainingMinutes: 0, phase: 'running', status: 'breached', dueAt: utc(wed('10:30')), breachedAt: utc(wed('10:30')) },
    },
    {
      name: 'breach kept after resolution',
      given: wed('12:00'),
      want: { state: 'resolved', reopens: 2, usedMinutes: 270, remainingMinutes: 0, phase: 'stopped', status: 'breached', dueAt: utc(wed('10:30')), breachedAt: utc(wed('10:30')) },
    },
  ];

  for (const { name, given, want } of cases) {
    it(name, () => {
      const clocks = clocksAt(twiceReopened, given, { calendar: alwaysOpen, targets: targets({ resolutionMinutes: 240 }) });
      const { resolution } = clocks;
      expect({
        state: clocks.state,
        reopens: clocks.reopenCount,
        usedMinutes: resolution.usedMinutes,
        remainingMinutes: resolution.remainingMinutes,
        phase: resolution.phase,
        status: resolution.status,
        dueAt: resolution.dueAt,
        breachedAt: resolution.breachedAt,
      }).toEqual(want);
    });
  }

  it('reports overdue minutes', () => {
    const clocks = clocksAt(twiceReopened, wed('12:00'), { calendar: alwaysOpen, targets: targets({ resolutionMinutes: 240 }) });
    expect(clocks.resolution.overdueMinutes).toBe(30);
  });
});

describe('reopen on the office calendar', () => {
  const events: TicketEvent[] = [
    at('created', mon('09:00')),
    at('assigned', mon('09:05'), { assignee: 'tech-1' }),
    at('accepted', mon('09:10')),
    at('resolved', mon('12:00')),
    at('closed', mon('13:00')),
    at('reopened', wed('09:00')),
  ];

  it('shows no breach while closed past the projected due time', () => {
    const closed = clocksAt(events, tue('15:00'));
    expect(closed.resolution.dueAt).toBe(utc(mon('13:00')));
    expect(closed.resolution.status).toBe('met');
    expect(closed.resolution.breachedAt).toBeNull();
    expect(closed.nextWakeAt).toBeNull();
  });

  it('resumes from the time used', () => {
    const reopened = clocksAt(events, wed('09:30'));
    expect(reopened.resolution.usedMinutes).toBe(210);
    expect(reopened.resolution.status).toBe('at_risk');
    expect(reopened.resolution.dueAt).toBe(utc(wed('10:00')));
    expect(reopened.resolution.nextWakeAt).toBe('2024-03-06T02:00:00.001Z');
  });

  it('keeps the response clock stopped', () => {
    const reopened = clocksAt(events, wed('09:30'));
    expect(reopened.response.phase).toBe('stopped');
    expect(reopened.response.stopReason).toBe('responded');
    expect(reopened.response.usedMinutes).toBe(10);
    expect(reopened.response.status).toBe('met');
  });

  it('resumes at the next opening when reopened at the weekend', () => {
    const weekend: TicketEvent[] = [
      at('created', '2024-03-08 13:30'),
      at('resolved', '2024-03-08 17:00'),
      at('reopened', '2024-03-09 10:00'),
    ];
    const clocks = clocksAt(weekend, '2024-03-09 12:00');
    expect(clocks.resolution.phase).toBe('running');
    expect(clocks.resolution.usedMinutes).toBe(210);
    expect(clocks.resolution.status).toBe('at_risk');
    expect(clocks.resolution.dueAt).toBe(utc('2024-03-11 09:30'));
    expect(clocks.resolution.startedAt).toBe(utc('2024-03-08 13:30'));
    expect(clocks.resolution.nextWakeAt).toBe('2024-03-11T01:30:00.001Z');
  });

  it('reopens a resolved ticket that was never closed', () => {
    const clocks = clocksAt(
      [at('created', mon('09:00')), at('resolved', mon('10:00')), at('verified', mon('10:10')), at('reopened', mon('11:00'))],
      mon('11:30'),
    );
    expect(clocks.resolution.usedMinutes).toBe(90);
    expect(clocks.state).toBe('open');
  });
});
