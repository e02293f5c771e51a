// Parts and labour on tickets, their settlement with stock and the ledger, the maintenance
// figures, repeat failures and MTBF, and downtime in lost sales against a table of the sales
// branch's `sales_hourly_summary`, filled here directly.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`).toISOString();

beforeAll(async () => {
  world = await startWorld('2024-05-01T02:00:00Z');
  await seedMasterData(world);
  await world.ok('PUT', '/stores/0001/business-calendar', { calendar: { always_open: true } });
});
afterAll(() => world.server.close());

async function failure(asset: string, store: string, reported: string, resolved?: string): Promise<string> {
  const ticket = await world.ok('POST', '/tickets', { store_code: store, asset_code: asset, category: 'fryer', title: '炸炉故障', reported_at: local(reported) });
  if (resolved) await world.ok('POST', `/tickets/${ticket.code}/transitions`, { to: 'resolved', at: local(resolved) });
  return ticket.code;
}

describe('parts, labour and settlement', () => {
  let code: string;

  it('costs parts at the standard cost and labour at the hourly cost, rounded to the fen', async () => {
    code = await failure('A-FRY-1', '0001', '2024-04-30 09:00');
    await world.ok('POST', `/tickets/${code}/assign`, { technician_code: 'T01' });
    const part = await world.call('POST', `/tickets/${code}/parts`, { item_code: 'P-THERMO', quantity: 1.5 });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ quantity: 1.5, unit_cost_fen: 12_345, cost_fen: 18_518 });
    const labour = await world.ok('POST', `/tickets/${code}/labour`, { technician_code: 'T01', minutes: 45 });
    expect(labour).toMatchObject({ hourly_cost_fen: 9000, cost_fen: 6750, work_date: '2024-05-01' });
    const ticket = await world.ok('GET', `/tickets/${code}`);
    expect(ticket).toMatchObject({ parts_cost_fen: 18_518, labour_cost_fen: 6750, total_cost_fen: 25_268 });
    expect(ticket.parts).toHaveLength(1);
  });

  it('rejects an unknown item and a quantity with more than 6 decimals', async () => {
    expect((await world.call('POST', `/tickets/${code}/parts`, { item_code: 'NOPE', quantity: 1 })).status).toBe(422);
    expect((await world.call('POST', `/tickets/${code}/parts`, { item_code: 'P-THERMO', quantity: 0.0000001 })).status).toBe(422);
  });

  it('settles the costs with stock and the ledger on resolution, once', async () => {
    await world.ok('POST', `/tickets/${code}/transitions`, { to: 'resolved' });
    const rows = await world.server.database.db.selectFrom('ticket_settlements').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ store_code: '0001', parts_cost_fen: 18_518, labour_cost_fen: 6750, status: 'posted', business_date: '2024-05-01' })]);
    await world.ok('POST', `/tickets/${code}/transitions`, { to: 'reopened' });
    await world.ok('POST', `/tickets/${code}/labour`, { technician_code: 'T01', minutes: 10 });
    await world.ok('POST', `/tickets/${code}/transitions`, { to: 'resolved' });
    const after = await world.server.database.db.selectFrom('ticket_settlements').select(['parts_cost_fen', 'labour_cost_fen']).orderBy('id').execute();
    expect(after.map((r) => [Number(r.parts_cost_fen), Number(r.labour_cost_fen)])).toEqual([[18_518, 6750], [0, 1500]]);
  });

  it('refuses parts on a closed ticket', async () => {
    await world.ok('POST', `/tickets/${code}/transitions`, { to: 'closed' });
    const reply = await world.call('POST', `/tickets/${code}/parts`, { item_code: 'P-THERMO', quantity: 1 });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('ticket_finished');
  });
});

describe('maintenance figures', () => {
  it('reports MTTR, first-time fix, SLA compliance, utilisation and cost', async () => {
    const summary = await world.ok('GET', '/ticket-analytics/summary?from=2024-04-30&to=2024-05-01');
    expect(summary).toMatchObject({ tickets: 1, resolved: 1, first_time_fix_rate: 0, sla_resolution_compliance: expect.any(Number) });
    expect(summary.mttr_minutes).toBe(1500);
    expect(summary.cost_by_store).toEqual([{ store_code: '0001', tickets: 1, parts_cost_fen: 18_518, labour_cost_fen: 8250, total_cost_fen: 26_768 }]);
    expect(summary.cost_by_model).toEqual([{ model: 'FR-400', tickets: 1, parts_cost_fen: 18_518, labour_cost_fen: 8250, total_cost_fen: 26_768 }]);
    const t01 = summary.technicians.find((t: any) => t.technician_code === 'T01');
    // Mon–Sat 09:00–18:00: Tuesday 30 April and Wednesday 1 May are 1080 working minutes.
    expect(t01).toMatchObject({ labour_minutes: 55, working_minutes: 1080, tickets: 1 });
    expect(t01.utilisation).toBeCloseTo(55 / 1080, 4);
  });

  it('lists repeat failures of an asset and of a model across stores, and MTBF per model', async () => {
    const d0 = await failure('A-FRY-1', '0001', '2024-03-01 10:00', '2024-03-01 12:00');
    const d10 = await failure('A-FRY-1', '0001', '2024-03-11 10:00', '2024-03-11 12:00');
    const d12 = await failure('A-FRY-2', '0002', '2024-03-13 10:00', '2024-03-13 11:00');
    const repeats = await world.ok('GET', '/ticket-analytics/repeat-failures?days=30&from=2024-03-01&to=2024-03-31');
    expect(repeats.same_asset.map((r: any) => [r.ticket_code, r.previous_ticket_code, r.days_since_previous])).toEqual([[d10, d0, 10]]);
    expect(repeats.same_model.map((r: any) => [r.ticket_code, r.previous_ticket_code, r.store_code, r.previous_store_code])).toEqual([[d12, d10, '0002', '0001']]);

    const mtbf = await world.ok('GET', '/ticket-analytics/mtbf');
    // A-FRY-1 failed 1 Mar 10:00, 11 Mar 10:00 and 30 Apr 09:00: intervals of 240 and 1199 hours.
    expect(mtbf.data).toEqual([{ model: 'FR-400', assets: 2, failures: 4, intervals: 2, mtbf_hours: 719.5 }]);
  });
});

describe('downtime in lost sales', () => {
  it('says when there are no sales data yet', async () => {
    const downtime = await world.ok('GET', '/ticket-analytics/downtime?from=2024-03-11&to=2024-03-11');
    expect(downtime.sales_data_available).toBe(false);
  });

  it('sets each down hour against the usual sales of that weekday and hour', async () => {
    const db = world.server.database.db;
    // The four Mondays before 11 March: the store was shut on 19 February, so three count.
    for (const date of ['2024-03-04', '2024-02-26', '2024-02-12']) {
      await sql`insert into sales_hourly_summary values ('0001', ${date}, 10, 20, 10000, 0), ('0001', ${date}, 11, 30, 20000, 2000), ('0001', ${date}, 12, 40, 99900, 0)`.execute(db);
    }
    await sql`insert into sales_hourly_summary values ('0001', '2024-03-04', 9, 5, 3000, 0)`.execute(db);

    const downtime = await world.ok('GET', '/ticket-analytics/downtime?from=2024-03-11&to=2024-03-11&store_code=0001');
    expect(downtime.sales_data_available).toBe(true);
    // Down 10:00–12:00: hour 10 at 10 000 and hour 11 at 18 000 fen.
    expect(downtime.data).toEqual([expect.objectContaining({ store_code: '0001', down_minutes: 120, lost_sales_fen: 28_000, is_open: false })]);
    expect(downtime.by_store).toEqual([{ store_code: '0001', tickets: 1, down_minutes: 120, lost_sales_fen: 28_000 }]);
  });

  it('ranks open tickets by the sales they are costing', async () => {
    const db = world.server.database.db;
    world.clock.set(local('2024-03-18 10:30'));
    const open = await failure('A-FRY-1', '0001', '2024-03-18 10:00');
    await sql`insert into sales_hourly_summary values ('0001', '2024-03-11', 10, 20, 12000, 0)`.execute(db);
    const downtime = await world.ok('GET', '/ticket-analytics/downtime?open=true');
    // 30 minutes of hour 10, whose usual sales over 11 Mar, 4 Mar and 26 Feb are 32 000 ÷ 3.
    expect(downtime.data[0]).toMatchObject({ ticket_code: open, is_open: true, down_minutes: 30, lost_sales_fen: 5333 });
  });

  it('answered within the contract', () => expect(world.server.violations).toEqual([]));
});
