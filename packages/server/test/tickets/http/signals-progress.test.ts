// Equipment signals opening or updating tickets without duplicates, the public progress link,
// and photos checked by their content.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../../test-support/http.js';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;

beforeAll(async () => {
  world = await startWorld('2024-03-04T02:00:00Z');
  await seedMasterData(world);
  await world.ok('PUT', '/signal-rules', {
    rules: [
      { code: 'fryer-overheat', asset_category: 'fryer', metric: 'oil_temp_c', operator: '>', threshold: 200, ticket_category: 'fryer', priority: 'urgent', title: '油温过高' },
      { code: 'fryer-fault', asset_category: 'fryer', fault_code: '*', ticket_category: 'fryer', priority: 'high', title: '炸炉故障码' },
    ],
  });
});
afterAll(() => world.server.close());

const signal = (asset: string, body: Record<string, unknown>) => world.call('POST', `/assets/${asset}/signals`, body);

describe('equipment signals', () => {
  it('rejects a rule without a trigger', async () => {
    const reply = await world.call('PUT', '/signal-rules', { rules: [{ code: 'x', ticket_category: 'fryer', priority: 'low', title: 'x' }] });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].code).toBe('rule_needs_trigger');
  });

  it('opens nothing for a reading within limits', async () => {
    const reply = await signal('A-FRY-1', { readings: [{ metric: 'oil_temp_c', value: 180 }] });
    expect(reply.body.matched).toEqual([]);
    expect(reply.body.signal_ids).toHaveLength(1);
  });

  it('opens a ticket for a reading past the threshold, then updates it', async () => {
    const first = await signal('A-FRY-1', { readings: [{ metric: 'oil_temp_c', value: 215 }] });
    expect(first.body.matched).toEqual([{ rule_code: 'fryer-overheat', ticket_code: expect.any(String), action: 'opened' }]);
    const code = first.body.matched[0].ticket_code;
    const again = await signal('A-FRY-1', { readings: [{ metric: 'oil_temp_c', value: 230 }] });
    expect(again.body.matched).toEqual([{ rule_code: 'fryer-overheat', ticket_code: code, action: 'updated' }]);
    const ticket = await world.ok('GET', `/tickets/${code}`);
    expect(ticket).toMatchObject({ source: 'signal', priority: 'urgent', signal_count: 2, asset_code: 'A-FRY-1', fault_code: 'fryer-overheat:oil_temp_c' });
  });

  it('makes one ticket from many concurrent signals of the same fault', async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, () => signal('A-FRY-2', { fault_code: 'E42' })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const codes = new Set(replies.map((r) => r.body.matched[0].ticket_code));
    expect(codes.size).toBe(1);
    expect(replies.filter((r) => r.body.matched[0].action === 'opened')).toHaveLength(1);
    const open = await world.ok('GET', '/tickets?asset_code=A-FRY-2&open=true');
    expect(open.data).toHaveLength(1);
    expect(open.data[0].signal_count).toBe(12);
  });

  it('opens a new ticket for the same fault once the last one is resolved', async () => {
    const open = await world.ok('GET', '/tickets?asset_code=A-FRY-2&open=true');
    await world.ok('POST', `/tickets/${open.data[0].code}/transitions`, { to: 'resolved' });
    const next = await signal('A-FRY-2', { fault_code: 'E42' });
    expect(next.body.matched[0].action).toBe('opened');
    expect(next.body.matched[0].ticket_code).not.toBe(open.data[0].code);
    const other = await signal('A-FRY-2', { fault_code: 'E07' });
    expect(other.body.matched[0]).toMatchObject({ action: 'opened' });
  });

  it('answers 404 for an unknown asset', async () => {
    expect((await signal('A-NONE', { fault_code: 'E1' })).status).toBe(404);
  });
});

describe('progress link', () => {
  let code: string;
  let path: string;
  let linkId: string;

  beforeAll(async () => {
    code = (await world.ok('POST', '/tickets', { store_code: '0001', asset_code: 'A-COF-1', category: 'coffee_machine', title: '咖啡机漏水', reporter_language: 'zh-CN' })).code;
    await world.ok('POST', `/tickets/${code}/assign`, { technician_code: 'T03' });
  });

  it('creates an unguessable token shown once', async () => {
    const link = await world.call('POST', `/tickets/${code}/progress-links`, {});
    expect(link.status).toBe(201);
    expect(link.body.token).toMatch(/^pl_[A-Za-z0-9_-]{43}$/);
    path = link.body.path;
    linkId = link.body.id;
  });

  it('shows the timeline and expected arrival without login, in the reporter’s language', async () => {
    const page = await send(world.server.url, 'GET', path, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ ticket_code: code, store_name: '静安寺店', status: 'assigned', status_label: '已派单', assignee_name: '张师傅', language: 'zh-CN' });
    expect(page.body.timeline.map((e: any) => e.label)).toEqual(['已报修', '已派单']);
    expect(page.body.timeline[0].local_time).toBe('2024-03-04 10:00');
    expect(page.body.expected_arrival_at).not.toBeNull();
    expect(page.body.clocks[0]).toContain('响应时限');
  });

  it('answers 404 for a wrong token and for a revoked one', async () => {
    expect((await send(world.server.url, 'GET', '/progress/pl_guess')).status).toBe(404);
    expect((await world.call('POST', `/tickets/${code}/progress-links/${linkId}/revoke`)).body.revoked_at).not.toBeNull();
    expect((await send(world.server.url, 'GET', path)).status).toBe(404);
  });

  it('takes an English link for an English reader', async () => {
    const link = await world.ok('POST', `/tickets/${code}/progress-links`, { language: 'en' });
    const page = await send(world.server.url, 'GET', link.path);
    expect(page.body.status_label).toBe('Assigned');
    expect(page.body.timeline[1].label).toBe('Technician assigned');
  });
});

describe('photos', () => {
  const folder = mkdtempSync(join(tmpdir(), 'boh-attachments-'));
  beforeAll(() => {
    process.env.BOH_ATTACHMENTS_DIR = folder;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake but typed by its magic bytes')]);

  it('stores a PNG and serves it back with its type', async () => {
    const code = (await world.ok('GET', '/tickets?limit=1')).data[0].code;
    const created = await world.call('POST', `/tickets/${code}/attachments`, { filename: '照片.png', content_base64: png.toString('base64') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ media_type: 'image/png', size_bytes: png.length });
    const response = await fetch(`${world.server.url}/tickets/${code}/attachments/${created.body.id}`, { headers: { authorization: `Bearer ${world.admin}` } });
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    expect(readdirSync(folder)).toEqual([created.body.sha256]);
  });

  it('refuses a PDF named .jpg, by its content', async () => {
    const code = (await world.ok('GET', '/tickets?limit=1')).data[0].code;
    const pdf = Buffer.from('%PDF-1.7 not a photo');
    const reply = await world.call('POST', `/tickets/${code}/attachments`, { filename: 'photo.jpg', content_base64: pdf.toString('base64') });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ code: 'attachment_type', field: 'body.content_base64' });
    expect(reply.body.errors[0].message).toContain('PDF');
  });

  it('refuses a photo over the size limit', async () => {
    const code = (await world.ok('GET', '/tickets?limit=1')).data[0].code;
    const big = Buffer.alloc(8 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const reply = await world.call('POST', `/tickets/${code}/attachments`, { filename: 'big.jpg', content_base64: big.toString('base64') });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].code).toBe('attachment_size');
  });

  it('answered within the contract', () => expect(world.server.violations).toEqual([]));
});
