import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { ZH, byField, issuesOf, listAllCodes, messageOf } from './support/master-data.js';

let server: TestServer;
let admin: string;
let manager: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  manager = await server.token('store_manager', ['0001']);
  for (const code of ['0001', '0002']) {
    expect((await send(server.url, 'POST', '/stores', { token: admin, body: { code, name: `门店${code}` } })).status).toBe(201);
  }
});
afterAll(() => server.close());

const asset = (code: string, extra: Record<string, unknown> = {}) => ({ code, store_code: '0001', category: 'coffee_machine', name: `设备${code}`, ...extra });

describe('create and read', () => {
  it('stores asset with default status', async () => {
    const body = asset('A-0001-01', {
      name: '前台双头咖啡机',
      model: 'Linea PB 2GR',
      manufacturer: 'La Marzocco',
      serial_number: 'LM-2023-00871',
      installed_on: '2023-05-10',
      warranty_end: '2025-05-09',
      purchase_cost_fen: 8800000,
    });
    const created = await send(server.url, 'POST', '/assets', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toEqual({ ...body, status: 'in_service', active: true, version: 1, created_at: expect.any(String), updated_at: expect.any(String) });
    expect((await send(server.url, 'GET', '/assets/A-0001-01', { token: admin })).body).toEqual(created.body);
  });

  it('requires a store, a category and a name', async () => {
    const reply = await send(server.url, 'POST', '/assets', { token: admin, body: { code: 'A-X' } });
    expect(issuesOf(reply)).toEqual([
      { field: 'body.store_code', code: 'required' },
      { field: 'body.category', code: 'required' },
      { field: 'body.name', code: 'required' },
    ]);
  });

  it('reports schema violations of every field at once', async () => {
    const reply = await send(server.url, 'POST', '/assets', {
      token: admin,
      body: asset('A-X', { store_code: null, category: 'toaster', status: 'broken', purchase_cost_fen: 1.5, installed_on: 'yesterday' }),
    });
    expect(issuesOf(reply).sort(byField)).toEqual([
      { field: 'body.category', code: 'enum' },
      { field: 'body.installed_on', code: 'format' },
      { field: 'body.purchase_cost_fen', code: 'type' },
      { field: 'body.status', code: 'enum' },
      { field: 'body.store_code', code: 'type' },
    ]);
  });

  const rules = [
    {
      name: 'a warranty that ends before installation',
      extra: { installed_on: '2024-05-10', warranty_end: '2024-05-09' },
      field: 'body.warranty_end',
      code: 'date_order',
      en: 'must not be before installed_on (2024-05-10)',
      zh: '不能早于 installed_on（2024-05-10）',
    },
    {
      name: 'a store that does not exist',
      extra: { store_code: '0404' },
      field: 'body.store_code',
      code: 'reference_not_found',
      en: 'store "0404" does not exist',
      zh: '门店 "0404" 不存在',
    },
  ];

  it.each(rules)('rejects $name in English and Chinese', async ({ extra, field, code, en, zh }) => {
    const body = asset('A-RULE', extra);
    const english = await send(server.url, 'POST', '/assets', { token: admin, body });
    expect(issuesOf(english)).toEqual([{ field, code }]);
    expect(messageOf(english, field)).toContain(en);
    const chinese = await send(server.url, 'POST', '/assets', { token: admin, body, headers: ZH });
    expect(messageOf(chinese, field)).toContain(zh);
  });

  it('accepts warranty ending on installation day', async () => {
    const reply = await send(server.url, 'POST', '/assets', { token: admin, body: asset('A-0002-01', { store_code: '0002', category: 'refrigeration', installed_on: '2024-01-01', warranty_end: '2024-01-01' }) });
    expect(reply.status).toBe(201);
  });
});

describe('store managers', () => {
  it('write assets of own stores', async () => {
    const created = await send(server.url, 'POST', '/assets', { token: manager, body: asset('A-0001-02', { category: 'ice_machine' }) });
    expect(created.status).toBe(201);
    const updated = await send(server.url, 'PATCH', '/assets/A-0001-02', { token: manager, body: { status: 'out_of_service' } });
    expect(updated.body).toMatchObject({ status: 'out_of_service', version: 2 });

    const list = await send(server.url, 'GET', '/assets', { token: manager });
    expect(list.body.data.map((a: { code: string }) => a.code)).toEqual(['A-0001-01', 'A-0001-02']);
  });

  it('get 403 for other stores’ assets', async () => {
    const read = await send(server.url, 'GET', '/assets/A-0002-01', { token: manager });
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('store_out_of_scope');
    const create = await send(server.url, 'POST', '/assets', { token: manager, body: asset('A-0002-02', { store_code: '0002' }) });
    expect(create.status).toBe(403);
    const move = await send(server.url, 'PATCH', '/assets/A-0001-02', { token: manager, body: { store_code: '0002' } });
    expect(move.status).toBe(403);
    const history = await send(server.url, 'GET', '/history/asset/A-0002-01', { token: manager });
    expect(history.status).toBe(403);
  });

  it('may not deactivate assets', async () => {
    const reply = await send(server.url, 'POST', '/assets/A-0001-02/deactivate', { token: manager });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
  });
});

describe('technicians', () => {
  it('read every store’s assets only', async () => {
    const technician = await server.token('technician');
    const list = await send(server.url, 'GET', '/assets', { token: technician });
    expect(list.body.data.map((a: { code: string }) => a.code)).toEqual(['A-0001-01', 'A-0001-02', 'A-0002-01']);
    const update = await send(server.url, 'PATCH', '/assets/A-0002-01', { token: technician, body: { status: 'out_of_service' } });
    expect(update.status).toBe(403);
  });
});

describe('update and history', () => {
  it('records changes and deactivation', async () => {
    const updated = await send(server.url, 'PATCH', '/assets/A-0001-01', { token: admin, body: { status: 'disposed' }, headers: { 'if-match': '"1"' } });
    expect(updated.body.version).toBe(2);
    const stale = await send(server.url, 'PATCH', '/assets/A-0001-01', { token: admin, body: { model: 'x' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    await send(server.url, 'POST', '/assets/A-0001-01/deactivate', { token: admin });

    const history = await send(server.url, 'GET', '/history/asset/A-0001-01', { token: manager });
    expect(history.status).toBe(200);
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['deactivate', 'update', 'create']);
    expect(history.body.data[1].changes).toEqual([{ field: 'status', before: 'in_service', after: 'disposed' }]);
  });
});

describe('list', () => {
  it('pages every asset with each sort', async () => {
    const all = ['A-0001-01', 'A-0001-02', 'A-0002-01'];
    for (const sort of ['code', '-code', 'name', '-name', 'store_code', '-store_code', 'category', '-category', 'status', '-status', 'created_at', '-created_at', 'updated_at', '-updated_at']) {
      const codes = await listAllCodes(server.url, '/assets', admin, { sort });
      expect(codes.slice().sort(), sort).toEqual(all);
    }
    expect(await listAllCodes(server.url, '/assets', admin, { sort: 'category' })).toEqual(['A-0001-01', 'A-0001-02', 'A-0002-01']);
    expect(await listAllCodes(server.url, '/assets', admin, { sort: '-status' })).toEqual(['A-0001-02', 'A-0002-01', 'A-0001-01']);
  });

  it('filters by store, category and status', async () => {
    const byStore = await send(server.url, 'GET', '/assets?store_code=0002', { token: admin });
    expect(byStore.body.data.map((a: { code: string }) => a.code)).toEqual(['A-0002-01']);
    const fridges = await send(server.url, 'GET', '/assets?category=refrigeration&status=in_service', { token: admin });
    expect(fridges.body.data.map((a: { code: string }) => a.code)).toEqual(['A-0002-01']);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
