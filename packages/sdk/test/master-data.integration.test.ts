import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BohPermissionError, BohValidationError, createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let boh: BohClient;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.stores.create({ code: '0002', name: '徐家汇店' });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('items and menu items', () => {
  it('round-trip a latte recipe', async () => {
    await boh.items.create({ code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }] });
    await boh.items.create({ code: 'MILK', name: '牛奶', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '盒', factor: 1000 }] });
    await boh.items.create({ code: 'CUP', name: '纸杯', kind: 'packaging', base_unit: '个' });

    const latte = await boh.menuItems.create({
      code: 'LATTE',
      name: '拿铁',
      price_fen: 3200,
      components: [
        { component_type: 'item', code: 'BEANS', quantity: 18 },
        { component_type: 'item', code: 'MILK', quantity: 0.2, unit: '盒' },
        { component_type: 'item', code: 'CUP', quantity: 1 },
      ],
    });
    expect(latte.components.map((c) => [c.code, c.base_quantity])).toEqual([['BEANS', 18], ['MILK', 200], ['CUP', 1]]);
    expect((await boh.menuItems.get('LATTE')).components).toEqual(latte.components);

    const history = await boh.menuItems.history('LATTE').toArray({ max: 10 });
    expect(history.map((event) => event.action)).toEqual(['create']);
  });

  it('name bad component by index', async () => {
    const chinese = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    const error = await chinese.menuItems
      .update('LATTE', { components: [{ component_type: 'item', code: 'BEANS', quantity: 18 }, { component_type: 'menu_item', code: 'LATTE', quantity: 1 }] })
      .catch((e: unknown) => e);
    await chinese.close();
    expect(error).toBeInstanceOf(BohValidationError);
    expect((error as BohValidationError).fieldErrors).toEqual([
      { field: 'body.components[1].code', code: 'recipe_cycle', message: 'body.components[1].code: 会使菜品 "LATTE" 包含自身：LATTE → LATTE', value: 'LATTE' },
    ]);
  });
});

describe('suppliers', () => {
  it('normalise and check the credit code', async () => {
    const created = await boh.suppliers.create({ code: 'SUP1', name: '晨光乳业', uscc: '91350100m000100y43' });
    expect(created.uscc).toBe('91350100M000100Y43');
    const error = await boh.suppliers.create({ code: 'SUP2', name: 'x', uscc: '91350100M000100Y44' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohValidationError);
    expect((error as BohValidationError).fieldErrors[0]?.code).toBe('invalid_uscc');
  });
});

describe('employees and assets', () => {
  it('list only a manager’s employees', async () => {
    for (const [code, store_code] of [['E1', '0001'], ['E2', '0002'], ['E3', '0001']] as const) {
      await boh.employees.create({ code, name: `员工${code}`, role: 'barista', store_code });
    }
    const manager = createClient({ baseUrl: server.url, token: await server.token('store_manager', ['0001']) });
    const codes: string[] = [];
    for await (const employee of manager.employees.list({ limit: 1 })) codes.push(employee.code);
    expect(codes).toEqual(['E1', 'E3']);
    await expect(manager.employees.get('E2')).rejects.toBeInstanceOf(BohPermissionError);
    await expect(manager.employees.get('E2')).rejects.toMatchObject({ code: 'store_out_of_scope' });
    await manager.close();
  });

  it('deactivate an asset by version', async () => {
    const created = await boh.assets.create({ code: 'A1', store_code: '0001', category: 'coffee_machine', name: '咖啡机' });
    const deactivated = await boh.assets.deactivate('A1', { ifVersion: created.version });
    expect(deactivated).toMatchObject({ active: false, version: 2, status: 'in_service' });
  });
});

describe('contract', () => {
  it('received only responses that match the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
