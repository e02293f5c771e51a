// A ticket from report to close over HTTP: steps, refused steps, reassignment, events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;

beforeAll(async () => {
  world = await startWorld('2024-03-04T01:00:00Z'); // Monday 09:00 in Shanghai
  await seedMasterData(world);
});
afterAll(() => world.server.close());

const step = (code: string, to: string, extra: Record<string, unknown> = {}) => world.call('POST', `/tickets/${code}/transitions`, { to, ...extra });

describe('a ticket from report to close', () => {
  let code: string;

  it('creates a ticket with its clocks in the store’s business hours', async () => {
    const created = await world.call('POST', '/tickets', {
      store_code: '0001', asset_code: 'A-FRY-1', category: 'fryer', priority: 'high', title: '炸炉不加热', reporter_name: '店长小陈', reporter_language: 'zh-CN',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    code = created.body.code;
    expect(code).toMatch(/^WO-\d{6}$/);
    expect(created.body).toMatchObject({ status: 'new', is_open: true, kind: 'failure', source: 'person', response_status: 'on_track' });
    // High: response 60, resolution 480 business minutes; the default hours are 07:00–22:00.
    expect(created.body.response_due_at).toBe('2024-03-04T02:00:00.000Z');
    expect(created.body.resolution_due_at).toBe('2024-03-04T09:00:00.000Z');
    expect(created.body.timeline).toEqual([expect.objectContaining({ type: 'created', at: '2024-03-04T01:00:00.000Z' })]);
    expect(world.server.violations).toEqual([]);
  });

  it('refuses a step the status does not allow and lists the allowed ones', async () => {
    const reply = await world.call('POST', `/tickets/${code}/transitions`, { to: 'on_site' }, { 'accept-language': 'zh-CN' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('ticket_transition_invalid');
    expect(reply.body.params.allowed).toEqual(['assigned', 'waiting_store', 'resolved', 'cancelled']);
    expect(reply.body.detail).toContain('允许的下一步');
  });

  it('assigns, reassigns and keeps each assignment’s clock', async () => {
    world.clock.advanceMinutes(10);
    expect((await world.call('POST', `/tickets/${code}/assign`, { technician_code: 'T02' })).status).toBe(200);
    world.clock.advanceMinutes(20);
    const reassigned = await world.call('POST', `/tickets/${code}/assign`, { technician_code: 'T01' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.assignee_code).toBe('T01');
    expect(reassigned.body.expected_arrival_at).not.toBeNull();
    const assignments = reassigned.body.clocks.assignments;
    expect(assignments.map((a: any) => [a.assignee_code, a.end_reason])).toEqual([['T02', 'reassigned'], ['T01', null]]);
    expect(assignments[0].acceptance.used_minutes).toBe(20);
    // The ticket's own response clock was not reset by the reassignment.
    expect(reassigned.body.clocks.response.used_minutes).toBe(30);
  });

  it('rejects an assignee who is not a technician', async () => {
    await world.ok('POST', '/employees', { code: 'C01', name: '收银员', role: 'cashier' });
    const reply = await world.call('POST', `/tickets/${code}/assign`, { technician_code: 'C01' });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ field: 'body.technician_code', code: 'not_a_technician' });
  });

  it('walks the work steps, pausing while waiting for parts', async () => {
    world.clock.advanceMinutes(5);
    expect((await step(code, 'accepted')).body.first_response_at).toBe('2024-03-04T01:35:00.000Z');
    world.clock.advanceMinutes(5);
    expect((await step(code, 'travelling')).body.status).toBe('travelling');
    world.clock.advanceMinutes(20);
    const onSite = await step(code, 'on_site');
    expect(onSite.body.expected_arrival_at).toBeNull();
    world.clock.advanceMinutes(30);
    expect((await step(code, 'waiting_parts', { note: '等待温控器' })).body.status).toBe('waiting_parts');
    world.clock.advanceMinutes(120);
    const paused = await world.call('GET', `/tickets/${code}/sla`);
    expect(paused.body.resolution.phase).toBe('paused');
    expect(paused.body.paused_for).toEqual(['parts']);
    expect(paused.body.resolution.used_minutes).toBe(90);
    const resumed = await step(code, 'resumed', { reason: 'parts' });
    expect(resumed.body.status).toBe('on_site');
    world.clock.advanceMinutes(15);
    const resolved = await step(code, 'resolved');
    expect(resolved.body).toMatchObject({ status: 'resolved', is_open: false, resolution_status: 'met' });
    expect(resolved.body.clocks.resolution.used_minutes).toBe(105);
    expect(resolved.body.clocks.resolution.paused_minutes).toBe(120);
  });

  it('takes a rating only with verified', async () => {
    expect((await step(code, 'closed', { rating: 5 })).status).toBe(422);
    const verified = await step(code, 'verified', { rating: 4 });
    expect(verified.body).toMatchObject({ status: 'verified', rating: 4 });
    expect((await step(code, 'closed')).body.status).toBe('closed');
  });

  it('reopens a closed ticket without charging the closed time', async () => {
    world.clock.advanceMinutes(600);
    const reopened = await step(code, 'reopened', { note: '又不加热了' });
    expect(reopened.body).toMatchObject({ status: 'reopened', is_open: true, reopen_count: 1, resolved_at: null });
    expect(reopened.body.clocks.resolution.used_minutes).toBe(105);
    expect(reopened.body.clocks.resolution.phase).toBe('running');
  });

  it('refuses a step dated before the last one', async () => {
    const reply = await step(code, 'accepted', { at: '2024-03-04T01:00:00Z' });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('ticket_event_time_invalid');
  });

  it('wrote one outbox event per step, readable by cursor', async () => {
    const first = await world.ok('GET', '/events?limit=3');
    expect(first.data.map((e: any) => e.type)).toEqual(['ticket.created', 'ticket.assigned', 'ticket.assigned']);
    const rest = await world.ok('GET', `/events?cursor=${first.next_cursor}&limit=100`);
    expect(rest.data.map((e: any) => e.type)).toEqual([
      'ticket.accepted', 'ticket.travelling', 'ticket.on_site', 'ticket.waiting_parts', 'ticket.resumed',
      'ticket.resolved', 'ticket.verified', 'ticket.closed', 'ticket.reopened',
    ]);
    const onlyAssigned = await world.ok('GET', '/events?type=ticket.assign*');
    expect(onlyAssigned.data).toEqual([]);
    expect((await world.ok('GET', '/events?type=ticket.*&limit=500')).data).toHaveLength(12);
  });

  it('lists and filters tickets with cursor pages', async () => {
    for (let i = 0; i < 3; i++) {
      world.clock.advanceMinutes(1);
      await world.ok('POST', '/tickets', { store_code: '0002', category: 'plumbing', title: `漏水 ${i}` });
    }
    const page1 = await world.ok('GET', '/tickets?store_code=0002&limit=2');
    expect(page1.data.map((t: any) => t.title)).toEqual(['漏水 2', '漏水 1']);
    const page2 = await world.ok('GET', `/tickets?store_code=0002&limit=2&cursor=${page1.next_cursor}`);
    expect(page2.data.map((t: any) => t.title)).toEqual(['漏水 0']);
    expect(page2.next_cursor).toBeNull();
    expect((await world.ok('GET', '/tickets?open=true&unassigned=true')).data).toHaveLength(3);
  });

  it('limits store managers to their stores', async () => {
    const manager = await world.server.token('store_manager', ['0002']);
    const mine = await world.call('GET', '/tickets', undefined, {}, manager);
    expect(mine.body.data.every((t: any) => t.store_code === '0002')).toBe(true);
    expect((await world.call('GET', `/tickets/${code}`, undefined, {}, manager)).status).toBe(403);
    expect((await world.call('POST', '/tickets', { store_code: '0001', category: 'fryer', title: 'x' }, {}, manager)).status).toBe(403);
  });

  it('answered every request within the contract', () => {
    expect(world.server.violations).toEqual([]);
  });
});
