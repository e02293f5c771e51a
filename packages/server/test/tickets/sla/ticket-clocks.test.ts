// One ticket from policy to clocks, as the ticket service will call the module: a P1
// refrigeration fault at a coffee shop open 07:00-22:00 every day.
import { describe, expect, it } from 'vitest';
import {
  computeTicketClocks,
  parseBusinessCalendar,
  parseSlaPolicy,
  selectSlaTargets,
  summarizeClock,
  type TicketEvent,
} from '../../../src/tickets/sla/index.js';

const calendar = parseBusinessCalendar({
  timeZone: 'Asia/Shanghai',
  weeklyHours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, [{ start: '07:00', end: '22:00' }]]),
  ),
});
const policy = parseSlaPolicy({
  rules: [
    { responseMinutes: 120, resolutionMinutes: 1440 },
    { priority: 'P1', category: 'refrigeration', responseMinutes: 30, resolutionMinutes: 240, arrivalMinutes: 90 },
  ],
});
const events: TicketEvent[] = [
  { type: 'created', at: '2024-03-04T21:40:00+08:00' },
  { type: 'assigned', at: '2024-03-04T21:45:00+08:00', assignee: 'li.wei' },
  { type: 'accepted', at: '2024-03-04T21:50:00+08:00' },
  { type: 'travelling', at: '2024-03-05T07:10:00+08:00' },
  { type: 'on_site', at: '2024-03-05T07:40:00+08:00' },
  { type: 'waiting_parts', at: '2024-03-05T08:00:00+08:00' },
  { type: 'resumed', at: '2024-03-05T10:00:00+08:00', reason: 'parts' },
];

describe('computeTicketClocks', () => {
  const clocks = computeTicketClocks({
    events,
    calendar,
    targets: selectSlaTargets(policy, { priority: 'P1', category: 'refrigeration' }),
    now: '2024-03-05T11:00:00+08:00',
  });

  it('reads the ticket state', () => {
    expect(clocks.evaluatedAt).toBe('2024-03-05T03:00:00.000Z');
    expect(clocks.state).toBe('open');
    expect(clocks.pausedFor).toEqual([]);
    expect(clocks.pauses).toEqual([{ reason: 'parts', startedAt: '2024-03-05T00:00:00.000Z', endedAt: '2024-03-05T02:00:00.000Z' }]);
    expect(clocks.reopenCount).toBe(0);
    expect(clocks.nextWakeAt).toBe('2024-03-05T03:52:00.000Z');
  });

  it('stops the response clock at acceptance', () => {
    expect(clocks.response).toMatchObject({ phase: 'stopped', status: 'met', usedMinutes: 10, stopReason: 'responded' });
  });

  it('runs the resolution clock in business hours', () => {
    expect(clocks.resolution).toEqual({
      phase: 'running',
      status: 'on_track',
      targetMinutes: 240,
      usedMinutes: 140,
      usedMs: 140 * 60_000,
      remainingMinutes: 100,
      remainingMs: 100 * 60_000,
      overdueMinutes: 0,
      pausedMinutes: 120,
      startedAt: '2024-03-04T13:40:00.000Z',
      stoppedAt: null,
      stopReason: null,
      dueAt: '2024-03-05T04:40:00.000Z',
      warnAt: '2024-03-05T03:52:00.000Z',
      breachedAt: null,
      nextWakeAt: '2024-03-05T03:52:00.000Z',
    });
  });

  it('times the arrival over the closed night', () => {
    expect(clocks.assignments).toHaveLength(1);
    expect(clocks.assignments[0]?.arrival).toMatchObject({ status: 'met', usedMinutes: 55, stopReason: 'arrived' });
    expect(clocks.assignments[0]?.acceptance).toMatchObject({ targetMinutes: null, usedMinutes: 5 });
  });

  it('summarizes the resolution clock', () => {
    expect(summarizeClock('zh-CN', 'resolution', clocks.resolution, calendar.timeZone)).toBe('解决时限：剩余 100 分钟，截止 2024-03-05 12:40。');
  });
});
