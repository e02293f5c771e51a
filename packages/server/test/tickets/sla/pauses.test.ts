// Pauses while the ticket waits for parts or for the store, on the office calendar
// (Monday to Friday 09:00-18:00, Shanghai) with a 240-minute resolution target.
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../src/tickets/sla/index.js';
import { at, clocksAt, targets, utc } from './support.js';

const monday = (time: string): string => `2024-03-04 ${time}`;
const created = at('created', monday('09:00'));

interface Want {
  used: number;
  paused: number;
  phase: 'running' | 'paused' | 'stopped';
  due: string;
}

const cases: { name: string; given: { events: TicketEvent[]; now: string }; want: Want }[] = [
  {
    name: 'one pause in business hours',
    given: { events: [created, at('waiting_parts', monday('10:00')), at('resumed', monday('11:00'))], now: monday('12:00') },
    want: { used: 120, paused: 60, phase: 'running', due: monday('14:00') },
  },
  {
    name: 'nested pauses',
    given: {
      events: [
        created,
        at('waiting_parts', monday('10:00')),
        at('waiting_store', monday('10:30')),
        at('resumed', monday('11:00'), { reason: 'store' }),
        at('resumed', monday('12:00'), { reason: 'parts' }),
      ],
      now: monday('13:00'),
    },
    want: { used: 120, paused: 120, phase: 'running', due: monday('15:00') },
  },
  {
    name: 'overlapping pauses',
    given: {
      events: [
        created,
        at('waiting_parts', monday('10:00')),
        at('waiting_store', monday('11:00')),
        at('resumed', monday('12:00'), { reason: 'parts' }),
        at('resumed', monday('13:00'), { reason: 'store' }),
      ],
      now: monday('14:00'),
    },
    want: { used: 120, paused: 180, phase: 'running', due: monday('16:00') },
  },
  {
    name: 'still paused for one reason',
    given: {
      events: [
        created,
        at('waiting_parts', monday('10:00')),
        at('waiting_store', monday('11:00')),
        at('resumed', monday('12:00'), { reason: 'store' }),
      ],
      now: monday('14:00'),
    },
    want: { used: 60, paused: 240, phase: 'paused', due: monday('17:00') },
  },
  {
    name: 'resume without reason ends all',
    given: {
      events: [created, at('waiting_parts', monday('10:00')), at('waiting_store', monday('10:30')), at('resumed', monday('11:00'))],
      now: monday('12:00'),
    },
    want: { used: 120, paused: 60, phase: 'running', due: monday('14:00') },
  },
  {
    name: 'pause open at now',
    given: { events: [created, at('waiting_parts', monday('10:00'))], now: monday('15:00') },
    want: { used: 60, paused: 300, phase: 'paused', due: monday('18:00') },
  },
  {
    name: 'pause open at now after closing',
    given: { events: [created, at('waiting_parts', monday('10:00'))], now: monday('20:00') },
    want: { used: 60, paused: 480, phase: 'paused', due: '2024-03-05 12:00' },
  },
  {
    name: 'pause over the weekend',
    given: {
      events: [at('created', '2024-03-08 16:00'), at('waiting_store', '2024-03-08 17:00'), at('resumed', '2024-03-11 10:00')],
      now: '2024-03-11 11:00',
    },
    want: { used: 120, paused: 120, phase: 'running', due: '2024-03-11 13:00' },
  },
  {
    name: 'pause outside business hours only',
    given: {
      events: [at('created', '2024-03-08 16:00'), at('waiting_store', '2024-03-09 10:00'), at('resumed', '2024-03-10 10:00')],
      now: '2024-03-11 10:00',
    },
    want: { used: 180, paused: 0, phase: 'running', due: '2024-03-11 11:00' },
  },
  {
    name: 'pause from creation',
    given: { events: [created, at('waiting_store', monday('09:00')), at('resumed', monday('10:00'))], now: monday('10:30') },
    want: { used: 30, paused: 60, phase: 'running', due: monday('14:00') },
  },
  {
    name: 'pause of no length',
    given: { events: [created, at('waiting_store', monday('10:00')), at('resumed', monday('10:00'))], now: monday('10:30') },
    want: { used: 90, paused: 0, phase: 'running', due: monday('13:00') },
  },
  {
    name: 'resolution ends the pause',
    given: { events: [created, at('waiting_parts', monday('10:00')), at('resolved', monday('12:00'))], now: monday('15:00') },
    want: { used: 60, paused: 120, phase: 'stopped', due: monday('15:00') },
  },
];

describe('resolution clock with pauses', () => {
  for (const { name, given, want } of cases) {
    it(name, () => {
      const { resolution } = clocksAt(given.events, given.now, { targets: targets({ resolutionMinutes: 240 }) });
      expect(resolution.usedMinutes).toBe(want.used);
      expect(resolution.pausedMinutes).toBe(want.paused);
      expect(resolution.phase).toBe(want.phase);
      expect(resolution.dueAt).toBe(utc(want.due));
    });
  }
});

describe('pause records', () => {
  it('lists pauses and what lasts at now', () => {
    const clocks = clocksAt(
      [created, at('waiting_parts', monday('10:00')), at('waiting_store', monday('11:00')), at('resumed', monday('12:00'), { reason: 'store' })],
      monday('13:00'),
    );
    expect(clocks.pausedFor).toEqual(['parts']);
    expect(clocks.pauses).toEqual([
      { reason: 'parts', startedAt: utc(monday('10:00')), endedAt: null },
      { reason: 'store', startedAt: utc(monday('11:00')), endedAt: utc(monday('12:00')) },
    ]);
  });

  it('pauses the response clock too', () => {
    const clocks = clocksAt(
      [
        created,
        at('waiting_store', monday('09:10')),
        at('resumed', monday('09:40')),
        at('assigned', monday('09:40'), { assignee: 'tech-1' }),
        at('accepted', monday('09:50')),
      ],
      monday('10:00'),
    );
    expect(clocks.response.usedMinutes).toBe(20);
    expect(clocks.response.pausedMinutes).toBe(30);
    expect(clocks.response.status).toBe('met');
  });

  it('wakes no scheduler while paused', () => {
    const clocks = clocksAt([created, at('assigned', monday('09:05'), { assignee: 'tech-1' }), at('accepted', monday('09:10')), at('waiting_parts', monday('10:00'))], monday('12:00'));
    expect(clocks.resolution.phase).toBe('paused');
    expect(clocks.resolution.nextWakeAt).toBeNull();
    expect(clocks.nextWakeAt).toBeNull();
  });

  it('keeps remaining time while paused', () => {
    const events = [created, at('waiting_parts', monday('10:00')), at('resumed', '2024-03-05 10:00')];
    const remaining = ['2024-03-04 10:00', '2024-03-04 17:59', '2024-03-04 23:00', '2024-03-05 09:59'].map(
      (now) => clocksAt(events, now).resolution.remainingMinutes,
    );
    expect(remaining).toEqual([180, 180, 180, 180]);
    expect(clocksAt(events, '2024-03-05 10:30').resolution.remainingMinutes).toBe(150);
  });
});
