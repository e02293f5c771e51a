// SLA warnings and breaches raised by the scheduler at the clocks' wake times, written once to
// the outbox, and delivered to signed webhooks with retries; time is driven by a test clock.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../../src/tickets/webhook-worker.js';
import { startWorld, type TicketWorld } from './support.js';

interface Received {
  eventId: number;
  type: string;
  body: string;
  timestamp: string;
  signature: string;
}

let world: TicketWorld;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (failNext > 0) {
        failNext--;
        response.writeHead(503).end();
        return;
      }
      const parsed = JSON.parse(body);
      received.push({ eventId: parsed.id, type: parsed.type, body, timestamp: String(request.headers['boh-timestamp']), signature: String(request.headers['boh-signature']) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address() as { port: number };
  receiverUrl = `http://127.0.0.1:${address.port}/hooks`;

  world = await startWorld('2024-03-04T01:00:00Z');
  await world.ok('POST', '/stores', { code: '0001', name: '静安寺店' });
  await world.ok('PUT', '/stores/0001/business-calendar', { calendar: { always_open: true } });
  await world.ok('PUT', '/sla-policy', { warn_at_percent: 80, rules: [{ response_minutes: 10, resolution_minutes: 60 }] });
});
afterAll(async () => {
  await world.server.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const deliver = (owner = 'test') => deliverDue({ database: world.server.database, now: world.clock.now, owner });

describe('escalation', () => {
  let secret: string;
  let code: string;

  it('subscribes a webhook and shows its secret once', async () => {
    const created = await world.call('POST', '/webhooks', { url: receiverUrl, event_types: ['sla.*', 'ticket.created'] });
    expect(created.status).toBe(201);
    secret = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    const listed = await world.ok('GET', '/webhooks');
    expect(listed.data[0]).not.toHaveProperty('secret');
  });

  it('delivers ticket.created signed with HMAC-SHA256 over timestamp and body', async () => {
    code = (await world.ok('POST', '/tickets', { store_code: '0001', category: 'electrical', title: '跳闸', priority: 'urgent' })).code;
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    const [delivery] = received;
    expect(delivery!.type).toBe('ticket.created');
    const expected = createHmac('sha256', secret).update(`${delivery!.timestamp}.${delivery!.body}`).digest('hex');
    expect(delivery!.signature).toBe(`t=${delivery!.timestamp},v1=${expected}`);
    expect(Number(delivery!.timestamp)).toBe(Date.parse('2024-03-04T01:00:00Z') / 1000);
    expect(await deliver()).toMatchObject({ claimed: 0 });
  });

  it('raises nothing before the warning time', async () => {
    world.clock.advanceMinutes(7);
    expect(await world.ok('POST', '/sla/run')).toMatchObject({ warnings: 0, breaches: 0 });
  });

  it('warns once at 80 % of the response target', async () => {
    const ticket = await world.ok('GET', `/tickets/${code}`);
    expect(ticket.clocks.next_wake_at).toBe('2024-03-04T01:08:00.000Z');
    world.clock.advanceMinutes(1);
    expect(await world.ok('POST', '/sla/run')).toMatchObject({ checked: 1, warnings: 1, breaches: 0 });
    expect(await world.ok('POST', '/sla/run')).toMatchObject({ checked: 0, warnings: 0 });
  });

  it('raises the breach once the target has passed', async () => {
    world.clock.advanceMinutes(3);
    expect(await world.ok('POST', '/sla/run')).toMatchObject({ breaches: 1 });
    world.clock.advanceMinutes(60);
    const later = await world.ok('POST', '/sla/run');
    // The resolution clock warns at 48 min and breaches after 60: both are due now, and the
    // response breach is not raised again.
    expect(later).toMatchObject({ breaches: 1 });
    const events = await world.ok('GET', '/events?type=sla.*');
    expect(events.data.map((e: any) => [e.type, e.data.clock])).toEqual([
      ['sla.warning', 'response'],
      ['sla.breached', 'response'],
      ['sla.breached', 'resolution'],
    ]);
    expect(events.data[1].data).toMatchObject({ ticket_code: code, due_at: '2024-03-04T01:10:00.000Z' });
  });

  it('retries a failed delivery with backoff', async () => {
    failNext = 1;
    const first = await deliver();
    expect(first).toMatchObject({ claimed: 3, delivered: 2, failed: 1 });
    expect(await deliver()).toMatchObject({ claimed: 0 });
    world.clock.advanceMinutes(1);
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(received.filter((r) => r.type.startsWith('sla.')).map((r) => r.type).sort()).toEqual(['sla.breached', 'sla.breached', 'sla.warning']);
  });

  it('delivers each event once when several processes claim at the same time', async () => {
    received.length = 0;
    for (let i = 0; i < 30; i++) await world.ok('POST', '/tickets', { store_code: '0001', category: 'plumbing', title: `漏水 ${i}` });
    const passes = await Promise.all([deliver('p1'), deliver('p2'), deliver('p3'), deliver('p4')]);
    const more = await deliver('p5');
    expect(passes.reduce((sum, p) => sum + p.delivered, 0) + more.delivered).toBe(30);
    const ids = received.map((r) => r.eventId);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);
  });

  it('answered within the contract', () => expect(world.server.violations).toEqual([]));
});
