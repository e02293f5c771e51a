// Field cases B30 (pause while waiting for the store), B31 (business hours) and B33 (reopen
// after close), end to end: calendars and targets set over HTTP, the timeline posted as steps
// with their times, the clocks read back. Right results from the cases' EXPECTED.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;
const utc = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();

beforeAll(async () => {
  world = await startWorld('2024-03-20T00:00:00Z');
  await world.ok('POST', '/stores', { code: 'S24', name: '24 小时店' });
  await world.ok('POST', '/stores', { code: 'SWD', name: '工作日店' });
  await world.ok('PUT', '/stores/S24/business-calendar', { calendar: { time_zone: 'Asia/Shanghai', always_open: true } });
  const weekdays = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '18:00' }]]));
  await world.ok('PUT', '/stores/SWD/business-calendar', { calendar: { time_zone: 'Asia/Shanghai', weekly_hours: weekdays, holidays: [] } });
  await world.ok('PUT', '/sla-policy', {
    warn_at_percent: 80,
    rules: [
      { category: 'plumbing', response_minutes: 480, resolution_minutes: 480 },
      { category: 'electrical', response_minutes: 240, resolution_minutes: 2400 },
      { category: 'hvac', response_minutes: 240, resolution_minutes: 240 },
    ],
  });
});
afterAll(() => world.server.close());

async function ticketWith(store: string, category: string, reportedAt: string, steps: [string, string, Record<string, unknown>?][]): Promise<string> {
  const created = await world.ok('POST', '/tickets', { store_code: store, category, title: `case ${category}`, reported_at: utc(reportedAt) });
  for (const [to, at, extra] of steps) await world.ok('POST', `/tickets/${created.code}/transitions`, { to, at: utc(at), ...extra });
  return created.code;
}

const clocksAt = (code: string, local: string) => world.ok('GET', `/tickets/${code}/sla?at=${encodeURIComponent(utc(local))}`);

describe('B30: waiting for the store pauses the clock (24x7, resolve in 480)', () => {
  let code: string;
  beforeAll(async () => {
    code = await ticketWith('S24', 'plumbing', '2024-03-04 09:00', [
      ['waiting_store', '2024-03-04 10:00'],
      ['resumed', '2024-03-04 14:00'],
      ['resolved', '2024-03-04 17:00'],
    ]);
  });

  it('charges 240 minutes, pauses 240, due 21:00 and met', async () => {
    const clocks = await clocksAt(code, '2024-03-04 18:00');
    expect(clocks.resolution).toMatchObject({ used_minutes: 240, paused_minutes: 240, status: 'met', due_at: utc('2024-03-04 21:00'), breached_at: null });
    const ticket = await world.ok('GET', `/tickets/${code}`);
    expect(ticket).toMatchObject({ status: 'resolved', resolution_status: 'met', resolution_due_at: utc('2024-03-04 21:00') });
  });

  it('keeps 420 minutes left while paused, counting again after 14:00', async () => {
    for (const at of ['2024-03-04 10:00', '2024-03-04 12:00', '2024-03-04 13:59']) {
      expect((await clocksAt(code, at)).resolution.remaining_minutes, at).toBe(420);
    }
    expect((await clocksAt(code, '2024-03-04 12:00')).paused_for).toEqual(['store']);
    expect((await clocksAt(code, '2024-03-04 14:01')).resolution.remaining_minutes).toBe(419);
  });
});

describe('B31: response in business hours (Mon–Fri 09:00–18:00, respond in 240)', () => {
  const cases = [
    { id: 'WO-1', created: '2024-03-08 17:30', started: '2024-03-08 17:30', due: '2024-03-11 12:30' },
    { id: 'WO-2', created: '2024-03-09 10:00', started: '2024-03-11 09:00', due: '2024-03-11 13:00' },
    { id: 'WO-3', created: '2024-03-11 08:00', started: '2024-03-11 09:00', due: '2024-03-11 13:00' },
  ];
  for (const { id, created, started, due } of cases) {
    it(`${id} reported ${created} is due ${due}`, async () => {
      const code = await ticketWith('SWD', 'electrical', created, []);
      const ticket = await world.ok('GET', `/tickets/${code}`);
      expect(ticket.response_due_at).toBe(utc(due));
      expect((await clocksAt(code, created)).response.started_at).toBe(utc(started));
    });
  }

  it('WO-1 has used 30 minutes by Sunday and 210 remain', async () => {
    const code = await ticketWith('SWD', 'electrical', '2024-03-08 17:30', []);
    const clocks = await clocksAt(code, '2024-03-10 12:00');
    expect(clocks.response).toMatchObject({ used_minutes: 30, remaining_minutes: 210 });
  });
});

describe('B33: reopened after close (24x7, resolve in 240)', () => {
  let code: string;
  beforeAll(async () => {
    code = await ticketWith('S24', 'hvac', '2024-03-04 09:00', [
      ['resolved', '2024-03-04 10:00'],
      ['closed', '2024-03-04 10:30'],
      ['reopened', '2024-03-06 10:00', { note: 'reopened' }],
      ['resolved', '2024-03-06 11:00'],
    ]);
  });

  it('charges 120 of 240 minutes and is met', async () => {
    const clocks = await clocksAt(code, '2024-03-06 12:00');
    expect(clocks.resolution).toMatchObject({ used_minutes: 120, status: 'met' });
    expect(clocks.reopen_count).toBe(1);
  });

  it('does not charge the days it was closed, nor flag them overdue', async () => {
    const clocks = await clocksAt(code, '2024-03-05 18:00');
    expect(clocks.state).toBe('closed');
    expect(clocks.resolution).toMatchObject({ used_minutes: 60, status: 'met', breached_at: null });
  });

  it('is due at 13:00 once reopened', async () => {
    for (const at of ['2024-03-06 10:00', '2024-03-06 10:45']) {
      const clocks = await clocksAt(code, at);
      expect(clocks.resolution, at).toMatchObject({ phase: 'running', status: 'on_track', due_at: utc('2024-03-06 13:00') });
    }
  });

  it('answered within the contract', () => expect(world.server.violations).toEqual([]));
});
