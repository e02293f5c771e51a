import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohConflictError, createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let boh: BohClient;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
  await boh.stores.create({ code: '0001', name: '静安寺店', latitude: 31.22, longitude: 121.44 });
  await boh.employees.create({ code: 'T01', name: '王师傅', role: 'technician', skills: [{ skill: 'fryer', level: 4 }], home_latitude: 31.23, home_longitude: 121.45 });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('tickets through the SDK', () => {
  it('opens, assigns, moves and reads a ticket', async () => {
    const ticket = await boh.tickets.create({ store_code: '0001', category: 'fryer', title: '炸炉不加热' });
    const ranking = await boh.tickets.candidates(ticket.code);
    expect(ranking.data[0]!.technician_code).toBe('T01');
    await boh.tickets.assign(ticket.code, { auto: true });
    const accepted = await boh.tickets.transition(ticket.code, { to: 'accepted' });
    expect(accepted.status).toBe('accepted');
    const clocks = await boh.tickets.clocks(ticket.code);
    expect(clocks.response.status).toBe('met');
    const codes: string[] = [];
    for await (const t of boh.tickets.list({ limit: 1 })) codes.push(t.code);
    expect(codes).toEqual([ticket.code]);
  });

  it('raises a typed error with the allowed steps', async () => {
    const ticket = await boh.tickets.create({ store_code: '0001', category: 'fryer', title: '异响' });
    const error = await boh.tickets.transition(ticket.code, { to: 'on_site' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohConflictError);
    expect((error as BohConflictError).code).toBe('ticket_transition_invalid');
    expect((error as BohConflictError).message).toContain('允许的下一步');
  });

  it('plans and applies a dispatch, and reads the events', async () => {
    const plan = await boh.dispatch.plan();
    expect(plan.assignments).toHaveLength(1);
    const applied = await boh.dispatch.apply({ assignments: plan.assignments });
    expect(applied.applied).toHaveLength(1);
    const events = await boh.maintenance.events({ type: 'ticket.assigned' });
    expect(events.data).toHaveLength(2);
  });
});
