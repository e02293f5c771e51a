// `boh export` then `boh import` into an empty server gives back the same records, for every
// resource and every format; `boh template` writes a workbook people can fill in.

import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { importHarness } from './support.js';

const h = importHarness();
let target: TestServer;
let targetToken: string;

const RESOURCES: [string, string][] = [
  ['region', '/regions'],
  ['store', '/stores'],
  ['item', '/items'],
  ['menu_item', '/menu-items'],
  ['supplier', '/suppliers'],
  ['employee', '/employees'],
  ['asset', '/assets'],
];

beforeAll(async () => {
  const token = h.env.BOH_TOKEN!;
  const post = async (path: string, body: Record<string, unknown>) => {
    const reply = await send(h.server.url, 'POST', path, { token, body });
    if (reply.status !== 201) throw new Error(`${path}: ${JSON.stringify(reply.body)}`);
  };
  await post('/regions', { code: 'EAST', name: '华东区', manager_name: '王芳' });
  await post('/regions', { code: 'A-SH', name: '上海片区', parent_code: 'EAST' });
  await post('/stores', { code: '0001', name: '静安寺店', region_code: 'A-SH', city: '上海', address: '南京西路1601号\n二楼', area_m2: 85.5, seats: 40, latitude: 31.2235, longitude: 121.4454, opened_on: '2021-05-01', day_end_cutoff: '04:00' });
  await post('/stores', { code: '00123', name: '=HYPERLINK("http://example.invalid")', phone: '-折扣调整', brand: "'引号开头", lifecycle_stage: 'construction' });
  await post('/items', { code: 'BEAN', name: '咖啡豆', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }, { unit: '箱', factor: 12000 }], standard_cost_fen: 12000, cost_unit: '袋', barcode: '06901234567892', shelf_life_days: 365 });
  await post('/items', { code: 'MILK', name: '牛奶', kind: 'raw_material', base_unit: 'ml', tax_category: 'agricultural' });
  await post('/menu-items', { code: 'SYRUP', name: '糖浆', sellable: false, recipe_yield: 40, components: [{ component_type: 'item', code: 'MILK', quantity: 1000 }] });
  await post('/menu-items', { code: 'LATTE', name: '拿铁', price_fen: 3200, components: [{ component_type: 'item', code: 'BEAN', quantity: 0.018, unit: '袋' }, { component_type: 'item', code: 'MILK', quantity: 200, loss_rate: 0.05 }, { component_type: 'menu_item', code: 'SYRUP', quantity: 0.5 }] });
  await post('/menu-items', { code: 'AMERICANO', name: '美式', price_fen: 2800 });
  await post('/suppliers', { code: 'SUP1', name: '上海晨光乳业有限公司', uscc: '91350100M000100Y43', payment_terms_days: 30, email: 'sales@example.com', bank_account: '6225880212345678' });
  await post('/employees', { code: 'E001', name: '张伟', role: 'barista', store_code: '0001', hourly_cost_fen: 3500, skills: [{ skill: 'espresso', level: 4 }, { skill: 'latte_art', level: 3 }], hired_on: '2023-03-01', home_latitude: 31.2, home_longitude: 121.4 });
  await post('/assets', { code: 'A-0001-01', store_code: '0001', category: 'coffee_machine', name: '前台双头咖啡机', model: 'Linea PB', serial_number: '00871', installed_on: '2023-05-10', warranty_end: '2025-05-09', purchase_cost_fen: 8800000, status: 'out_of_service' });

  target = await startTestServer();
  targetToken = await target.token('admin');
});
afterAll(() => target.close());

const VOLATILE = new Set(['version', 'created_at', 'updated_at']);

async function records(url: string, token: string, path: string): Promise<Record<string, unknown>[]> {
  const reply = await send(url, 'GET', `${path}?limit=500`, { token });
  return (reply.body.data as Record<string, unknown>[]).map((record) => Object.fromEntries(Object.entries(record).filter(([field]) => !VOLATILE.has(field))));
}

describe('export then import', () => {
  const runs = [['csv', 'zh-CN'], ['csv', 'en'], ['xlsx', 'zh-CN'], ['jsonl', 'en']] as const;
  for (const [format, language] of runs) {
    it(`gives back every record through ${format} in ${language}`, async () => {
      await target.close();
      target = await startTestServer();
      targetToken = await target.token('admin');

      for (const [resource, path] of RESOURCES) {
        const file = `${resource}-${language}.${format}`;
        const exported = await h.boh(['export', resource, '--output', file, '--lang', language]);
        expect(exported.code).toBe(0);
        const imported = await h.boh(['import', resource, file, '--lang', language, '--json'], { BOH_BASE_URL: target.url, BOH_TOKEN: targetToken });
        expect(imported.code, imported.stderr + h.read(`${resource}-${language}.results.csv`)).toBe(0);
        expect(await records(target.url, targetToken, path)).toEqual(await records(h.server.url, h.env.BOH_TOKEN!, path));
      }
      // A new server and two CLI processes per resource.
    }, 120_000);
  }

  it('writes headers in the chosen language and guards formulas in CSV', async () => {
    const exported = await h.boh(['export', 'store', '--output', 'stores-zh.csv', '--lang', 'zh-CN']);
    expect(exported.stderr).toMatch(/已导出 \d+ 条门店到 stores-zh\.csv。/);
    const english = await h.boh(['export', 'store', '--output', 'stores-en.csv', '--lang', 'en']);
    expect(english.stderr).toMatch(/Exported Stores: \d+ records to stores-en\.csv\./);
    const text = h.read('stores-zh.csv');
    expect(text.startsWith('\uFEFF门店编码,门店名称,品牌,区域编码')).toBe(true);
    expect(text).toContain(`00123,"'=HYPERLINK(""http://example.invalid"")"`);
    expect(text).toContain("'-折扣调整");
  });
});

describe('boh template', () => {
  it('writes headers, an example row, notes and dropdowns', async () => {
    const result = await h.boh(['template', 'asset', '--output', 'asset-template.xlsx', '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(`${h.folder}/asset-template.xlsx`);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('设备资产');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['资产编号', '门店编码', '设备类别', '设备名称', '型号', '生产厂家', '序列号', '安装日期', '保修截止日', '采购金额（分）', '设备状态']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['A-0001-01', '0001', 'coffee_machine']);

    const categoryNote = sheet.getCell('C1').note as { texts?: { text: string }[] } | string;
    const noteText = typeof categoryNote === 'string' ? categoryNote : (categoryNote.texts ?? []).map((part) => part.text).join('');
    expect(noteText).toContain('新建记录时必填');
    expect(noteText).toContain('coffee_machine');
    expect(sheet.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"refrigeration,coffee_machine,oven,fryer,dishwasher,ice_machine,hvac,electrical,plumbing,pos_hardware,other"'] });
    expect(sheet.getCell('A2').numFmt).toBe('@');
  });

  it('refuses an output name that is not .xlsx, in both languages', async () => {
    const english = await h.boh(['template', 'store', '--output', 'stores.csv']);
    expect(english.code).toBe(2);
    expect(english.stderr).toBe('Error: Option --output: "stores.csv" does not end in .xlsx, but a template is an XLSX workbook. Name it stores.xlsx.\n');
    expect(existsSync(join(h.folder, 'stores.csv'))).toBe(false);

    const chinese = await h.boh(['--lang', 'zh-CN', 'template', 'store', '--output', '门店']);
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toBe('错误：选项 --output：“门店”不以 .xlsx 结尾，而导入模板是 XLSX 工作簿。请命名为 门店.xlsx。\n');

    const upper = await h.boh(['template', 'store', '--output', 'STORES.XLSX']);
    expect(upper.code, upper.stderr).toBe(0);
  });

  it('fills in and imports back', async () => {
    await h.boh(['template', 'store', '--output', 'store-template.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(`${h.folder}/store-template.xlsx`);
    workbook.worksheets[0]!.getRow(2).getCell(1).value = 'TPL1';
    await workbook.xlsx.writeFile(`${h.folder}/store-filled.xlsx`);
    const result = await h.boh(['import', 'store', 'store-filled.xlsx'], { BOH_BASE_URL: target.url, BOH_TOKEN: targetToken });
    expect(result.code, result.stderr).toBe(0);
    const stored = (await send(target.url, 'GET', '/stores/TPL1', { token: targetToken })).body;
    expect(stored).toMatchObject({ name: '静安寺店', region_code: 'EAST', timezone: 'Asia/Shanghai', opened_on: '2021-05-01' });
  });
});

describe('an output folder that cannot be written', () => {
  // Root may write into a folder without write permission, but not into sysfs.
  const runAsRoot = process.getuid?.() === 0;
  let readOnly: string;

  beforeAll(() => {
    readOnly = runAsRoot ? '/sys' : mkdtempSync(join(h.folder, 'read-only-'));
    if (!runAsRoot) chmodSync(readOnly, 0o555);
  });
  afterAll(() => {
    if (!runAsRoot) chmodSync(readOnly, 0o755);
  });

  for (const format of ['csv', 'xlsx']) {
    it(`is named for a ${format} export, in both languages`, async () => {
      const output = join(readOnly, `stores.${format}`);
      const english = await h.boh(['export', 'store', '--output', output]);
      expect(english.code).toBe(2);
      expect(english.stderr).toBe(`Error: Cannot use ${output}: permission denied. Check the path and its permissions, or choose another place.\n`);

      const chinese = await h.boh(['--lang', 'zh-CN', 'export', 'store', '--output', output]);
      expect(chinese.code).toBe(2);
      expect(chinese.stderr).toContain(`${output}`);
      expect(chinese.stderr).not.toContain('partial');
      expect(chinese.stderr).not.toContain('node:');
    });
  }

  for (const layout of ['kingdee', 'csv']) {
    it(`is named for a ${layout} voucher export`, async () => {
      const result = await h.boh(['voucher', 'export', '--period', '2024-01', '--layout', layout, '--out', readOnly]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^Error: Cannot use .*vouchers-2024-01-.*: permission denied\./);
      expect(result.stderr).not.toContain('node:');
    });
  }
});

describe.runIf(existsSync('/proc/self'))('an output folder the file system cannot create', () => {
  it('is an error, not a hang', async () => {
    const result = await h.boh(['voucher', 'export', '--period', '2024-01', '--layout', 'csv', '--out', '/proc/boh-vouchers']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Cannot use \/proc\/boh-vouchers: /);
    expect(result.stderr).not.toContain('node:');
  });
});
