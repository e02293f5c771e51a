import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { ZH, byField, issuesOf, listAllCodes, messageOf } from './support/master-data.js';

let server: TestServer;
let admin: string;

const item = (code: string, base_unit: string, pack_units: { unit: string; factor: number }[] = []) => ({
  code,
  name: `物料${code}`,
  kind: 'raw_material',
  base_unit,
  pack_units,
});

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  const items = [
    item('BEANS', 'g', [{ unit: '袋', factor: 1000 }, { unit: '箱', factor: 12000 }]),
    item('MILK', 'ml', [{ unit: '盒', factor: 1000 }]),
    item('CUP', '个', [{ unit: '条', factor: 50 }]),
    item('SUGAR', 'g'),
    item('VANILLA', 'ml', [{ unit: '瓶', factor: 750.125 }]),
  ];
  for (const body of items) expect((await send(server.url, 'POST', '/items', { token: admin, body })).status).toBe(201);
});
afterAll(() => server.close());

const line = (component_type: 'item' | 'menu_item', code: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  component_type,
  code,
  quantity,
  ...extra,
});

describe('recipes', () => {
  it('stores latte with converted quantities', async () => {
    const created = await send(server.url, 'POST', '/menu-items', {
      token: admin,
      body: {
        code: 'LATTE',
        name: '拿铁',
        category: '咖啡',
        price_fen: 3200,
        components: [line('item', 'BEANS', 18), line('item', 'MILK', 0.2, { unit: '盒', loss_rate: 0.05 }), line('item', 'CUP', 1)],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      code: 'LATTE',
      name: '拿铁',
      category: '咖啡',
      price_fen: 3200,
      sellable: true,
      tax_category: 'catering_service',
      recipe_yield: 1,
      components: [
        { component_type: 'item', code: 'BEANS', quantity: 18, unit: null, loss_rate: 0, base_quantity: 18 },
        { component_type: 'item', code: 'MILK', quantity: 0.2, unit: '盒', loss_rate: 0.05, base_quantity: 200 },
        { component_type: 'item', code: 'CUP', quantity: 1, unit: null, loss_rate: 0, base_quantity: 1 },
      ],
      active: true,
      version: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const read = await send(server.url, 'GET', '/menu-items/LATTE', { token: admin });
    expect(read.body).toEqual(created.body);
  });

  it('uses a sub-recipe measured in portions', async () => {
    const syrup = await send(server.url, 'POST', '/menu-items', {
      token: admin,
      body: {
        code: 'SYRUP',
        name: '自制香草糖浆',
        sellable: false,
        recipe_yield: 40,
        components: [line('item', 'SUGAR', 500), line('item', 'VANILLA', 2, { unit: '瓶' })],
      },
    });
    expect(syrup.status).toBe(201);
    expect(syrup.body.components.map((c: { base_quantity: number }) => c.base_quantity)).toEqual([500, 1500.25]);

    const vanillaLatte = await send(server.url, 'POST', '/menu-items', {
      token: admin,
      body: { code: 'VANILLA-LATTE', name: '香草拿铁', components: [line('item', 'BEANS', 18), line('menu_item', 'SYRUP', 1.5), line('item', 'CUP', 1)] },
    });
    expect(vanillaLatte.status).toBe(201);
    expect(vanillaLatte.body.components[1]).toEqual({ component_type: 'menu_item', code: 'SYRUP', quantity: 1.5, unit: null, loss_rate: 0, base_quantity: 1.5 });
  });

  it('converts whole packs and the base unit named explicitly', async () => {
    const reply = await send(server.url, 'POST', '/menu-items', {
      token: admin,
      body: { code: 'BATCH', name: '批量冷萃', components: [line('item', 'BEANS', 1.5, { unit: '箱' }), line('item', 'MILK', 250, { unit: 'ml' })] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.components.map((c: { base_quantity: number }) => c.base_quantity)).toEqual([18000, 250]);
  });
});

describe('bad components', () => {
  const components = [
    line('item', 'BEANS', 18),
    line('item', 'NOPE', 1),
    line('item', 'MILK', 1, { unit: '桶' }),
    line('menu_item', 'SYRUP', 1, { unit: '瓶' }),
    line('item', 'BEANS', 2),
    line('menu_item', 'GHOST', 1),
    line('item', 'SUGAR', 0.1234567),
    line('item', 'VANILLA', 0.0001, { unit: '瓶' }),
    line('item', 'CUP', 1000000000, { unit: '条' }),
    line('item', 'MILK', 1, { loss_rate: 0.0000001 }),
  ];
  const want = [
    { field: 'body.components[1].code', code: 'reference_not_found', en: 'item "NOPE" does not exist', zh: '物料 "NOPE" 不存在' },
    { field: 'body.components[2].unit', code: 'unknown_unit', en: '"桶" is neither the base unit nor a pack unit of item "MILK"; use one of ml, 盒', zh: '"桶" 既不是物料 "MILK" 的基本单位' },
    { field: 'body.components[3].unit', code: 'unit_for_sub_recipe', en: 'a sub-recipe is measured in portions', zh: '子配方按份计量，请去掉单位' },
    { field: 'body.components[4].code', code: 'duplicate_component', en: 'item "BEANS" is already listed at components[0]', zh: '物料 "BEANS" 已在 components[0] 中列出' },
    { field: 'body.components[5].code', code: 'reference_not_found', en: 'menu item "GHOST" does not exist', zh: '菜品 "GHOST" 不存在' },
    { field: 'body.components[6].quantity', code: 'decimal_places', en: 'must have at most 6 decimal places; got 0.1234567', zh: '最多 6 位小数，实际为 0.1234567' },
    { field: 'body.components[7].quantity', code: 'conversion_precision', en: '0.0001 瓶 is 0.0750125 ml, which has more than 6 decimal places; give the quantity in ml', zh: '0.0001 瓶 折合 0.0750125 ml，超过 6 位小数；请直接以 ml 填写数量' },
    { field: 'body.components[8].quantity', code: 'conversion_too_large', en: '1000000000 条 is 50000000000 个, more than the maximum of 1000000000', zh: '1000000000 条 折合 50000000000 个，超过上限 1000000000' },
    { field: 'body.components[9].code', code: 'duplicate_component', en: 'item "MILK" is already listed at components[2]', zh: '物料 "MILK" 已在 components[2] 中列出' },
    { field: 'body.components[9].loss_rate', code: 'decimal_places', en: 'got 1e-7', zh: '实际为 1e-7' },
  ];

  it('reports bad components by index', async () => {
    const body = { code: 'BROKEN', name: '坏配方', components };
    const english = await send(server.url, 'POST', '/menu-items', { token: admin, body });
    expect(issuesOf(english)).toEqual(want.map(({ field, code }) => ({ field, code })));
    const chinese = await send(server.url, 'POST', '/menu-items', { token: admin, body, headers: ZH });
    for (const { field, en, zh } of want) {
      expect(messageOf(english, field), field).toContain(en);
      expect(messageOf(chinese, field), field).toContain(zh);
    }
    expect((await send(server.url, 'GET', '/menu-items/BROKEN', { token: admin })).status).toBe(404);
  });

  it('reports schema violations inside components by index', async () => {
    const reply = await send(server.url, 'POST', '/menu-items', {
      token: admin,
      body: {
        code: 'BROKEN',
        name: '坏配方',
        recipe_yield: 0,
        components: [
          { component_type: 'recipe', code: 'BEANS', quantity: 1 },
          { component_type: 'item', code: 'BEANS', quantity: 0 },
          { component_type: 'item', quantity: 1 },
          { component_type: 'item', code: 'MILK', quantity: 1, loss_rate: 1 },
          { component_type: 'item', code: 'CUP', quantity: 1, base_quantity: 1 },
        ],
      },
    });
    expect(issuesOf(reply).sort(byField)).toEqual([
      { field: 'body.components[0].component_type', code: 'enum' },
      { field: 'body.components[1].quantity', code: 'exclusiveMinimum' },
      { field: 'body.components[2].code', code: 'required' },
      { field: 'body.components[3].loss_rate', code: 'exclusiveMaximum' },
      { field: 'body.components[4].base_quantity', code: 'unknown_field' },
      { field: 'body.recipe_yield', code: 'exclusiveMinimum' },
    ]);
  });

  it('rejects a recipe yield with more than 6 decimal places', async () => {
    const reply = await send(server.url, 'POST', '/menu-items', { token: admin, body: { code: 'BROKEN', name: 'x', recipe_yield: 1.0000001 } });
    expect(issuesOf(reply)).toEqual([{ field: 'body.recipe_yield', code: 'decimal_places' }]);
  });
});

describe('cycles', () => {
  beforeAll(async () => {
    await send(server.url, 'POST', '/menu-items', { token: admin, body: { code: 'A', name: '基底A', sellable: false } });
    await send(server.url, 'POST', '/menu-items', { token: admin, body: { code: 'B', name: '基底B', sellable: false, components: [line('menu_item', 'A', 1)] } });
    await send(server.url, 'POST', '/menu-items', { token: admin, body: { code: 'C', name: '基底C', sellable: false, components: [line('menu_item', 'B', 2)] } });
  });

  it('rejects a menu item that contains itself', async () => {
    const reply = await send(server.url, 'POST', '/menu-items', { token: admin, body: { code: 'SELF', name: '自含', components: [line('menu_item', 'SELF', 1)] } });
    expect(issuesOf(reply)).toEqual([{ field: 'body.components[0].code', code: 'recipe_cycle' }]);
    expect(messageOf(reply, 'body.components[0].code')).toBe('body.components[0].code: would make menu item "SELF" contain itself: SELF → SELF');
  });

  it('rejects indirect cycle, naming the chain', async () => {
    const reply = await send(server.url, 'PATCH', '/menu-items/A', {
      token: admin,
      body: { components: [line('item', 'SUGAR', 10), line('menu_item', 'C', 1)] },
      headers: ZH,
    });
    expect(issuesOf(reply)).toEqual([{ field: 'body.components[1].code', code: 'recipe_cycle' }]);
    expect(messageOf(reply, 'body.components[1].code')).toBe('body.components[1].code: 会使菜品 "A" 包含自身：A → C → B → A');

    const unchanged = await send(server.url, 'GET', '/menu-items/A', { token: admin });
    expect(unchanged.body.components).toEqual([]);
  });

  it('accepts shared sub-recipes in branches', async () => {
    const reply = await send(server.url, 'POST', '/menu-items', {
      token: admin,
      body: { code: 'D', name: '组合D', components: [line('menu_item', 'B', 1), line('menu_item', 'C', 1)] },
    });
    expect(reply.status).toBe(201);
  });
});

describe('update and history', () => {
  it('replaces recipe in history', async () => {
    const before = await send(server.url, 'GET', '/menu-items/LATTE', { token: admin });
    const components = [line('item', 'BEANS', 20), line('item', 'MILK', 180), line('item', 'CUP', 1)];
    const updated = await send(server.url, 'PATCH', '/menu-items/LATTE', { token: admin, body: { components }, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.components.map((c: { base_quantity: number }) => c.base_quantity)).toEqual([20, 180, 1]);

    const history = await send(server.url, 'GET', '/history/menu_item/LATTE', { token: admin });
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.body.data[0].changes).toEqual([{ field: 'components', before: before.body.components, after: updated.body.components }]);
  });

  it('keeps recipe on other changes', async () => {
    const renamed = await send(server.url, 'PATCH', '/menu-items/LATTE', { token: admin, body: { price_fen: 3400 } });
    expect(renamed.body.components).toHaveLength(3);
    expect(renamed.body.version).toBe(3);

    const same = await send(server.url, 'PATCH', '/menu-items/LATTE', {
      token: admin,
      body: { components: [line('item', 'BEANS', 20), line('item', 'MILK', 180), line('item', 'CUP', 1)] },
    });
    expect(same.body.version).toBe(3);
  });

  it('keeps base quantities when a pack factor changes later', async () => {
    await send(server.url, 'PATCH', '/menu-items/LATTE', { token: admin, body: { components: [line('item', 'MILK', 0.2, { unit: '盒' })] } });
    const repacked = await send(server.url, 'PATCH', '/items/MILK', { token: admin, body: { pack_units: [{ unit: '盒', factor: 950 }] } });
    expect(repacked.status).toBe(200);
    const latte = await send(server.url, 'GET', '/menu-items/LATTE', { token: admin });
    expect(latte.body.components).toEqual([{ component_type: 'item', code: 'MILK', quantity: 0.2, unit: '盒', loss_rate: 0, base_quantity: 200 }]);
  });

  it('rejects base unit change in use', async () => {
    const reply = await send(server.url, 'PATCH', '/items/BEANS', { token: admin, body: { base_unit: 'kg', cost_unit: 'kg' }, headers: ZH });
    expect(issuesOf(reply)).toEqual([{ field: 'body.base_unit', code: 'base_unit_in_use' }]);
    expect(messageOf(reply, 'body.base_unit')).toContain('有 2 条配方行以 "g" 计量物料 "BEANS"（例如菜品 "BATCH"）');
  });

  it('deactivates a menu item and keeps its recipe', async () => {
    const reply = await send(server.url, 'POST', '/menu-items/VANILLA-LATTE/deactivate', { token: admin });
    expect(reply.body).toMatchObject({ active: false, version: 2 });
    expect(reply.body.components).toHaveLength(3);
    const history = await send(server.url, 'GET', '/history/menu_item/VANILLA-LATTE', { token: admin });
    expect(history.body.data[0].changes).toEqual([{ field: 'active', before: true, after: false }]);
  });
});

describe('list', () => {
  it('filters by sellable and category', async () => {
    const subRecipes = await send(server.url, 'GET', '/menu-items?sellable=false', { token: admin });
    expect(subRecipes.body.data.map((m: { code: string }) => m.code)).toEqual(['A', 'B', 'C', 'SYRUP']);
    expect(subRecipes.body.data.map((m: { components: unknown[] }) => m.components.length)).toEqual([0, 1, 1, 2]);

    const coffee = await send(server.url, 'GET', `/menu-items?category=${encodeURIComponent('咖啡')}`, { token: admin });
    expect(coffee.body.data.map((m: { code: string }) => m.code)).toEqual(['LATTE']);
  });

  it('pages every menu item with each sort', async () => {
    const all = ['A', 'B', 'BATCH', 'C', 'D', 'LATTE', 'SYRUP', 'VANILLA-LATTE'];
    for (const sort of ['code', '-code', 'name', '-name', 'category', '-category', 'created_at', '-created_at', 'updated_at', '-updated_at']) {
      const codes = await listAllCodes(server.url, '/menu-items', admin, { sort });
      expect(codes.slice().sort(), sort).toEqual(all);
    }
    expect(await listAllCodes(server.url, '/menu-items', admin, { sort: '-code' })).toEqual(all.slice().reverse());
  });

  it('store managers read, technicians not', async () => {
    const manager = await send(server.url, 'GET', '/menu-items/LATTE', { token: await server.token('store_manager') });
    expect(manager.status).toBe(200);
    const technician = await send(server.url, 'GET', '/menu-items/LATTE', { token: await server.token('technician') });
    expect(technician.status).toBe(403);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
