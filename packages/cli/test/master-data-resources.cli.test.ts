import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  const store = await runBoh(['store', 'create', '--code', '0001', '--name', '静安寺店'], { env });
  expect(store.code).toBe(0);
});
afterAll(() => server.close());

/** Split piped list output into lines and return the first `columns` fields of each. */
function rows(stdout: string, columns: number): string[][] {
  return stdout.split('\n').filter(Boolean).map((line) => line.split('\t').slice(0, columns));
}

describe('boh item', () => {
  it('creates with JSON packs, lists piped', async () => {
    const created = await runBoh(
      ['item', 'create', '--code', 'BEANS', '--name', '咖啡豆', '--kind', 'raw_material', '--base-unit', 'g', '--pack-units', '[{"unit":"袋","factor":1000}]', '--json'],
      { env },
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ code: 'BEANS', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }], cost_unit: 'g' });

    await runBoh(['item', 'create', '--code', 'MILK', '--name', '牛奶', '--kind', 'raw_material', '--base-unit', 'ml', '--category', '乳制品'], { env });
    const listed = await runBoh(['item', 'list'], { env });
    expect(listed.code).toBe(0);
    expect(rows(listed.stdout, 5)).toEqual([
      ['BEANS', '咖啡豆', '', 'raw_material', 'g'],
      ['MILK', '牛奶', '乳制品', 'raw_material', 'ml'],
    ]);
    const filtered = await runBoh(['item', 'list', '--category', '乳制品', '--json'], { env });
    expect(JSON.parse(filtered.stdout).map((i: { code: string }) => i.code)).toEqual(['MILK']);
  });
});

describe('boh menu-item', () => {
  it('creates a recipe, lists piped', async () => {
    const components = JSON.stringify([
      { component_type: 'item', code: 'BEANS', quantity: 18 },
      { component_type: 'item', code: 'MILK', quantity: 200, loss_rate: 0.05 },
    ]);
    const created = await runBoh(['menu-item', 'create', '--code', 'LATTE', '--name', '拿铁', '--price-fen', '3200', '--components', components, '--json'], { env });
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).components.map((c: { base_quantity: number }) => c.base_quantity)).toEqual([18, 200]);

    const listed = await runBoh(['menu-item', 'list'], { env });
    expect(rows(listed.stdout, 5)).toEqual([['LATTE', '拿铁', '', '3200', 'yes']]);
    const history = await runBoh(['menu-item', 'history', 'LATTE', '--json'], { env });
    expect(JSON.parse(history.stdout).map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('reads number and boolean options', async () => {
    const created = await runBoh(['menu-item', 'create', '--code', 'SYRUP', '--name', '糖浆', '--sellable', 'false', '--recipe-yield', '40', '--json'], { env });
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ sellable: false, recipe_yield: 40 });
    const listed = await runBoh(['menu-item', 'list', '--sellable', 'false', '--json'], { env });
    expect(JSON.parse(listed.stdout).map((m: { code: string }) => m.code)).toEqual(['SYRUP']);
  });

  it('reports bad component, exit 3', async () => {
    const components = JSON.stringify([{ component_type: 'item', code: 'NOPE', quantity: 1 }]);
    const result = await runBoh(['menu-item', 'create', '--code', 'BAD', '--name', '坏配方', '--components', components, '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('body.components[0].code: 物料 "NOPE" 不存在');
  });
});

describe('boh supplier', () => {
  it('creates upper-cased code, lists piped', async () => {
    const created = await runBoh(['supplier', 'create', '--code', 'SUP1', '--name', '晨光乳业', '--uscc', '91350100m000100y43', '--json'], { env });
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).uscc).toBe('91350100M000100Y43');
    const listed = await runBoh(['supplier', 'list'], { env });
    expect(rows(listed.stdout, 3)).toEqual([['SUP1', '晨光乳业', '91350100M000100Y43']]);
  });

  it('explains a wrong check digit in Chinese', async () => {
    const result = await runBoh(['supplier', 'create', '--code', 'SUP2', '--name', 'x', '--uscc', '91350100M000100Y44'], { env: { ...env, BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('校验位为 "4"，按前 17 位应为 "3"');
  });
});

describe('boh employee', () => {
  it('creates and lists piped', async () => {
    const created = await runBoh(
      ['employee', 'create', '--code', 'E001', '--name', '张伟', '--role', 'barista', '--store-code', '0001', '--skills', '[{"skill":"espresso","level":4}]', '--json'],
      { env },
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ code: 'E001', skills: [{ skill: 'espresso', level: 4 }] });
    const listed = await runBoh(['employee', 'list', '--role', 'barista'], { env });
    expect(rows(listed.stdout, 4)).toEqual([['E001', '张伟', 'barista', '0001']]);
  });
});

describe('boh asset', () => {
  it('creates and lists piped', async () => {
    const created = await runBoh(['asset', 'create', '--code', 'A1', '--store-code', '0001', '--category', 'coffee_machine', '--name', '咖啡机', '--json'], { env });
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ code: 'A1', status: 'in_service' });
    const listed = await runBoh(['asset', 'list'], { env });
    expect(rows(listed.stdout, 5)).toEqual([['A1', '咖啡机', '0001', 'coffee_machine', 'in_service']]);
  });

  it('offers only the contract’s categories', async () => {
    const result = await runBoh(['asset', 'create', '--code', 'A2', '--store-code', '0001', '--category', 'toaster', '--name', 'x'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('coffee_machine');
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
