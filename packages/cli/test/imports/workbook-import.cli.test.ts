// `boh template`, `boh import` and `boh export` as a new user meets them with workbooks: the
// example row of each template, cells showing Excel errors, headers the file lacks, and the
// resources and formats that `boh export` can write.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvRows, importHarness } from './support.js';

const h = importHarness();

async function writeWorkbook(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('门店');
  for (const row of rows) sheet.addRow(row);
  const path = h.file(name, '');
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('template example rows', () => {
  it('import in dependency order', async () => {
    for (const resource of ['region', 'store', 'item', 'menu_item', 'opening_stock', 'labour_hours', 'sales_order']) {
      const template = `${resource}-template.xlsx`;
      expect((await h.boh(['template', resource, '--output', template])).code).toBe(0);
      const result = await h.boh(['import', resource, template, '--json']);
      expect(result.code, `${resource}: ${result.stderr}`).toBe(0);
      expect(JSON.parse(result.stdout).job.counts, resource).toMatchObject({ received: 1, rejected: 0 });
    }
    // Fourteen runs of the CLI: about 12 s on an idle 2-core machine, 35 s at a load average of 10.
  }, 120_000);
});

describe('reasons in the result files', () => {
  it('join without doubled punctuation', async () => {
    const file = h.file('two-reasons.csv', '门店编码,门店名称,面积（平方米）,座位数\nR01,两个错误店,abc,xyz\n');
    expect((await h.boh(['import', 'store', file])).code).toBe(6);
    expect(csvRows(h.read('two-reasons.results.csv'))[1]![3]).toBe(
      'Line 2, column 3 (面积（平方米）): "abc" is not a number; Line 2, column 4 (座位数): "xyz" is not a number.',
    );

    expect((await h.boh(['import', 'store', file], { BOH_LANG: 'zh-CN' })).code).toBe(6);
    expect(csvRows(h.read('two-reasons.results.csv'))[1]![3]).toBe('第 2 行第 3 列（面积（平方米））：“abc”不是数字；第 2 行第 4 列（座位数）：“xyz”不是数字。');
  });

  it('leave out the API path of an order line', async () => {
    for (const resource of ['region', 'store', 'item', 'menu_item']) {
      expect((await h.boh(['template', resource, '--output', `${resource}-setup.xlsx`])).code).toBe(0);
      expect((await h.boh(['import', resource, `${resource}-setup.xlsx`, '--no-files'])).code).toBe(0);
    }
    // No VAT rate of catering_service covers 2001, so the server rejects the order's line.
    const orders = h.file('old-order.csv', '订单号,门店编码,下单时间,渠道,支付方式,实收（分）,菜品编码,数量,单价（分）\nOLD-1,0001,2001-01-05 12:00:00,堂食,现金,3200,LATTE,1,3200\n');
    expect((await h.boh(['import', 'sales_order', orders], { BOH_LANG: 'zh-CN' })).code).toBe(6);
    const reason = csvRows(h.read('old-order.results.csv'))[1]![3]!;
    expect(reason).toMatch(/^第 2 行：税目“catering_service”在 2001-01-05 没有适用的增值税税率/);
    expect(reason).not.toContain('lines[0]');
  });
});

describe('records over several rows', () => {
  it('take merged cells as repeated', async () => {
    expect((await h.boh(['template', 'item', '--output', 'item-setup.xlsx'])).code).toBe(0);
    expect((await h.boh(['import', 'item', 'item-setup.xlsx', '--no-files'])).code).toBe(0);
    expect((await h.boh(['import', 'item', h.file('milk.csv', '物料编码,物料名称,物料类型,基本单位\nMILK,牛奶,raw_material,ml\n'), '--no-files'])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('菜品');
    sheet.addRow(['菜品编码', '菜品名称', '售价', '组件类型', '组件编码', '用量']);
    sheet.addRow(['MERGED', '合并单元格拿铁', 28, 'item', 'BEAN-ARABICA', 18]);
    sheet.addRow([null, null, null, 'item', 'MILK', 200]);
    sheet.addRow(['CLASH', '价格不同', 30, 'item', 'BEAN-ARABICA', 18]);
    sheet.addRow(['CLASH', '价格不同', 31, 'item', 'MILK', 200]);
    for (const column of ['A', 'B', 'C']) sheet.mergeCells(`${column}2:${column}3`);
    const path = h.file('merged-menu.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const result = await h.boh(['import', 'menu_item', path], { BOH_LANG: 'zh-CN' });
    expect(result.code).toBe(6);
    expect(await h.get('/menu-items/MERGED')).toMatchObject({ price_fen: 2800, components: [{ code: 'BEAN-ARABICA', quantity: 18 }, { code: 'MILK', quantity: 200 }] });
    expect(await h.get('/menu-items/CLASH')).toBeUndefined();
    const outcomes = csvRows(h.read('merged-menu.results.csv')).slice(1);
    expect(outcomes[2]![3]).toBe('第 5 行第 3 列（售价）：售价 的值与同一记录的第一行（第 4 行）不同。同一记录的每一行必须填写相同的值。');
  });
});

describe('a numeric code merged over a record', () => {
  it('gathers the rows into one record', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('菜品');
    sheet.addRow(['菜品编码', '菜品名称', '售价', '组件类型', '组件编码', '用量']);
    sheet.addRow([1009, '数字编码拿铁', 26, 'item', 'BEAN-ARABICA', 18]);
    sheet.addRow([null, null, null, 'item', 'MILK', 180]);
    for (const column of ['A', 'B', 'C']) sheet.mergeCells(`${column}2:${column}3`);
    const path = h.file('numeric-code.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const result = await h.boh(['import', 'menu_item', path, '--json']);
    expect(result.code, result.stderr + h.read('numeric-code.results.csv')).toBe(0);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 1, created: 1, rejected: 0 });
    expect(await h.get('/menu-items/1009')).toMatchObject({ components: [{ code: 'BEAN-ARABICA', quantity: 18 }, { code: 'MILK', quantity: 180 }] });
  });
});

describe('cells showing Excel errors', () => {
  it('warn once and count each row once', async () => {
    const file = await writeWorkbook('error-cells.xlsx', [
      ['门店编码', '门店名称', '座位数'],
      ['E01', '错误值店', { error: '#N/A' }],
      ['E02', '正常店', 30],
    ]);
    const result = await h.boh(['import', 'store', file]);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected.');
    expect(result.stderr).toContain('Warning: Line 2, column 3: cell 门店!C2 shows the Excel error #N/A');

    const outcomes = csvRows(h.read('error-cells.results.csv')).slice(1);
    expect(outcomes.map((row) => [row[0], row[2]])).toEqual([
      ['2', 'rejected'],
      ['3', 'created'],
    ]);
  });
});

describe('ids stored as numbers', () => {
  it('rejects a bank account Excel may have cut', async () => {
    const file = await writeWorkbook('bank-accounts.xlsx', [
      ['供应商编码', '供应商名称', '银行账号', '统一社会信用代码'],
      ['SUP-T', '文本账号供应商', '6225880212345678', '91350100M000100Y43'],
      ['SUP-N', '数字账号供应商', 6225880212345678, null],
    ]);
    const result = await h.boh(['import', 'supplier', file]);
    expect(result.code).toBe(6);
    expect((await h.get('/suppliers/SUP-T')).bank_account).toBe('6225880212345678');
    expect(await h.get('/suppliers/SUP-N')).toBeUndefined();
    const outcomes = csvRows(h.read('bank-accounts.results.csv')).slice(1);
    expect(outcomes[1]![3]).toContain('is stored as a number, and Excel keeps only 15 digits');
  });

  it('formats id columns of templates as text', async () => {
    expect((await h.boh(['template', 'supplier', '--output', 'supplier-template.xlsx'])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(`${h.folder}/supplier-template.xlsx`);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const header of ['Bank account', 'Unified social credit code']) {
      expect(sheet.getColumn(headers.indexOf(header) + 1).numFmt, header).toBe('@');
    }
  });
});

describe('headers the file lacks', () => {
  it('names missing columns by their labels', async () => {
    const file = await writeWorkbook('no-key.xlsx', [['备注', '城市'], ['新店', '上海']]);
    const english = await h.boh(['import', 'store', file]);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain('The file has no column for Store code, Store name.');
    expect(english.stderr).toContain('Columns not recognised: 备注.');

    const chinese = await h.boh(['import', 'store', file], { BOH_LANG: 'zh-CN' });
    expect(chinese.stderr).toContain('文件中没有 门店编码、门店名称 对应的列。');
  });

  it('says an empty sheet has no header row', async () => {
    const file = await writeWorkbook('empty-sheet.xlsx', []);
    const result = await h.boh(['import', 'store', file], { BOH_LANG: 'zh-CN' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('empty-sheet.xlsx 中没有任何行，因此也没有表头。');
  });
});

describe('boh export arguments', () => {
  it('rejects import-only resources', async () => {
    const result = await h.boh(['export', 'labour_hours', '--output', 'hours.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot export "labour_hours". Resources: asset, employee, item, menu_item, opening_stock, region, sales_order, store, supplier.');

    const footfall = await h.boh(['export', 'footfall', '--output', 'footfall.csv']);
    expect(footfall.code).toBe(2);

    const help = await h.boh(['export', '--help']);
    expect(help.stdout).not.toContain('labour_hours');
    expect(help.stdout).not.toContain('footfall');
  });

  it('writes JSON Lines to stdout by default', async () => {
    const result = await h.boh(['export', 'region', '--output', '-']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.split('\n')[0]!)).toMatchObject({ code: 'EAST' });
  });

  it('explains that a table cannot go to stdout', async () => {
    const result = await h.boh(['export', 'region', '--format', 'csv', '--output', '-'], { BOH_LANG: 'zh-CN' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output - 只能输出 JSON Lines，csv 须写入文件。');
  });
});

describe('a title above the header', () => {
  it('skips a merged title row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('门店');
    sheet.addRow(['2026 年 11 月门店导入表']);
    sheet.mergeCells('A1:C1');
    sheet.addRow(['门店编码', '门店名称', '城市']);
    sheet.addRow(['T101', '标题店', '上海']);
    const path = h.file('with-title.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const result = await h.boh(['import', 'store', path], { BOH_LANG: 'zh-CN' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('表头在第 2 行；其上方的 1 行作为标题跳过。');
    expect(await h.get('/stores/T101')).toMatchObject({ name: '标题店', city: '上海' });
  });

  it('keeps the first row when it is the header', async () => {
    const path = await writeWorkbook('plain.xlsx', [['门店编码', '门店名称'], ['T102', '门店名称']]);
    const result = await h.boh(['import', 'store', path, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('header is on line');
    expect(await h.get('/stores/T102')).toMatchObject({ name: '门店名称' });
  });
});
