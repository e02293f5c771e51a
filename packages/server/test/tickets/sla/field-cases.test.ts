// Field cases of SLA clocks that broke elsewhere: a pause while waiting for the store, a ticket
// raised outside business hours, and a ticket reopened after it was closed.
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, computeTicketClocks, parseBusinessCalendar } from '../../../src/tickets/sla/index.js';
import { alwaysOpen, at, clocksAt, shanghai, targets, utc } from './support.js';

describe('pause while waiting for the store, 24x7, resolve in 480', () => {
  const events = [
    at('created', '2024-03-04 09:00'),
    at('waiting_store', '2024-03-04 10:00'),
    at('resumed', '2024-03-04 14:00'),
    at('resolved', '2024-03-04 17:00'),
  ];
  const options = { calendar: alwaysOpen, targets: targets({ resolutionMinutes: 480 }) };

  it('charges 240 minutes and pauses 240', () => {
    const { resolution } = clocksAt(events, '2024-03-04 18:00', options);
    expect(resolution.usedMinutes).toBe(240);
    expect(resolution.pausedMinutes).toBe(240);
    expect(resolution.phase).toBe('stopped');
  });

  it('is due at 21:00 and met', () => {
    const { resolution } = clocksAt(events, '2024-03-04 18:00', options);
    expect(resolution.dueAt).toBe(utc('2024-03-04 21:00'));
    expect(resolution.status).toBe('met');
    expect(resolution.breachedAt).toBeNull();
  });

  it('keeps 420 minutes left while paused', () => {
    for (const now of ['2024-03-04 10:00', '2024-03-04 12:00', '2024-03-04 13:59', '2024-03-04 14:00']) {
      const clocks = clocksAt(events, now, options);
      expect(clocks.resolution.remainingMinutes, now).toBe(420);
    }
    expect(clocksAt(events, '2024-03-04 12:00', options).resolution.phase).toBe('paused');
    expect(clocksAt(events, '2024-03-04 12:00', options).pausedFor).toEqual(['store']);
    expect(clocksAt(events, '2024-03-04 14:01', options).resolution.remainingMinutes).toBe(419);
  });
});

describe('response within business hours, Mon-Fri 09:00-18:00, respond in 240', () => {
  const calendar = parseBusinessCalendar({
    timeZone: 'Asia/Shanghai',
    weeklyHours: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [{ start: '09:00', end: '18:00' }]]),
    ),
    holidays: [],
  });
  const cases = [
    { name: 'Friday 17:30 runs into Monday', created: '2024-03-08 17:30', started: '2024-03-08 17:30', due: '2024-03-11 12:30' },
    { name: 'Saturday waits for Monday', created: '2024-03-09 10:00', started: '2024-03-11 09:00', due: '2024-03-11 13:00' },
    { name: 'Monday before opening', created: '2024-03-11 08:00', started: '2024-03-11 09:00', due: '2024-03-11 13:00' },
  ];

  for (const { name, created, started, due } of cases) {
    it(name, () => {
      const clocks = computeTicketClocks({
        events: [at('created', created)],
        calendar,
        targets: targets({ responseMinutes: 240 }),
        now: shanghai(created),
      });
      expect(clocks.response.startedAt).toBe(utc(started));
      expect(clocks.response.dueAt).toBe(utc(due));
      expect(addBusinessMinutes(calendar, shanghai(created), 240)).toBe(utc(due));
    });
  }

  it('Friday ticket charges 30 minutes on Friday', () => {
    const clocks = computeTicketClocks({
      events: [at('created', '2024-03-08 17:30')],
      calendar,
      targets: targets({ responseMinutes: 240 }),
      now: shanghai('2024-03-10 12:00'),
    });
    expect(clocks.response.usedMinutes).toBe(30);
    expect(clocks.response.remainingMinutes).toBe(210);
  });
});

describe('reopen after close, 24x7, resolve in 240', () => {
  const events = [
    at('created', '2024-03-04 09:00'),
    at('resolved', '2024-03-04 10:00'),
    at('closed', '2024-03-04 10:30'),
    at('reopened', '2024-03-06 10:00'),
    at('resolved', '2024-03-06 11:00'),
  ];
  const options = { calendar: alwaysOpen, targets: targets({ resolutionMinutes: 240 }) };

  it('charges 120 minutes and is met', () => {
    const clocks = clocksAt(events, '2024-03-06 12:00', options);
    expect(clocks.resolution.usedMinutes).toBe(120);
    expect(clocks.resolution.status).toBe('met');
    expect(clocks.reopenCount).toBe(1);
  });

  it('does not charge the closed days', () => {
    const whileClosed = clocksAt(events, '2024-03-05 18:00', options);
    expect(whileClosed.state).toBe('closed');
    expect(whileClosed.resolution.usedMinutes).toBe(60);
    expect(whileClosed.resolution.status).toBe('met');
    expect(whileClosed.resolution.breachedAt).toBeNull();
  });

  it('is due at 13:00 after reopening', () => {
    const reopened = clocksAt(events, '2024-03-06 10:00', options);
    expect(reopened.state).toBe('open');
    expect(reopened.resolution.phase).toBe('running');
    expect(reopened.resolution.status).toBe('on_track');
    expect(reopened.resolution.dueAt).toBe(utc('2024-03-06 13:00'));
    expect(clocksAt(events, '2024-03-06 10:45', options).resolution.dueAt).toBe(utc('2024-03-06 13:00'));
    expect(clocksAt(events, '2024-03-06 12:00', options).resolution.dueAt).toBe(utc('2024-03-06 13:00'));
  });
});
