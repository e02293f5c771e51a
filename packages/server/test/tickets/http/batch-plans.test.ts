// Bulk ticket changes, all or nothing with a dry run, and preventive maintenance plans that
// create tickets ahead of time, by days and by hours of use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;

beforeAll(async () => {
  world = await startWorld('2024-03-25T02:00:00Z');
  await seedMasterData(world);
});
afterAll(() => world.server.close());

const count = async () => (await world.ok('GET', '/tickets?limit=500')).data.length;

describe('bulk changes', () => {
  const rows = [
    { action: 'create', create: { store_code: '0001', category: 'plumbing', title: '水槽堵塞', external_ref: 'OLD-1' } },
    { action: 'create', create: { store_code: '0002', category: 'electrical', title: '插座没电', external_ref: 'OLD-2' } },
  ];

  it('checks every row on a dry run and writes nothing', async () => {
    const result = await world.ok('POST', '/tickets/batch', { dry_run: true, rows });
    expect(result).toMatchObject({ dry_run: true, applied: false });
    expect(result.results.map((r: any) => r.ok)).toEqual([true, true]);
    expect(await count()).toBe(0);
  });

  it('writes nothing when one row fails, and names its field', async () => {
    const bad = [...rows, { action: 'create', create: { store_code: '9999', category: 'plumbing', title: 'x' } }, { action: 'transition', ticket_code: 'WO-999999', transition: { to: 'resolved' } }];
    const result = await world.ok('POST', '/tickets/batch', { rows: bad }, { 'accept-language': 'zh-CN' });
    expect(result.applied).toBe(false);
    expect(result.results[2].errors[0]).toMatchObject({ field: 'body.rows[2].create.store_code', code: 'reference_not_found' });
    expect(result.results[2].errors[0].message).toContain('门店');
    expect(result.results[3].errors[0]).toMatchObject({ code: 'not_found' });
    expect(await count()).toBe(0);
  });

  it('applies creates, assignments and steps in order', async () => {
    const result = await world.ok('POST', '/tickets/batch', { rows });
    expect(result.applied).toBe(true);
    const [first] = result.results;
    const more = await world.ok('POST', '/tickets/batch', {
      rows: [
        { action: 'assign', ticket_code: first.ticket_code, assign: { technician_code: 'T02' } },
        { action: 'transition', ticket_code: first.ticket_code, transition: { to: 'accepted' } },
        { action: 'update', ticket_code: first.ticket_code, update: { priority: 'high' } },
      ],
    });
    expect(more.applied).toBe(true);
    expect(await world.ok('GET', `/tickets/${first.ticket_code}`)).toMatchObject({ status: 'accepted', priority: 'high', assignee_code: 'T02', source: 'import' });
  });

  it('refuses a second ticket with the same external reference', async () => {
    const reply = await world.call('POST', '/tickets', { store_code: '0001', category: 'plumbing', title: 'again', external_ref: 'OLD-1' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('external_ref_taken');
  });
});

describe('preventive maintenance plans', () => {
  it('needs an interval', async () => {
    const reply = await world.call('PUT', '/maintenance-plans/PM-X', { name: 'x', asset_category: 'fryer', ticket_category: 'fryer' });
    expect(reply.status).toBe(422);
  });

  it('creates a ticket lead_days before each period ends, once', async () => {
    await world.ok('PATCH', '/assets/A-FRY-1', { installed_on: '2024-01-01' });
    await world.ok('PUT', '/maintenance-plans/PM-FRY', { name: '炸炉季度保养', asset_category: 'fryer', asset_model: 'FR-400', every_days: 90, lead_days: 7, ticket_category: 'fryer' });
    // 2024-03-25 is 84 days after installation: within 7 days of day 90.
    const run = await world.ok('POST', '/sla/run');
    expect(run.preventive_tickets).toBe(1);
    const plan = (await world.ok('GET', '/tickets?kind=preventive')).data;
    expect(plan).toEqual([expect.objectContaining({ asset_code: 'A-FRY-1', source: 'plan', plan_code: 'PM-FRY', priority: 'low', title: '炸炉季度保养 · 炸炉1号' })]);
    expect((await world.ok('POST', '/sla/run')).preventive_tickets).toBe(0);
    const plans = await world.ok('GET', '/maintenance-plans');
    expect(plans.data.map((p: any) => p.code)).toEqual(['PM-FRY']);
  });

  it('creates a ticket by hours of use as the meter nears each multiple', async () => {
    await world.ok('PUT', '/maintenance-plans/PM-COF', { name: '咖啡机除垢', asset_category: 'coffee_machine', every_hours_of_use: 500, lead_hours_of_use: 20, ticket_category: 'coffee_machine' });
    await world.ok('POST', '/assets/A-COF-1/usage', { hours_of_use: 470 });
    expect((await world.ok('POST', '/sla/run')).preventive_tickets).toBe(0);
    await world.ok('POST', '/assets/A-COF-1/usage', { hours_of_use: 485 });
    expect((await world.ok('POST', '/sla/run')).preventive_tickets).toBe(1);
    expect((await world.ok('POST', '/sla/run')).preventive_tickets).toBe(0);
  });

  it('answered within the contract', () => expect(world.server.violations).toEqual([]));
});
