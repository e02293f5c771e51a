// Field cases that broke importers elsewhere, run end to end: the file is imported with the
// real `boh` binary into a real server, and the records are read back from the API. Master data
// has no sales fields yet, so each case maps its columns onto master-data fields of the same
// kind (a money column onto a cost in fen, a date onto a hire date) with a mapping profile.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvRows, importHarness } from './support.js';

const h = importHarness();
const BOM = '\uFEFF';

/** A profile importing a table as items: code and name from columns, cost in yuan. */
function itemProfile(code: Record<string, unknown> | string, name: Record<string, unknown> | string, cost: string) {
  return {
    resource: 'item',
    fields: {
      code,
      name,
      standard_cost_fen: { column: cost, unit: 'yuan' },
      kind: { constant: 'merchandise' },
      base_unit: { constant: '笔' },
    },
  };
}

async function item(code: string) {
  return h.get(`/items/${encodeURIComponent(code)}`);
}

describe('B01 UTF-8 BOM and CRLF', () => {
  it('imports both rows with exact header, codes, dates and amounts', async () => {
    const file = h.file('b01.csv', `${BOM}门店编码,门店名称,营业日,销售额\r\n0001,静安寺店,2024-01-05,1280.50\r\n0002,徐家汇店,2024-01-05,356.00\r\n`);
    const profile = h.profile('b01.json', {
      resource: 'employee',
      fields: { code: '门店编码', name: '门店名称', role: { constant: 'store_manager' }, hired_on: '营业日', hourly_cost_fen: { column: '销售额', unit: 'yuan' } },
    });
    const result = await h.boh(['import', 'employee', file, '--mapping', profile]);
    expect(result.stderr).toContain('2 created');
    expect(result.code).toBe(0);

    expect(await h.get('/employees/0001')).toMatchObject({ code: '0001', name: '静安寺店', hired_on: '2024-01-05', hourly_cost_fen: 128050 });
    expect(await h.get('/employees/0002')).toMatchObject({ code: '0002', name: '徐家汇店', hired_on: '2024-01-05', hourly_cost_fen: 35600 });
  });
});

describe('B03 unquoted comma adds a field', () => {
  it('rejects line 2 by its field count and imports line 3', async () => {
    const file = h.file(
      'b03.csv',
      '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n' +
        '2024-01-05 12:30:11,商户消费,示例餐饮管理,有限公司,"午市套餐",支出,¥58.00,零钱,支付成功,4200000000202401050000000001,M20240105000001,/\n' +
        '2024-01-05 18:02:40,商户消费,示例便利店,"矿泉水",支出,¥3.50,零钱,支付成功,4200000000202401050000000002,M20240105000002,/\n',
    );
    const profile = h.profile('b03.json', { ...itemProfile('交易单号', '商品', '金额(元)'), fields: { ...itemProfile('交易单号', '商品', '金额(元)').fields, category: '交易对方' } });
    const result = await h.boh(['import', 'item', file, '--mapping', profile, '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 2, created: 1, rejected: 1 });

    expect(await item('4200000000202401050000000002')).toMatchObject({ name: '矿泉水', category: '示例便利店', standard_cost_fen: 350 });
    expect(await item('4200000000202401050000000001')).toBeUndefined();
    const errors = csvRows(h.read('b03.errors.csv'));
    expect(errors[1]!.at(-1)).toBe('Line 2: expected 11 fields, got 12, so the row was not imported. A comma inside a value splits it unless the value is in double quotes.');
  });
});

describe('B05 leading zeros', () => {
  it('keeps codes and postcodes as text', async () => {
    const file = h.file('b05.csv', '门店编码,门店名称,邮编\n0001,静安寺店,200040\n0010,五角场店,200433\n00123,呼和浩特万达店,010010\n');
    const profile = h.profile('b05.json', { resource: 'store', fields: { code: '门店编码', name: '门店名称', phone: '邮编' } });
    expect((await h.boh(['import', 'store', file, '--mapping', profile])).code).toBe(0);

    expect(await h.get('/stores/0001')).toMatchObject({ name: '静安寺店', phone: '200040' });
    expect(await h.get('/stores/0010')).toMatchObject({ phone: '200433' });
    expect(await h.get('/stores/00123')).toMatchObject({ phone: '010010' });
    expect(await h.get('/stores/1')).toBeUndefined();
  });

  it('keeps them in a workbook whose cells are numbers formatted as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('门店');
    sheet.addRow(['门店编码', '门店名称']);
    sheet.addRow(['0200', '南京东路店']);
    sheet.addRow([201, '外滩店']);
    const path = h.file('b05.xlsx', '');
    await workbook.xlsx.writeFile(path);
    expect((await h.boh(['import', 'store', path])).code).toBe(0);
    expect(await h.get('/stores/0200')).toMatchObject({ name: '南京东路店' });
    expect(await h.get('/stores/201')).toMatchObject({ name: '外滩店' });
  });
});

describe('B06 ids that look like exponents', () => {
  it('keeps every id as written, amounts in fen', async () => {
    const file = h.file('b06.csv', '订单号,门店编码,金额\n2401050001E5,0001,25.00\n2401050001E6,0001,30.00\n1E3,0001,12.00\n24010500012E,0001,8.00\n');
    const profile = h.profile('b06.json', itemProfile('订单号', '订单号', '金额'));
    expect((await h.boh(['import', 'item', file, '--mapping', profile])).code).toBe(0);
    for (const [code, fen] of [['2401050001E5', 2500], ['2401050001E6', 3000], ['1E3', 1200], ['24010500012E', 800]] as const) {
      expect(await item(code)).toMatchObject({ code, standard_cost_fen: fen });
    }
  });

  it('rejects an id Excel showed in scientific notation, saying how to re-export it', async () => {
    const file = h.file('b06-damaged.csv', '订单号,门店编码,金额\n1.23457E+17,0001,25.00\n2401050009,0001,1.00\n');
    const profile = h.profile('b06-damaged.json', itemProfile('订单号', '订单号', '金额'));
    const result = await h.boh(['import', 'item', file, '--mapping', profile, '--lang', 'zh-CN']);
    expect(result.code).toBe(6);
    const errors = csvRows(h.read('b06-damaged.errors.csv'));
    expect(errors[1]!.at(-1)).toContain('第 2 行第 1 列（订单号）：单号“1.23457E+17”被 Excel 显示成了科学计数法');
    expect(errors[1]!.at(-1)).toContain('导出为文本');
    expect(await item('2401050009')).toMatchObject({ standard_cost_fen: 100 });
  });
});

describe('B08 date cells stored as serials', () => {
  it('imports the date and the count, and reads the local datetime', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('日报');
    sheet.addRow(['门店编码', '营业日', '结账时间', '客单数']);
    sheet.getCell('A2').value = 'B08';
    sheet.getCell('B2').value = 45296;
    sheet.getCell('B2').numFmt = 'mm-dd-yy';
    sheet.getCell('C2').value = 45296.5;
    sheet.getCell('C2').numFmt = 'yyyy-mm-dd hh:mm';
    sheet.getCell('D2').value = 45296;
    const path = h.file('b08.xlsx', '');
    await workbook.xlsx.writeFile(path);

    for (const zone of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
      const profile = h.profile('b08-store.json', { resource: 'store', fields: { code: '门店编码', name: { constant: '日报店' }, opened_on: '营业日', seats: '客单数' } });
      const result = await h.boh(['import', 'store', path, '--mapping', profile], { TZ: zone });
      expect(result.code).toBe(0);
      expect(await h.get('/stores/B08')).toMatchObject({ opened_on: '2024-01-05', seats: 45296 });

      const orders = h.profile('b08-order.json', { resource: 'sales_order', fields: { order_no: '门店编码', store_code: { constant: '0001' }, ordered_at: '结账时间', guests: '客单数' } });
      const canonical = await h.boh(['import', 'sales_order', path, '--mapping', orders, '--canonical', 'b08.jsonl'], { TZ: zone });
      expect(canonical.code).toBe(0);
      expect(JSON.parse(h.read('b08.jsonl'))).toEqual({ line: 2, fields: { order_no: 'B08', store_code: '0001', ordered_at: '2024-01-05T04:00:00.000Z', guests: 45296 } });
    }
    // Six runs of the CLI, each a new Node.js process.
  }, 120_000);
});

describe('B10 Chinese date formats', () => {
  it('reads all six forms as one date, so five rows leave the record unchanged', async () => {
    const file = h.file('b10.csv', '营业日,门店编码,销售额\n2024年1月5日,0001,100.00\n2024年01月05日,0001,100.00\n2024/1/5,0001,100.00\n2024-01-05,0001,100.00\n20240105,0001,100.00\n2024.1.5,0001,100.00\n');
    const profile = h.profile('b10.json', {
      resource: 'employee',
      fields: { code: { column: '门店编码', prefix: 'B10-' }, name: { constant: '日结' }, role: { constant: 'cashier' }, hired_on: '营业日', hourly_cost_fen: { column: '销售额', unit: 'yuan' } },
    });
    const result = await h.boh(['import', 'employee', file, '--mapping', profile, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 1, unchanged: 5, rejected: 0 });
    expect(await h.get('/employees/B10-0001')).toMatchObject({ hired_on: '2024-01-05', hourly_cost_fen: 10000 });

    await h.boh(['import', 'employee', file, '--mapping', profile, '--canonical', 'b10.jsonl']);
    const rows = h.read('b10.jsonl').trim().split('\n').map((line) => JSON.parse(line) as { fields: { hired_on: string; hourly_cost_fen: number } });
    expect(rows.map((row) => row.fields.hired_on)).toEqual(Array(6).fill('2024-01-05'));
    expect(rows.reduce((sum, row) => sum + row.fields.hourly_cost_fen, 0)).toBe(60000);
  });
});

describe('B11 day and month order', () => {
  const content = '员工编号,出生日期,入职日期\nE001,13/02/1990,05/01/2024\nE002,02/03/1991,12/11/2023\n';
  const fields = {
    code: { column: '员工编号', prefix: 'B11-' },
    store_code: { constant: 'B08' },
    category: { constant: 'other' },
    name: { constant: '员工档案' },
    installed_on: '出生日期',
    warranty_end: '入职日期',
  };

  it('reads DD/MM/YYYY when declared', async () => {
    const file = h.file('b11.csv', content);
    const profile = h.profile('b11.json', { resource: 'asset', fields });
    expect((await h.boh(['import', 'asset', file, '--mapping', profile, '--date-order', 'DMY'])).code).toBe(0);
    expect(await h.get('/assets/B11-E001')).toMatchObject({ installed_on: '1990-02-13', warranty_end: '2024-01-05' });
    expect(await h.get('/assets/B11-E002')).toMatchObject({ installed_on: '1991-03-02', warranty_end: '2023-11-12' });
  });

  it('reads the declared date_format of a profile column', async () => {
    const file = h.file('b11-format.csv', content.replaceAll('E00', 'F00'));
    const profile = h.profile('b11-format.json', { resource: 'asset', fields: { ...fields, installed_on: { column: '出生日期', date_format: 'DD/MM/YYYY' }, warranty_end: { column: '入职日期', date_format: 'DD/MM/YYYY' } } });
    expect((await h.boh(['import', 'asset', file, '--mapping', profile])).code).toBe(0);
    expect(await h.get('/assets/B11-F002')).toMatchObject({ installed_on: '1991-03-02', warranty_end: '2023-11-12' });
  });

  it('refuses ambiguous dates without a declared order, naming line and column', async () => {
    const file = h.file('b11-undeclared.csv', content.replaceAll('E00', 'G00'));
    const profile = h.profile('b11-undeclared.json', { resource: 'asset', fields });
    const result = await h.boh(['import', 'asset', file, '--mapping', profile]);
    expect(result.code).toBe(6);
    const errors = csvRows(h.read('b11-undeclared.errors.csv'));
    expect(errors[1]![3]).toBe('Line 2, column 3 (入职日期): "05/01/2024" can be read as 2024-01-05 (day first) or 2024-05-01 (month first). Declare the date order of this column (DMY or MDY) and import again.');
    expect(errors[2]![3]).toContain('Line 3, column 2 (出生日期): "02/03/1991" can be read as');
    expect(errors[2]![3]).toContain('Line 3, column 3 (入职日期): "12/11/2023" can be read as');
    expect(await h.get('/assets/B11-G001')).toBeUndefined();
  });
});

describe('B13 yuan signs and thousands', () => {
  it('stores exact fen', async () => {
    const file = h.file('b13.csv', '交易单号,金额(元)\nT0001,¥58.00\nT0002,"1,280.50"\nT0003,"¥12,345.67"\nT0004,3.5\nT0005,￥0.01\n');
    const profile = h.profile('b13.json', itemProfile('交易单号', '交易单号', '金额(元)'));
    expect((await h.boh(['import', 'item', file, '--mapping', profile])).code).toBe(0);
    const expected = { T0001: 5800, T0002: 128050, T0003: 1234567, T0004: 350, T0005: 1 };
    let total = 0;
    for (const [code, fen] of Object.entries(expected)) {
      const stored = await item(code);
      expect(stored).toMatchObject({ standard_cost_fen: fen });
      total += stored.standard_cost_fen as number;
    }
    expect(total).toBe(1368768);
  });
});

describe('B14 negative amounts in brackets', () => {
  const file = () => h.file('b14.csv', '记账日期,摘要,金额\n2024-01-31,POS结算,"12,000.00"\n2024-01-31,手续费,(36.00)\n2024-01-31,退款,"(1,200.50)"\n2024-01-31,冲正,-5.00\n');
  const profile = () => h.profile('b14.json', { ...itemProfile({ line: true, prefix: 'B14-' }, '摘要', '金额') });

  it('reads every form to signed fen', async () => {
    expect((await h.boh(['import', 'item', file(), '--mapping', profile(), '--canonical', 'b14.jsonl'])).code).toBe(0);
    const amounts = h.read('b14.jsonl').trim().split('\n').map((line) => (JSON.parse(line) as { fields: { standard_cost_fen: number } }).fields.standard_cost_fen);
    expect(amounts).toEqual([1200000, -3600, -120050, -500]);
    expect(amounts.reduce((sum, fen) => sum + fen, 0)).toBe(1075850);
  });

  it('lets the server reject negatives where the field allows none', async () => {
    const result = await h.boh(['import', 'item', file(), '--mapping', profile(), '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 1, rejected: 3 });
    expect(await item('B14-2')).toMatchObject({ standard_cost_fen: 1200000 });
    const errors = csvRows(h.read('b14.errors.csv'));
    expect(errors[1]!.at(-1)).toBe('Line 3, column 3 (金额): must be at least 0; got -3600');
  });
});

describe('B23 the same bill imported twice', () => {
  it('changes nothing the second time', async () => {
    const file = h.file(
      'b23.csv',
      '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n' +
        '2024-01-05 12:30:11,商户消费,示例餐饮,午市套餐,支出,¥58.00,零钱,支付成功,4200000000202401050000000001,M20240105000001,/\n' +
        '2024-01-06 09:15:02,商户消费,示例便利店,矿泉水,支出,¥3.50,零钱,支付成功,4200000000202401060000000002,M20240106000002,/\n',
    );
    const profile = h.profile('b23.json', itemProfile('交易单号', '商品', '金额(元)'));
    const first = JSON.parse((await h.boh(['import', 'item', file, '--mapping', profile, '--json'])).stdout);
    expect(first.job.counts).toMatchObject({ created: 2, unchanged: 0 });
    const second = JSON.parse((await h.boh(['import', 'item', file, '--mapping', profile, '--json'])).stdout);
    expect(second.job.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const codes = ['4200000000202401050000000001', '4200000000202401060000000002'];
    let total = 0;
    for (const code of codes) total += ((await item(code)) as { standard_cost_fen: number }).standard_cost_fen;
    expect(total).toBe(6150);
    const history = await h.get(`/history/item/${codes[0]}`);
    expect(history.data).toHaveLength(1);
    expect(csvRows(h.read('b23.results.csv')).slice(1).map((row) => row[2])).toEqual(['unchanged', 'unchanged']);
  });
});

describe('B25 rich text cell', () => {
  it('imports the runs as one trimmed name', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('门店');
    sheet.addRow(['门店编码', '门店名称']);
    sheet.addRow(['B25-1', { richText: [{ font: { bold: true }, text: '静安寺' }, { text: '店 ' }] }]);
    sheet.addRow(['B25-2', '徐家汇店']);
    const path = h.file('b25.xlsx', '');
    await workbook.xlsx.writeFile(path);
    expect((await h.boh(['import', 'store', path])).code).toBe(0);
    expect((await h.get('/stores/B25-1')).name).toBe('静安寺店');
    expect((await h.get('/stores/B25-2')).name).toBe('徐家汇店');
  });
});

describe('B27 formula without a cached result', () => {
  it('rejects D2 naming the cell, imports D3, writes an XLSX error file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['品名', '数量', '单价', '金额']);
    sheet.addRow(['牛奶', 12, 6.5, { formula: 'B2*C2' } as ExcelJS.CellFormulaValue]);
    sheet.addRow(['咖啡豆', 2, 29, { formula: 'B3*C3', result: 58 } as ExcelJS.CellFormulaValue]);
    const path = h.file('b27.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const profile = h.profile('b27.json', itemProfile({ line: true, prefix: 'B27-' }, '品名', '金额'));
    const result = await h.boh(['import', 'item', path, '--mapping', profile]);
    expect(result.code).toBe(6);
    expect(await item('B27-2')).toBeUndefined();
    expect(await item('B27-3')).toMatchObject({ name: '咖啡豆', standard_cost_fen: 5800 });

    const errors = new ExcelJS.Workbook();
    await errors.xlsx.readFile(`${h.folder}/b27.errors.xlsx`);
    const rows = errors.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual(['品名', '数量', '单价', '金额', 'Error']);
    expect(rows[1]!.slice(1, 4)).toEqual(['牛奶', 12, 6.5]);
    expect(String(rows[1]![5])).toContain('Line 2, column 4 (金额): Cell 明细!D2 contains the formula =B2*C2 but no calculated result');
  });
});
