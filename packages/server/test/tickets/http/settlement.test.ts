// Resolving a ticket settles its parts and labour: the parts leave the store's stock through the
// inventory movements and one journal entry posts the maintenance expense, once per line, never
// into a closed period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`).toISOString();

beforeAll(async () => {
  world = await startWorld('2024-05-01T02:00:00Z');
  await seedMasterData(world);
  await world.ok('PUT', '/stores/0001/business-calendar', { calendar: { always_open: true } });
  // Ten thermostats at 100.00 yuan each: 10 000 fen, not the 12 345 of the standard cost.
  await world.ok('POST', '/stock/movements', {
    kind: 'receipt',
    store_code: '0001',
    occurred_at: local('2024-04-20 10:00'),
    reference: 'GR-1',
    lines: [{ item_code: 'P-THERMO', quantity: 10, value_fen: 100_000 }],
  });
});
afterAll(() => world.server.close());

async function ticketWithCosts(reported: string, quantity: number, minutes: number): Promise<string> {
  const ticket = await world.ok('POST', '/tickets', { store_code: '0001', asset_code: 'A-FRY-1', category: 'fryer', title: '炸炉不加热', reported_at: local(reported) });
  await world.ok('POST', `/tickets/${ticket.code}/assign`, { technician_code: 'T01' });
  if (quantity > 0) await world.ok('POST', `/tickets/${ticket.code}/parts`, { item_code: 'P-THERMO', quantity });
  if (minutes > 0) await world.ok('POST', `/tickets/${ticket.code}/labour`, { technician_code: 'T01', minutes });
  return ticket.code;
}

async function thermostats(): Promise<{ quantity: number; value_fen: number }> {
  const page = await world.ok('GET', '/stock/balances?store_code=0001&item_code=P-THERMO');
  return { quantity: page.data[0].quantity, value_fen: page.data[0].value_fen };
}

async function maintenanceEntries(): Promise<any[]> {
  return (await world.ok('GET', '/ledger/journal-entries?source_type=maintenance')).data;
}

describe('settling a resolved ticket', () => {
  let code: string;
  let entryId: number;

  it('takes the parts out of stock at moving-average cost and posts parts and labour as maintenance expense', async () => {
    code = await ticketWithCosts('2024-05-01 09:00', 2, 60);
    const resolved = await world.ok('POST', `/tickets/${code}/transitions`, { to: 'resolved' }, { 'Idempotency-Key': 'resolve-1' });

    expect(resolved.settlements).toEqual([
      { id: expect.any(Number), business_date: '2024-05-01', parts_cost_fen: 24_690, parts_value_fen: 20_000, labour_cost_fen: 9000, status: 'posted', journal_entry_id: expect.any(Number) },
    ]);
    entryId = resolved.settlements[0].journal_entry_id;
    expect(await thermostats()).toEqual({ quantity: 8, value_fen: 80_000 });

    const movements = (await world.ok('GET', '/stock/movements?store_code=0001&kind=maintenance')).data;
    expect(movements).toEqual([expect.objectContaining({ item_code: 'P-THERMO', quantity: -2, value_fen: -20_000, source_type: 'ticket', source_ref: code, journal_entry_id: entryId })]);

    const entry = await world.ok('GET', `/ledger/journal-entries/${entryId}`);
    expect(entry).toMatchObject({ entry_date: '2024-05-01', store_code: '0001', source_type: 'maintenance', source_ref: code, total_fen: 29_000 });
    expect(entry.lines.map((l: any) => [l.account_code, l.debit_fen, l.credit_fen])).toEqual([
      ['5602.03', 29_000, 0],
      ['1403', 0, 20_000],
      ['2211', 0, 9000],
    ]);
  });

  it('settles nothing twice: a replayed request, and a second resolution only for what was added', async () => {
    const replay = await world.call('POST', `/tickets/${code}/transitions`, { to: 'resolved' }, { 'Idempotency-Key': 'resolve-1' });
    expect(replay.status).toBe(200);
    expect(await maintenanceEntries()).toHaveLength(1);

    await world.ok('POST', `/tickets/${code}/transitions`, { to: 'reopened' });
    await world.ok('POST', `/tickets/${code}/labour`, { technician_code: 'T01', minutes: 10 });
    const again = await world.ok('POST', `/tickets/${code}/transitions`, { to: 'resolved' });

    expect(again.settlements.map((s: any) => [s.parts_value_fen, s.labour_cost_fen])).toEqual([[20_000, 9000], [0, 1500]]);
    expect(await thermostats()).toEqual({ quantity: 8, value_fen: 80_000 });
    const entries = await maintenanceEntries();
    expect(entries).toHaveLength(2);
    const second = entries.find((e: any) => e.id !== entryId);
    expect(second.lines.map((l: any) => [l.account_code, l.debit_fen, l.credit_fen])).toEqual([
      ['5602.03', 1500, 0],
      ['2211', 0, 1500],
    ]);
  });

  it('refuses a resolution dated in a closed period, naming the ticket and the period, and writes nothing', async () => {
    // The work is done on 30 April; the books of April are closed before it is resolved.
    world.clock.set(local('2024-04-30 16:00'));
    const late = await ticketWithCosts('2024-04-30 09:00', 1, 30);
    world.clock.set(local('2024-05-01 11:00'));
    await world.ok('POST', '/ledger/periods/2024-04/close');

    const refused = await world.call('POST', `/tickets/${late}/transitions`, { to: 'resolved', at: local('2024-04-30 18:00') });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ticket_settlement_period_closed');
    expect(refused.body.detail).toContain(late);
    expect(refused.body.detail).toContain('2024-04');
    const zh = await world.call('POST', `/tickets/${late}/transitions`, { to: 'resolved', at: local('2024-04-30 18:00') }, { 'Accept-Language': 'zh-CN' });
    expect(zh.body.detail).toContain('会计期间 2024-04');

    const ticket = await world.ok('GET', `/tickets/${late}`);
    expect(ticket.status).toBe('assigned');
    expect(ticket.settlements).toEqual([]);
    expect(await thermostats()).toEqual({ quantity: 8, value_fen: 80_000 });

    // Resolved today, the costs post into May.
    const today = await world.ok('POST', `/tickets/${late}/transitions`, { to: 'resolved' });
    expect(today.settlements).toEqual([expect.objectContaining({ business_date: '2024-05-01', parts_value_fen: 10_000, labour_cost_fen: 4500, status: 'posted' })]);
  });

  it('refuses a resolution under the reject policy when the parts are not on hand', async () => {
    await world.ok('PATCH', '/stock/settings', { negative_stock: 'reject' });
    const big = await ticketWithCosts('2024-05-01 09:30', 20, 0);
    const refused = await world.call('POST', `/tickets/${big}/transitions`, { to: 'resolved' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('insufficient_stock');
    expect((await world.ok('GET', `/tickets/${big}`)).status).toBe('assigned');
    expect(await thermostats()).toEqual({ quantity: 7, value_fen: 70_000 });
    await world.ok('PATCH', '/stock/settings', { negative_stock: 'allow' });
  });

  it('keeps the trial balance at zero with the maintenance entries', async () => {
    const balance = await world.ok('GET', '/ledger/trial-balance?period_from=2024-05&period_to=2024-05');
    expect(balance.balanced).toBe(true);
    const expense = balance.rows.find((row: any) => row.account_code === '5602.03');
    expect(expense.debit_fen).toBe(29_000 + 1500 + 10_000 + 4500);
  });
});
