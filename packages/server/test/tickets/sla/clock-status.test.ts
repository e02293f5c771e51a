// Status of a clock against its target on the office calendar (Monday to Friday 09:00-18:00,
// Shanghai): on track, at risk from the warning share, breached past the target, met when stopped.
import { describe, expect, it } from 'vitest';
import { computeTicketClocks, type SlaClock, type TicketEvent } from '../../../src/tickets/sla/index.js';
import { at, clocksAt, officeCalendar, shanghai, targets, utc } from './support.js';

const mon = (time: string): string => `2024-03-04 ${time}`;
const created = at('created', mon('09:00'));
// The response clock is given a long target so that it does not mask the resolution clock.
const resolveIn100 = targets({ responseMinutes: 1000, resolutionMinutes: 100 });

describe('status against a 100-minute target, warning at 80 %', () => {
  const cases: { name: string; given: string; want: Pick<SlaClock, 'status' | 'usedMinutes' | 'remainingMinutes' | 'nextWakeAt'> }[] = [
    { name: 'on track', given: mon('10:19'), want: { status: 'on_track', usedMinutes: 79, remainingMinutes: 21, nextWakeAt: utc(mon('10:20')) } },
    { name: 'at risk at 80 %', given: mon('10:20'), want: { status: 'at_risk', usedMinutes: 80, remainingMinutes: 20, nextWakeAt: '2024-03-04T02:40:00.001Z' } },
    { name: 'at risk at the due instant', given: mon('10:40'), want: { status: 'at_risk', usedMinutes: 100, remainingMinutes: 0, nextWakeAt: '2024-03-04T02:40:00.001Z' } },
    { name: 'breached after due', given: mon('10:41'), want: { status: 'breached', usedMinutes: 101, remainingMinutes: 0, nextWakeAt: null } },
  ];

  for (const { name, given, want } of cases) {
    it(name, () => {
      const { resolution } = clocksAt([created], given, { targets: resolveIn100 });
      expect({
        status: resolution.status,
        usedMinutes: resolution.usedMinutes,
        remainingMinutes: resolution.remainingMinutes,
        nextWakeAt: resolution.nextWakeAt,
      }).toEqual(want);
      expect(resolution.dueAt).toBe(utc(mon('10:40')));
      expect(resolution.warnAt).toBe(utc(mon('10:20')));
    });
  }

  it('breached one millisecond after due', () => {
    const clocks = computeTicketClocks({ events: [created], calendar: officeCalendar, targets: resolveIn100, now: Date.parse('2024-03-04T02:40:00.001Z') });
    expect(clocks.resolution.status).toBe('breached');
    expect(clocks.resolution.breachedAt).toBe(utc(mon('10:40')));
    expect(clocks.resolution.overdueMinutes).toBe(0);
  });

  it('met when resolved at the due instant', () => {
    const { resolution } = clocksAt([created, at('resolved', mon('10:40'))], mon('12:00'), { targets: resolveIn100 });
    expect(resolution.status).toBe('met');
    expect(resolution.stopReason).toBe('resolved');
    expect(resolution.stoppedAt).toBe(utc(mon('10:40')));
  });

  it('wakes at the breach over a closed night', () => {
    // 100 minutes from 16:20 run out at closing, so the status changes at the next opening.
    const { resolution } = clocksAt([at('created', mon('16:20'))], mon('17:59'), { targets: resolveIn100 });
    expect(resolution.dueAt).toBe(utc(mon('18:00')));
    expect(resolution.nextWakeAt).toBe('2024-03-05T01:00:00.001Z');
  });

  it('gives the ticket the earliest wake time', () => {
    const clocks = clocksAt([created], mon('09:10'), { targets: targets({ responseMinutes: 30, resolutionMinutes: 100 }) });
    expect(clocks.response.nextWakeAt).toBe(utc(mon('09:24')));
    expect(clocks.nextWakeAt).toBe(utc(mon('09:24')));
  });
});

describe('warning thresholds at 09:30, 30 of 100 minutes used', () => {
  const cases: { name: string; given: number; want: { warnAt: string; status: string } }[] = [
    { name: 'warn at 0 %', given: 0, want: { warnAt: mon('09:00'), status: 'at_risk' } },
    { name: 'warn at 30 %, reached now', given: 30, want: { warnAt: mon('09:30'), status: 'at_risk' } },
    { name: 'warn at 31 %', given: 31, want: { warnAt: mon('09:31'), status: 'on_track' } },
    { name: 'warn at 50 %', given: 50, want: { warnAt: mon('09:50'), status: 'on_track' } },
    { name: 'warn at 100 %', given: 100, want: { warnAt: mon('10:40'), status: 'on_track' } },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const { resolution } = clocksAt([created], mon('09:30'), { targets: targets({ resolutionMinutes: 100, warnAtPercent: given }) });
      expect(resolution.warnAt).toBe(utc(want.warnAt));
      expect(resolution.status).toBe(want.status);
    });
  }
});

describe('zero-minute targets', () => {
  const respondNow = targets({ responseMinutes: 0 });
  const assigned = at('assigned', mon('10:00'), { assignee: 'tech-1' });

  it('due at creation in business hours', () => {
    const { response } = clocksAt([at('created', mon('10:00'))], mon('10:00'), { targets: respondNow });
    expect(response.dueAt).toBe(utc(mon('10:00')));
    expect(response.status).toBe('at_risk');
    expect(response.remainingMinutes).toBe(0);
  });

  it('met by an immediate acceptance', () => {
    const { response } = clocksAt([at('created', mon('10:00')), assigned, at('accepted', mon('10:00'))], mon('11:00'), { targets: respondNow });
    expect(response.status).toBe('met');
  });

  it('breached by a later acceptance', () => {
    const { response } = clocksAt([at('created', mon('10:00')), assigned, at('accepted', mon('10:01'))], mon('11:00'), { targets: respondNow });
    expect(response.status).toBe('breached');
    expect(response.overdueMinutes).toBe(1);
  });

  it('due at the next opening from Saturday', () => {
    const events: TicketEvent[] = [at('created', '2024-03-09 10:00')];
    const { response } = clocksAt(events, '2024-03-09 11:00', { targets: respondNow });
    expect(response.dueAt).toBe(utc('2024-03-11 09:00'));
    expect(response.startedAt).toBe(utc('2024-03-11 09:00'));
    expect(response.status).toBe('at_risk');
  });

  it('met by an acceptance on Saturday', () => {
    const events: TicketEvent[] = [
      at('created', '2024-03-09 10:00'),
      at('assigned', '2024-03-09 10:05', { assignee: 'tech-1' }),
      at('accepted', '2024-03-09 12:00'),
    ];
    expect(clocksAt(events, '2024-03-11 12:00', { targets: respondNow }).response.status).toBe('met');
  });
});

describe('response clock', () => {
  const events: TicketEvent[] = [
    created,
    at('assigned', mon('09:05'), { assignee: 'tech-1' }),
    at('accepted', mon('09:20')),
    at('travelling', mon('09:25')),
    at('on_site', mon('10:00')),
  ];

  it('stops at acceptance by default', () => {
    const { response } = clocksAt(events, mon('11:00'));
    expect(response.usedMinutes).toBe(20);
    expect(response.status).toBe('met');
  });

  it('stops on site when configured', () => {
    const { response } = clocksAt(events, mon('11:00'), { targets: targets({ responseEndsOn: 'on_site' }) });
    expect(response.usedMinutes).toBe(60);
    expect(response.status).toBe('breached');
    expect(response.breachedAt).toBe(utc(mon('09:30')));
  });

  it('stops at travelling without acceptance', () => {
    const { response } = clocksAt([created, at('assigned', mon('09:05'), { assignee: 'tech-1' }), at('travelling', mon('09:12'))], mon('11:00'));
    expect(response.usedMinutes).toBe(12);
  });

  it('stops when resolved first', () => {
    const { response } = clocksAt([created, at('resolved', mon('09:15'))], mon('11:00'));
    expect(response.stopReason).toBe('resolved');
    expect(response.status).toBe('met');
  });

  it('shows cancellation', () => {
    const clocks = clocksAt([created, at('cancelled', mon('09:15'))], mon('11:00'));
    expect(clocks.state).toBe('cancelled');
    expect(clocks.response.status).toBe('cancelled');
    expect(clocks.resolution.status).toBe('cancelled');
    expect(clocks.resolution.stopReason).toBe('cancelled');
  });

  it('keeps a breach through cancellation', () => {
    const clocks = clocksAt([created, at('cancelled', mon('10:00'))], mon('11:00'));
    expect(clocks.response.status).toBe('breached');
  });
});

describe('exact time', () => {
  it('rounds used minutes down and remaining up', () => {
    const clocks = computeTicketClocks({
      events: [{ type: 'created', at: '2024-03-04T09:00:30+08:00' }],
      calendar: officeCalendar,
      targets: targets(),
      now: shanghai(mon('09:10')),
    });
    expect(clocks.resolution.usedMs).toBe(570_000);
    expect(clocks.resolution.usedMinutes).toBe(9);
    expect(clocks.resolution.remainingMs).toBe(240 * 60_000 - 570_000);
    expect(clocks.resolution.remainingMinutes).toBe(231);
  });

  it('accepts epoch milliseconds and sub-millisecond fractions', () => {
    const clocks = computeTicketClocks({
      events: [{ type: 'created', at: Date.parse('2024-03-04T01:00:00Z') }, { type: 'waiting_parts', at: '2024-03-04T01:30:00.000999Z' }],
      calendar: officeCalendar,
      targets: targets(),
      now: '2024-03-04T02:00:00Z',
    });
    expect(clocks.resolution.usedMs).toBe(30 * 60_000);
    expect(clocks.evaluatedAt).toBe('2024-03-04T02:00:00.000Z');
  });

  it('counts every minute for 24x7 targets', () => {
    const { resolution } = clocksAt([at('created', '2024-03-08 17:00')], '2024-03-09 12:00', { targets: targets({ hours: '24x7' }) });
    expect(resolution.usedMinutes).toBe(19 * 60);
    expect(resolution.status).toBe('breached');
  });
});
