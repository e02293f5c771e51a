// Ranking technicians with reasons, auto-assignment by rule, the travel-time table and the
// balanced dispatch of every open ticket, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;

beforeAll(async () => {
  world = await startWorld('2024-03-04T02:00:00Z'); // Monday 10:00 in Shanghai
  await seedMasterData(world);
});
afterAll(() => world.server.close());

describe('ranking', () => {
  let code: string;

  it('ranks the near fryer expert first and explains each factor', async () => {
    code = (await world.ok('POST', '/tickets', { store_code: '0001', asset_code: 'A-FRY-1', category: 'fryer', title: '炸炉不加热' })).code;
    const ranking = await world.call('GET', `/tickets/${code}/candidates`, undefined, { 'accept-language': 'zh-CN' });
    expect(ranking.status).toBe(200);
    const [first, second, third] = ranking.body.data;
    expect([first.technician_code, second.technician_code, third.technician_code]).toEqual(['T01', 'T02', 'T03']);
    expect(first).toMatchObject({ rank: 1, eligible: true, travel_source: 'great_circle', skill_level: 5, open_tickets: 0, on_duty: true, parts_in_stock: null });
    expect(first.reasons.map((r: any) => r.factor)).toEqual(['travel', 'skill', 'sla_slack', 'parts', 'working_hours', 'workload']);
    expect(first.reasons[1].detail).toBe('技能 fryer 等级 5/5');
    expect(third).toMatchObject({ eligible: false });
    expect(third.reasons.find((r: any) => r.factor === 'skill').detail).toBe('不具备技能 fryer');
  });

  it('prefers the imported travel-time table to distance', async () => {
    await world.ok('PUT', '/dispatch/travel-times', { rows: [{ technician_code: 'T01', store_code: '0001', minutes: 95 }] });
    const ranking = await world.ok('GET', `/tickets/${code}/candidates`);
    const t01 = ranking.data.find((c: any) => c.technician_code === 'T01');
    expect(t01).toMatchObject({ travel_source: 'table', travel_minutes: 95 });
    expect(ranking.data[0].technician_code).toBe('T02');
    await world.ok('PUT', '/dispatch/travel-times', { replace: true, rows: [{ technician_code: 'T02', store_code: '0002', minutes: 5 }] });
    expect((await world.ok('GET', '/dispatch/travel-times')).data).toEqual([{ technician_code: 'T02', store_code: '0002', minutes: 5 }]);
  });

  it('uses a fresh current location over the home base', async () => {
    await world.ok('POST', '/technicians/T02/location', { latitude: 31.2234, longitude: 121.4453 });
    const ranking = await world.ok('GET', `/tickets/${code}/candidates`);
    expect(ranking.data.find((c: any) => c.technician_code === 'T02').distance_km).toBe(0);
  });

  it('rejects a travel time for someone who is not a technician', async () => {
    const reply = await world.call('PUT', '/dispatch/travel-times', { rows: [{ technician_code: 'NOPE', store_code: '0001', minutes: 5 }] });
    expect(reply.status).toBe(422);
  });
});

describe('auto-assignment by rule', () => {
  it('assigns urgent fryer tickets to the best technician on creation', async () => {
    const settings = await world.call('GET', '/dispatch/settings');
    await world.ok('PUT', '/dispatch/settings', { ...settings.body, version: undefined, auto_assign: [{ priority: 'urgent', category: 'fryer' }] }, { 'if-match': settings.headers.get('etag')! });
    const urgent = await world.ok('POST', '/tickets', { store_code: '0002', asset_code: 'A-FRY-2', category: 'fryer', priority: 'urgent', title: '炸炉冒烟' });
    // T01 (level 5, 13 min away) beats T02 (level 3, 5 min by the table): 13 < 5 + 2 × 10.
    expect(urgent).toMatchObject({ status: 'assigned', assignee_code: 'T01' });
    const normal = await world.ok('POST', '/tickets', { store_code: '0002', category: 'fryer', title: '炸炉异响' });
    expect(normal.status).toBe('new');
  });

  it('refuses settings changed since they were read', async () => {
    const reply = await world.call('PUT', '/dispatch/settings', (await world.ok('GET', '/dispatch/settings')), { 'if-match': '"0"' });
    expect(reply.status).toBe(412);
  });
});

describe('dispatch of all open tickets', () => {
  it('plans a balanced assignment and applies it', async () => {
    await world.ok('PATCH', '/technicians/T01', { max_open_tickets: 10 });
    await world.ok('PATCH', '/technicians/T02', { max_open_tickets: 10 });
    for (let i = 0; i < 6; i++) await world.ok('POST', '/tickets', { store_code: i % 2 ? '0001' : '0002', category: 'fryer', title: `炸炉 ${i}` });
    await world.ok('POST', '/tickets', { store_code: '0001', category: 'hvac', title: '空调不制冷' });

    const plan = await world.ok('POST', '/dispatch/plan', {});
    const open = (await world.ok('GET', '/tickets?open=true&unassigned=true&limit=100')).data;
    expect(plan.stats.tickets).toBe(open.length);
    expect(plan.unassigned).toEqual([{ ticket_code: expect.any(String), reason: 'no_eligible_technician', detail: expect.stringContaining('hvac') }]);
    // Both fryer technicians get work; T01's higher level is worth a somewhat longer queue.
    const load = Object.fromEntries(plan.load.map((l: any) => [l.technician_code, l]));
    expect(load.T02.after).toBeGreaterThanOrEqual(2);
    expect(load.T01.after - load.T01.before).toBeGreaterThanOrEqual(2);
    expect(load.T01.after + load.T02.after - load.T01.before - load.T02.before).toBe(8);
    expect(load.T03.after).toBe(0);

    const applied = await world.ok('POST', '/dispatch/apply', { assignments: plan.assignments });
    expect(applied.applied).toHaveLength(plan.assignments.length);
    const again = await world.ok('POST', '/dispatch/apply', { assignments: plan.assignments.slice(0, 1) });
    expect(again.skipped).toHaveLength(1);
    expect((await world.ok('GET', '/tickets?open=true&unassigned=true')).data).toHaveLength(1);
  });

  it('shows each technician’s queue, most urgent first', async () => {
    const technician = await world.ok('GET', '/technicians/T01');
    expect(technician.open_tickets).toBe(technician.queue.length);
    expect(technician.queue[0].priority).toBe('urgent');
    const list = await world.ok('GET', '/technicians?limit=2');
    expect(list.data.map((t: any) => t.code)).toEqual(['T01', 'T02']);
    expect((await world.ok('GET', `/technicians?cursor=${list.next_cursor}`)).data.map((t: any) => t.code)).toEqual(['T03']);
  });

  it('answered within the contract', () => expect(world.server.violations).toEqual([]));
});
