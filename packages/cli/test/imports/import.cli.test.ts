// `boh import` against a real server: file formats, header binding, modes, dry runs, error
// limits, result files and progress output.

import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvRows, importHarness } from './support.js';

const h = importHarness();

describe('file formats', () => {
  const header = '门店编码,门店名称,城市';
  const rows = ['F01,"静安寺店","上海"', 'F02,"徐家汇\n二号店",上海'];

  for (const [name, delimiter] of [['semicolon', ';'], ['tab', '\t'], ['pipe', '|']] as const) {
    it(`detects a ${name} delimiter`, async () => {
      const code = `D-${name}`;
      const text = [header, `${code},名称,杭州`].map((line) => line.replaceAll(',', delimiter)).join('\r\n');
      expect((await h.boh(['import', 'store', h.file(`${name}.csv`, text)])).code).toBe(0);
      expect(await h.get(`/stores/${code}`)).toMatchObject({ name: '名称', city: '杭州' });
    });
  }

  it('reads UTF-16LE with BOM and quoted line breaks', async () => {
    const text = `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
    const file = h.file('utf16.csv', iconv.encode(text, 'utf-16le'));
    expect((await h.boh(['import', 'store', file])).code).toBe(0);
    expect(await h.get('/stores/F02')).toMatchObject({ name: '徐家汇\n二号店', city: '上海' });
  });

  it('reads GBK and writes the error file in GBK', async () => {
    const text = '门店编码,门店名称,面积\nG01,南京西路店,80\nG02,淮海中路店,八十\n';
    const file = h.file('gbk.csv', iconv.encode(text, 'gbk'));
    const result = await h.boh(['import', 'store', file]);
    expect(result.code).toBe(6);
    expect(await h.get('/stores/G01')).toMatchObject({ name: '南京西路店', area_m2: 80 });
    const errors = iconv.decode(readFileSync(`${h.folder}/gbk.errors.csv`), 'gb18030');
    expect(errors).toBe('门店编码,门店名称,面积,Error\r\nG02,淮海中路店,八十,"Line 3, column 3 (面积): ""八十"" is not a number."\r\n');
  });

  it('honours --encoding over detection', async () => {
    const file = h.file('forced.csv', iconv.encode('门店编码,门店名称\nE01,北京店\n', 'gbk'));
    expect((await h.boh(['import', 'store', file, '--encoding', 'gbk'])).code).toBe(0);
    expect((await h.get('/stores/E01')).name).toBe('北京店');
  });
});

describe('header binding', () => {
  it('binds English and Chinese aliases, reports unknown columns', async () => {
    const file = h.file('aliases.csv', 'Store Code,store name,所在城市,Manager Mood\nA01,Alias Store,苏州,happy\n');
    const result = await h.boh(['import', 'store', file, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).unknown_columns).toEqual(['Manager Mood']);
    expect(await h.get('/stores/A01')).toMatchObject({ name: 'Alias Store', city: '苏州' });
  });

  it('fails before sending when a required column is missing', async () => {
    const file = h.file('missing.csv', '门店编码,地址\nM01,某路1号\n');
    const result = await h.boh(['import', 'store', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The file has no column for Store name.');
    expect(result.stderr).toContain('boh template store');
  });

  it('reads money in yuan under a yuan alias', async () => {
    const file = h.file('menu-yuan.csv', '菜品编码,菜品名称,售价\nY01,美式,"¥28.50"\n');
    expect((await h.boh(['import', 'menu_item', file])).code).toBe(0);
    expect((await h.get('/menu-items/Y01')).price_fen).toBe(2850);
  });
});

describe('mapping profile transforms', () => {
  it('splits, joins, defaults and skips a preamble', async () => {
    const file = h.file(
      'legacy.txt',
      '门店资料导出|2024-01-05\n\n编号|店名|省|市|区域|备注\nL1|一号店|江苏|南京 鼓楼|EAST|\nL2|二号店|浙江|杭州 西湖||旗舰\n',
    );
    await h.boh(['import', 'region', h.file('regions.csv', '区域编码,区域名称\nEAST,华东区\nNORTH,华北区\n')]);
    const profile = h.profile('legacy.json', {
      resource: 'store',
      read: { delimiter: '|', header_line: 3 },
      fields: {
        code: { column: '编号', prefix: 'LEG-' },
        name: { column: '店名', suffix: '（旧系统）' },
        address: { columns: ['省', '市'], join: '省' },
        city: { column: '市', split: { separator: ' ', index: 0 } },
        region_code: { column: '区域', default: 'NORTH' },
      },
      ignore: ['备注'],
    });
    const result = await h.boh(['import', 'store', file, '--mapping', profile, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).unknown_columns).toEqual([]);
    expect(await h.get('/stores/LEG-L1')).toMatchObject({ name: '一号店（旧系统）', address: '江苏省南京 鼓楼', city: '南京', region_code: 'EAST' });
    expect(await h.get('/stores/LEG-L2')).toMatchObject({ city: '杭州', region_code: 'NORTH' });
  });

  it('rejects a profile naming a column the file lacks', async () => {
    const profile = h.profile('wrong.json', { resource: 'store', fields: { code: '编号', name: '名称' } });
    const result = await h.boh(['import', 'store', h.file('wrong.csv', '编号,店名\nW1,店\n'), '--mapping', profile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The mapping profile reads column "名称" for name, but the file has no such column. Its columns: 编号, 店名.');
  });
});

describe('modes and matching', () => {
  it('insert leaves identical rows, rejects changed ones', async () => {
    await h.boh(['import', 'store', h.file('m1.csv', '门店编码,门店名称\nI01,一号店\nI02,二号店\n')]);
    const result = await h.boh(['import', 'store', h.file('m2.csv', '门店编码,门店名称\nI01,一号店\nI02,新二号店\nI03,三号店\n'), '--mode', 'insert', '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 1, unchanged: 1, rejected: 1 });
    expect((await h.get('/stores/I02')).name).toBe('二号店');
  });

  it('update rejects rows without a record', async () => {
    const result = await h.boh(['import', 'store', h.file('m3.csv', '门店编码,城市\nI01,无锡\nI99,无锡\n'), '--mode', 'update', '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ updated: 1, rejected: 1 });
    expect((await h.get('/stores/I01')).city).toBe('无锡');
    expect(csvRows(h.read('m3.errors.csv'))[1]!.at(-1)).toContain('no record has the key "I99"');
  });

  it('matches on other fields with --match-on', async () => {
    const result = await h.boh(['import', 'store', h.file('m4.csv', '门店名称,电话\n一号店,0510-1\n'), '--match-on', 'name', '--mode', 'update', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).job.counts.updated).toBe(1);
    expect((await h.get('/stores/I01')).phone).toBe('0510-1');
  });
});

describe('dry run', () => {
  it('prints the plan with a sample of changes and writes nothing', async () => {
    const file = h.file('dry.csv', '门店编码,门店名称,城市\nI01,一号店,常州\nDRY1,新店,南通\n');
    const result = await h.boh(['import', 'store', file, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 created, 1 updated, 0 unchanged, 0 rejected. Nothing was written.');
    expect(result.stderr).toContain('I01: city: 无锡 → 常州');
    expect(await h.get('/stores/DRY1')).toBeUndefined();
    expect((await h.get('/stores/I01')).city).toBe('无锡');
  });
});

describe('error limits and result files', () => {
  it('stops at --max-errors and lists the rest as not processed', async () => {
    const lines = ['门店编码,门店名称,面积'];
    for (let index = 1; index <= 12; index += 1) lines.push(`X${String(index).padStart(2, '0')},店${index},${index % 2 === 0 ? 'bad' : '10'}`);
    const file = h.file('max.csv', `${lines.join('\n')}\n`);
    const result = await h.boh(['import', 'store', file, '--max-errors', '2', '--batch-size', '4', '--json']);
    expect(result.code).toBe(6);
    const output = JSON.parse(result.stdout);
    expect(output.job).toMatchObject({ status: 'stopped', stop_reason: 'max_errors', not_processed: 8, counts: { received: 4, created: 2, rejected: 2 } });

    const outcomes = csvRows(h.read('max.results.csv')).slice(1);
    expect(outcomes.map((row) => row[2])).toEqual(['created', 'rejected', 'created', 'rejected', ...Array(8).fill('not processed')]);
    expect(outcomes.map((row) => Number(row[0]))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(await h.get('/stores/X05')).toBeUndefined();
  });

  it('says the import stopped at the end of the batch that reached --max-errors', async () => {
    const lines = ['门店编码,门店名称,面积'];
    for (let index = 1; index <= 15; index += 1) lines.push(`Y${String(index).padStart(2, '0')},店${index},${index <= 3 ? 'bad' : '10'}`);
    const file = h.file('max-batch.csv', `${lines.join('\n')}\n`);
    const english = await h.boh(['import', 'store', file, '--max-errors', '2', '--batch-size', '5', '--no-files']);
    expect(english.code).toBe(6);
    expect(english.stderr).toContain('3 rejected.');
    expect(english.stderr).toContain('10 rows were not processed, because the import stopped at the end of the batch in which the limit of 2 rejected records (--max-errors) was reached.');

    const chinese = await h.boh(['--lang', 'zh-CN', 'import', 'store', file, '--max-errors', '2', '--batch-size', '5', '--no-files']);
    expect(chinese.code).toBe(6);
    expect(chinese.stderr).toContain('有 10 行未处理，因为被拒绝的记录达到上限 2 条（--max-errors），导入在达到上限的那一批结束后停止。');
  });

  it('writes periodic JSON progress lines on stderr with --json', async () => {
    const file = h.file('progress.csv', '门店编码,门店名称\nP01,进度店\n');
    const result = await h.boh(['import', 'store', file, '--json']);
    const progress = result.stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { event: string; rows: number });
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.every((line) => line.event === 'progress')).toBe(true);
    expect(progress.at(-1)!.rows).toBe(1);
  });

  it('lists and shows jobs', async () => {
    const list = await h.boh(['import', 'list', '--json']);
    const jobs = JSON.parse(list.stdout) as { id: string; file_name: string }[];
    const job = jobs.find((candidate) => candidate.file_name === 'max.csv')!;
    const shown = JSON.parse((await h.boh(['import', 'show', job.id, '--json'])).stdout);
    expect(shown.rejections.map((rejection: { line: number }) => rejection.line)).toEqual([3, 5]);
    expect(shown.rejections[0].message).toBe('Line 3, column 3 (面积): "bad" is not a number.');
  });
});

describe('menu items with recipe lines', () => {
  it('groups consecutive rows into one recipe and maps errors to their line', async () => {
    await h.boh(['import', 'item', h.file('items.csv', '物料编码,物料名称,物料类型,基本单位,包装单位\nBEAN,咖啡豆,raw_material,g,袋=1000\nMILK,牛奶,raw_material,ml,\n')]);
    const file = h.file(
      'menu.csv',
      '菜品编码,菜品名称,售价（分）,组件类型,组件编码,用量,用量单位,损耗率\n' +
        'LATTE,拿铁,3200,item,BEAN,18,,0\n' +
        'LATTE,拿铁,3200,item,MILK,200,,0.05\n' +
        'MOCHA,摩卡,3500,item,BEAN,0.02,袋,0\n' +
        'MOCHA,摩卡,3500,item,MILK,150,箱,0\n' +
        'WATER,矿泉水,500,,,,,\n',
    );
    const result = await h.boh(['import', 'menu_item', file, '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 3, created: 2, rejected: 1 });

    expect((await h.get('/menu-items/LATTE')).components).toEqual([
      { component_type: 'item', code: 'BEAN', quantity: 18, unit: null, loss_rate: 0, base_quantity: 18 },
      { component_type: 'item', code: 'MILK', quantity: 200, unit: null, loss_rate: 0.05, base_quantity: 200 },
    ]);
    expect((await h.get('/menu-items/WATER')).components).toEqual([]);
    const errors = csvRows(h.read('menu.errors.csv'));
    expect(errors.slice(1).map((row) => row[0])).toEqual(['MOCHA', 'MOCHA']);
    expect(errors[1]!.at(-1)).toContain('Line 5, column 7 (用量单位): "箱" is neither the base unit nor a pack unit of item "MILK"');
  });

  it('reads loss rates written as percentages', async () => {
    const file = h.file(
      'loss.csv',
      '菜品编码,菜品名称,组件类型,组件编码,用量,损耗率\n' +
        'P1,一,item,BEAN,18,5%\n' +
        'P1,一,item,MILK,200,2.5 %\n' +
        'P2,二,item,BEAN,18,７．３％\n' +
        'P2,二,item,MILK,150,0.04\n' +
        'P3,三,item,MILK,150,五%\n',
    );
    const result = await h.boh(['import', 'menu_item', file, '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 3, created: 2, rejected: 1 });
    expect((await h.get('/menu-items/P1')).components.map((c: { loss_rate: number }) => c.loss_rate)).toEqual([0.05, 0.025]);
    expect((await h.get('/menu-items/P2')).components.map((c: { loss_rate: number }) => c.loss_rate)).toEqual([0.073, 0.04]);
    expect(csvRows(h.read('loss.errors.csv'))[1]!.at(-1)).toBe('Line 6, column 6 (损耗率): "五%" is not a number.');
  });

  it('gathers the lines of a recipe that are not next to each other', async () => {
    const file = h.file('split.csv', '菜品编码,菜品名称,组件类型,组件编码,用量\nS1,一,item,BEAN,1\nS2,二,item,BEAN,1\nS1,一,item,MILK,2\n');
    expect((await h.boh(['import', 'menu_item', file])).code).toBe(0);
    expect((await h.get('/menu-items/S1')).components.map((c: { code: string }) => c.code)).toEqual(['BEAN', 'MILK']);
    const results = csvRows(h.read('split.results.csv')).slice(1);
    expect(results.map((row) => [row[0], row[1], row[2]])).toEqual([['2', 'S1', 'created'], ['4', 'S1', 'created'], ['3', 'S2', 'created']]);
  });
});
