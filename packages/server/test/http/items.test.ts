import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { ZH, byField, issuesOf, listAllCodes, messageOf } from './support/master-data.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
});
afterAll(() => server.close());

const beans = {
  code: 'BEAN-ARABICA',
  name: '阿拉比卡咖啡豆',
  category: '咖啡豆',
  kind: 'raw_material',
  base_unit: 'g',
  pack_units: [
    { unit: '袋', factor: 1000 },
    { unit: '箱', factor: 12000 },
  ],
  standard_cost_fen: 12000,
  cost_unit: '袋',
  barcode: '6901234567892',
  spec: '1kg/袋',
  shelf_life_days: 365,
};

describe('create and read', () => {
  it('stores pack units, returns ETag', async () => {
    const created = await send(server.url, 'POST', '/items', { token: admin, body: beans });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toEqual({
      ...beans,
      tax_category: 'goods',
      active: true,
      version: 1,
      created_at: expect.any(String),
      updated_at: created.body.created_at,
    });

    const read = await send(server.url, 'GET', '/items/BEAN-ARABICA', { token: admin });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('fills defaults for optional fields', async () => {
    const created = await send(server.url, 'POST', '/items', { token: admin, body: { code: 'CUP-12OZ', name: '12oz 纸杯', kind: 'packaging', base_unit: '个' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ pack_units: [], cost_unit: '个', standard_cost_fen: null, tax_category: 'goods', category: null });
  });

  it('keeps decimal factors exactly as sent', async () => {
    const created = await send(server.url, 'POST', '/items', {
      token: admin,
      body: { code: 'SYRUP-BOTTLE', name: '香草糖浆', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '瓶', factor: 750.125 }, { unit: '泵', factor: 0.000001 }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.pack_units).toEqual([{ unit: '瓶', factor: 750.125 }, { unit: '泵', factor: 0.000001 }]);
  });

  it('rejects a second item with the same code with 409', async () => {
    const again = await send(server.url, 'POST', '/items', { token: admin, body: beans });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_exists');
  });

  it('reports schema violations of every field at once', async () => {
    const body = {
      code: 'BAD ITEM',
      name: 'x',
      kind: 'vegetable',
      base_unit: 'g g',
      pack_units: [{ unit: '袋', factor: 0 }, { unit: '箱', factor: 12, colour: 'red' }],
      standard_cost_fen: 12.5,
      tax_category: 'luxury',
      shelf_life_days: -1,
    };
    const reply = await send(server.url, 'POST', '/items', { token: admin, body });
    expect(issuesOf(reply).sort(byField)).toEqual([
      { field: 'body.base_unit', code: 'pattern' },
      { field: 'body.code', code: 'code_pattern' },
      { field: 'body.kind', code: 'enum' },
      { field: 'body.pack_units[0].factor', code: 'exclusiveMinimum' },
      { field: 'body.pack_units[1].colour', code: 'unknown_field' },
      { field: 'body.shelf_life_days', code: 'minimum' },
      { field: 'body.standard_cost_fen', code: 'type' },
      { field: 'body.tax_category', code: 'enum' },
    ]);
  });

  it('requires kind and base unit', async () => {
    const reply = await send(server.url, 'POST', '/items', { token: admin, body: { code: 'NOUNIT', name: 'x' }, headers: ZH });
    expect(issuesOf(reply)).toEqual([
      { field: 'body.kind', code: 'required' },
      { field: 'body.base_unit', code: 'required' },
    ]);
    expect(messageOf(reply, 'body.base_unit')).toBe('body.base_unit: 为必填项');
  });
});

describe('pack unit and cost unit rules', () => {
  const cases = [
    {
      name: 'a factor with 7 decimal places',
      pack_units: [{ unit: '袋', factor: 0.1234567 }],
      want: { field: 'body.pack_units[0].factor', code: 'decimal_places' },
      en: 'must have at most 6 decimal places; got 0.1234567',
      zh: '最多 6 位小数，实际为 0.1234567',
    },
    {
      name: 'a unit listed twice',
      pack_units: [{ unit: '袋', factor: 500 }, { unit: '箱', factor: 6000 }, { unit: '袋', factor: 1000 }],
      want: { field: 'body.pack_units[2].unit', code: 'duplicate_unit' },
      en: 'unit "袋" is listed more than once',
      zh: '单位 "袋" 重复',
    },
    {
      name: 'the base unit as a pack',
      pack_units: [{ unit: 'g', factor: 1 }],
      want: { field: 'body.pack_units[0].unit', code: 'pack_unit_is_base_unit' },
      en: 'unit "g" is the base unit',
      zh: '单位 "g" 是基本单位',
    },
    {
      name: 'a cost unit the item does not have',
      pack_units: [{ unit: '袋', factor: 500 }],
      cost_unit: '桶',
      want: { field: 'body.cost_unit', code: 'unknown_unit' },
      en: '"桶" is neither the base unit nor a pack unit of item "RULES"; use one of g, 袋',
      zh: '"桶" 既不是物料 "RULES" 的基本单位，也不是它的包装单位；可用单位：g, 袋',
    },
  ];

  it.each(cases)('rejects $name in English and Chinese', async ({ pack_units, cost_unit, want, en, zh }) => {
    const body = { code: 'RULES', name: '规则', kind: 'raw_material', base_unit: 'g', pack_units, ...(cost_unit ? { cost_unit } : {}) };
    const english = await send(server.url, 'POST', '/items', { token: admin, body });
    expect(issuesOf(english)).toEqual([want]);
    expect(messageOf(english, want.field)).toContain(en);

    const chinese = await send(server.url, 'POST', '/items', { token: admin, body, headers: ZH });
    expect(messageOf(chinese, want.field)).toContain(zh);
    expect(chinese.body.detail).toBe(`1 个字段无效：${want.field}。未写入任何数据。`);
  });

  it('wrote none of the rejected items', async () => {
    const reply = await send(server.url, 'GET', '/items/RULES', { token: admin });
    expect(reply.status).toBe(404);
  });

  it('accepts a pack unit as the cost unit', async () => {
    const reply = await send(server.url, 'POST', '/items', {
      token: admin,
      body: { code: 'MILK', name: '全脂牛奶', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '盒', factor: 1000 }], standard_cost_fen: 1450, cost_unit: '盒' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.cost_unit).toBe('盒');
  });
});

describe('update and history', () => {
  it('replaces pack units in history', async () => {
    const packs = [{ unit: '盒', factor: 1000 }, { unit: '箱', factor: 12000 }];
    const updated = await send(server.url, 'PATCH', '/items/MILK', { token: admin, body: { pack_units: packs }, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ pack_units: packs, version: 2 });

    const history = await send(server.url, 'GET', '/history/item/MILK', { token: admin });
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.body.data[0].changes).toEqual([{ field: 'pack_units', before: [{ unit: '盒', factor: 1000 }], after: packs }]);
    expect(history.body.data[1].changes).toContainEqual({ field: 'base_unit', before: null, after: 'ml' });
  });

  it('rejects a stale If-Match with 412', async () => {
    const stale = await send(server.url, 'PATCH', '/items/MILK', { token: admin, body: { name: '脱脂牛奶' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
  });

  it('rejects dropping the pack that is the cost unit', async () => {
    const reply = await send(server.url, 'PATCH', '/items/MILK', { token: admin, body: { pack_units: [{ unit: '箱', factor: 12000 }] } });
    expect(issuesOf(reply)).toEqual([{ field: 'body.cost_unit', code: 'unknown_unit' }]);
  });

  it('changes an unused base unit', async () => {
    const alone = await send(server.url, 'PATCH', '/items/CUP-12OZ', { token: admin, body: { base_unit: '只' } });
    expect(issuesOf(alone)).toEqual([{ field: 'body.cost_unit', code: 'unknown_unit' }]);
    const both = await send(server.url, 'PATCH', '/items/CUP-12OZ', { token: admin, body: { base_unit: '只', cost_unit: '只' } });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ base_unit: '只', cost_unit: '只', version: 2 });
  });

  it('deactivates without deleting and records it', async () => {
    const reply = await send(server.url, 'POST', '/items/SYRUP-BOTTLE/deactivate', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.active).toBe(false);
    const history = await send(server.url, 'GET', '/history/item/SYRUP-BOTTLE', { token: admin });
    expect(history.body.data[0]).toMatchObject({ action: 'deactivate', changes: [{ field: 'active', before: true, after: false }] });
  });
});

describe('list', () => {
  beforeAll(async () => {
    const rows: [string, string | null, string][] = [
      ['L-05', '乳制品', 'raw_material'],
      ['L-01', null, 'packaging'],
      ['L-04', '咖啡豆', 'raw_material'],
      ['L-02', '乳制品', 'merchandise'],
      ['L-03', null, 'spare_part'],
    ];
    for (const [code, category, kind] of rows) {
      const reply = await send(server.url, 'POST', '/items', { token: admin, body: { code, name: `列表${6 - Number(code.slice(2))}`, category, kind, base_unit: '个', spec: 'LIST' } });
      expect(reply.status).toBe(201);
    }
  });

  it('pages every item with each sort', async () => {
    for (const sort of ['code', '-code', 'name', '-name', 'category', '-category', 'kind', '-kind', 'created_at', '-created_at', 'updated_at', '-updated_at']) {
      const codes = await listAllCodes(server.url, '/items', admin, { q: 'L-0', sort });
      expect(codes.slice().sort(), sort).toEqual(['L-01', 'L-02', 'L-03', 'L-04', 'L-05']);
    }
  });

  it('orders by each sort field, then the code', async () => {
    expect(await listAllCodes(server.url, '/items', admin, { q: 'L-0', sort: '-code' })).toEqual(['L-05', 'L-04', 'L-03', 'L-02', 'L-01']);
    expect(await listAllCodes(server.url, '/items', admin, { q: 'L-0', sort: 'name' })).toEqual(['L-05', 'L-04', 'L-03', 'L-02', 'L-01']);
    expect(await listAllCodes(server.url, '/items', admin, { q: 'L-0', sort: 'category' })).toEqual(['L-01', 'L-03', 'L-02', 'L-05', 'L-04']);
    expect(await listAllCodes(server.url, '/items', admin, { q: 'L-0', sort: 'kind' })).toEqual(['L-02', 'L-01', 'L-04', 'L-05', 'L-03']);
  });

  it('filters by category and kind', async () => {
    const dairy = await send(server.url, 'GET', `/items?category=${encodeURIComponent('乳制品')}`, { token: admin });
    expect(dairy.body.data.map((i: { code: string }) => i.code)).toEqual(['L-02', 'L-05']);
    const raw = await send(server.url, 'GET', '/items?kind=raw_material&q=L-0', { token: admin });
    expect(raw.body.data.map((i: { code: string }) => i.code)).toEqual(['L-04', 'L-05']);
    const badKind = await send(server.url, 'GET', '/items?kind=vegetable', { token: admin });
    expect(issuesOf(badKind)).toEqual([{ field: 'query.kind', code: 'enum' }]);
  });
});

describe('roles', () => {
  it('read-only roles read, not write', async () => {
    for (const role of ['technician', 'store_manager', 'finance', 'readonly'] as const) {
      const token = await server.token(role);
      expect((await send(server.url, 'GET', '/items/MILK', { token })).status, role).toBe(200);
      const write = await send(server.url, 'PATCH', '/items/MILK', { token, body: { name: 'x' } });
      expect(write.status, role).toBe(403);
      expect(write.body.code, role).toBe('forbidden');
    }
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
