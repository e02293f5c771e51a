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

const employee = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: `员工${code}`, role: 'barista', store_code: '0001', ...extra });

describe('create and read', () => {
  it('stores skills, returns ETag', async () => {
    const body = employee('E001', {
      name: '张伟',
      hourly_cost_fen: 3500,
      skills: [{ skill: 'espresso', level: 4 }, { skill: 'latte_art', level: 3 }],
      phone: '13800138000',
      hired_on: '2023-03-01',
    });
    const created = await send(server.url, 'POST', '/employees', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toEqual({
      ...body,
      home_latitude: null,
      home_longitude: null,
      left_on: null,
      active: true,
      version: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect((await send(server.url, 'GET', '/employees/E001', { token: admin })).body).toEqual(created.body);
  });

  it('accepts staff without a store', async () => {
    const office = await send(server.url, 'POST', '/employees', { token: admin, body: employee('HQ01', { role: 'other', store_code: null }) });
    expect(office.status).toBe(201);
    const technician = await send(server.url, 'POST', '/employees', {
      token: admin,
      body: employee('T001', { role: 'technician', store_code: undefined, home_latitude: 31.2304, home_longitude: 121.4737, skills: [{ skill: '冷柜维修', level: 5 }] }),
    });
    expect(technician.status).toBe(201);
    expect(technician.body).toMatchObject({ store_code: null, skills: [{ skill: '冷柜维修', level: 5 }], home_latitude: 31.2304 });
    expect((await send(server.url, 'POST', '/employees', { token: admin, body: employee('E002', { role: 'cook', store_code: '0002' }) })).status).toBe(201);
  });

  it('reports schema violations of every field at once', async () => {
    const reply = await send(server.url, 'POST', '/employees', {
      token: admin,
      body: employee('BAD', { role: 'chef', hourly_cost_fen: -1, skills: [{ skill: 'espresso', level: 6 }, { level: 2 }], hired_on: '2024-02-30', home_latitude: 95 }),
    });
    expect(issuesOf(reply).sort(byField)).toEqual([
      { field: 'body.hired_on', code: 'format' },
      { field: 'body.home_latitude', code: 'maximum' },
      { field: 'body.hourly_cost_fen', code: 'minimum' },
      { field: 'body.role', code: 'enum' },
      { field: 'body.skills[0].level', code: 'maximum' },
      { field: 'body.skills[1].skill', code: 'required' },
    ]);
  });

  const rules = [
    {
      name: 'a leaving date before the hiring date',
      extra: { hired_on: '2024-05-01', left_on: '2024-04-30' },
      field: 'body.left_on',
      code: 'date_order',
      en: 'must not be before hired_on (2024-05-01)',
      zh: '不能早于 hired_on（2024-05-01）',
    },
    {
      name: 'a skill listed twice',
      extra: { skills: [{ skill: 'espresso', level: 2 }, { skill: 'cashier', level: 1 }, { skill: 'espresso', level: 3 }] },
      field: 'body.skills[2].skill',
      code: 'duplicate_skill',
      en: 'skill "espresso" is listed more than once',
      zh: '技能 "espresso" 重复',
    },
    {
      name: 'a store that does not exist',
      extra: { store_code: '0404' },
      field: 'body.store_code',
      code: 'reference_not_found',
      en: 'store "0404" does not exist',
      zh: '门店 "0404" 不存在',
    },
    {
      name: 'a latitude without a longitude',
      extra: { home_latitude: 31.2 },
      field: 'body.home_longitude',
      code: 'coordinates_pair',
      en: 'must be set together with home_latitude',
      zh: '必须与 home_latitude 同时填写',
    },
  ];

  it.each(rules)('rejects $name in English and Chinese', async ({ extra, field, code, en, zh }) => {
    const body = employee('RULE', extra);
    const english = await send(server.url, 'POST', '/employees', { token: admin, body });
    expect(issuesOf(english)).toEqual([{ field, code }]);
    expect(messageOf(english, field)).toContain(en);
    const chinese = await send(server.url, 'POST', '/employees', { token: admin, body, headers: ZH });
    expect(messageOf(chinese, field)).toContain(zh);
  });
});

describe('store managers', () => {
  it('list only the employees of their own stores', async () => {
    const list = await send(server.url, 'GET', '/employees?limit=500', { token: manager });
    expect(list.body.data.map((e: { code: string }) => e.code)).toEqual(['E001']);
    const other = await send(server.url, 'GET', '/employees?store_code=0002', { token: manager });
    expect(other.body.data).toEqual([]);

    const both = await server.token('store_manager', ['0001', '0002']);
    const wider = await send(server.url, 'GET', '/employees?limit=500', { token: both });
    expect(wider.body.data.map((e: { code: string }) => e.code)).toEqual(['E001', 'E002']);
  });

  it('get 403 outside their stores', async () => {
    const other = await send(server.url, 'GET', '/employees/E002', { token: manager, headers: ZH });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('store_out_of_scope');
    expect(other.body.detail).toBe('此令牌仅限门店 0001；门店 "0002" 不在其中。');
    const office = await send(server.url, 'GET', '/employees/HQ01', { token: manager });
    expect(office.status).toBe(403);
    expect(office.body.code).toBe('store_out_of_scope');
  });

  it('create employees only in their own stores', async () => {
    const own = await send(server.url, 'POST', '/employees', { token: manager, body: employee('E003', { role: 'cashier' }) });
    expect(own.status).toBe(201);
    for (const store_code of ['0002', null]) {
      const reply = await send(server.url, 'POST', '/employees', { token: manager, body: employee('E004', { store_code }) });
      expect(reply.status, String(store_code)).toBe(403);
      expect(reply.body.code).toBe('store_out_of_scope');
    }
    expect((await send(server.url, 'GET', '/employees/E004', { token: admin })).status).toBe(404);
  });

  it('update but cannot move employees', async () => {
    const updated = await send(server.url, 'PATCH', '/employees/E003', { token: manager, body: { hourly_cost_fen: 3000 } });
    expect(updated.status).toBe(200);
    const moved = await send(server.url, 'PATCH', '/employees/E003', { token: manager, body: { store_code: '0002' } });
    expect(moved.status).toBe(403);
    expect(moved.body.code).toBe('store_out_of_scope');
    const foreign = await send(server.url, 'PATCH', '/employees/E002', { token: manager, body: { phone: '1' } });
    expect(foreign.status).toBe(403);
    expect((await send(server.url, 'GET', '/employees/E003', { token: admin })).body).toMatchObject({ store_code: '0001', version: 2 });
  });

  it('may not deactivate employees', async () => {
    const reply = await send(server.url, 'POST', '/employees/E003/deactivate', { token: manager });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
  });

  it('read own employees’ history only', async () => {
    const own = await send(server.url, 'GET', '/history/employee/E003', { token: manager });
    expect(own.status).toBe(200);
    expect(own.body.data.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['update', 'test-store_manager'],
      ['create', 'test-store_manager'],
    ]);
    const other = await send(server.url, 'GET', '/history/employee/E002', { token: manager });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('store_out_of_scope');
  });
});

describe('update and history', () => {
  it('replaces skills in history', async () => {
    const skills = [{ skill: 'espresso', level: 5 }];
    const updated = await send(server.url, 'PATCH', '/employees/E001', { token: admin, body: { skills, left_on: '2024-12-31' }, headers: { 'if-match': '"1"' } });
    expect(updated.body).toMatchObject({ skills, left_on: '2024-12-31', version: 2 });
    const history = await send(server.url, 'GET', '/history/employee/E001', { token: admin });
    expect(history.body.data[0].changes).toEqual([
      { field: 'skills', before: [{ skill: 'espresso', level: 4 }, { skill: 'latte_art', level: 3 }], after: skills },
      { field: 'left_on', before: null, after: '2024-12-31' },
    ]);
    const stale = await send(server.url, 'PATCH', '/employees/E001', { token: admin, body: { phone: '1' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
  });

  it('checks left_on against stored hired_on', async () => {
    const reply = await send(server.url, 'PATCH', '/employees/E001', { token: admin, body: { left_on: '2020-01-01' } });
    expect(issuesOf(reply)).toEqual([{ field: 'body.left_on', code: 'date_order' }]);
  });

  it('deactivates an employee', async () => {
    const reply = await send(server.url, 'POST', '/employees/HQ01/deactivate', { token: await server.token('ops') });
    expect(reply.body.active).toBe(false);
  });
});

describe('list', () => {
  it('pages every employee with each sort', async () => {
    const all = ['E001', 'E002', 'E003', 'HQ01', 'T001'];
    for (const sort of ['code', '-code', 'name', '-name', 'role', '-role', 'store_code', '-store_code', 'created_at', '-created_at', 'updated_at', '-updated_at']) {
      const codes = await listAllCodes(server.url, '/employees', admin, { sort });
      expect(codes.slice().sort(), sort).toEqual(all);
    }
    expect(await listAllCodes(server.url, '/employees', admin, { sort: 'store_code' })).toEqual(['HQ01', 'T001', 'E001', 'E003', 'E002']);
    expect(await listAllCodes(server.url, '/employees', admin, { sort: '-role' })).toEqual(['T001', 'HQ01', 'E002', 'E003', 'E001']);
  });

  it('filters by role', async () => {
    const reply = await send(server.url, 'GET', '/employees?role=technician', { token: admin });
    expect(reply.body.data.map((e: { code: string }) => e.code)).toEqual(['T001']);
  });

  it('is hidden from technicians', async () => {
    expect((await send(server.url, 'GET', '/employees', { token: await server.token('technician') })).status).toBe(403);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
