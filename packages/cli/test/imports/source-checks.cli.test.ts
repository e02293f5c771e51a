// `boh import` of files it cannot take as given: a header without rows, and options that the
// file's format does not read. Each fails before a job is created, in the user's language.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importHarness } from './support.js';

const h = importHarness();

async function writeWorkbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(sheetName);
    for (const row of rows) sheet.addRow(row);
  }
  const path = h.file(name, '');
  await workbook.xlsx.writeFile(path);
  return path;
}

async function jobCount(): Promise<number> {
  const page = await h.get<{ data: unknown[] }>('/imports?limit=100');
  return page!.data.length;
}

describe('file with a header and no rows', () => {
  it('fails for a CSV, naming the file', async () => {
    const file = h.file('stores-empty.csv', '门店编码,门店名称\r\n');
    const before = await jobCount();

    const result = await h.boh(['import', 'store', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stores-empty.csv has a header on line 1 but no data rows under it, so nothing was imported.');
    expect(await jobCount()).toBe(before);

    const chinese = await h.boh(['import', 'store', file], { BOH_LANG: 'zh-CN' });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain('stores-empty.csv 第 1 行是表头，其下没有数据行，没有导入任何数据。');
  });

  it('fails for blank lines under the header', async () => {
    const result = await h.boh(['import', 'store', h.file('stores-blank.csv', '门店编码,门店名称\r\n\r\n,\r\n'), '--canonical', 'blank.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stores-blank.csv has a header on line 1 but no data rows');
  });

  it('fails for a sheet, naming the sheet and the others', async () => {
    const file = await writeWorkbook('stores-sheets.xlsx', { 说明: [['门店编码', '门店名称']], 门店: [['门店编码', '门店名称'], ['0001', '静安寺店']] });

    const result = await h.boh(['import', 'store', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Sheet "说明" of');
    expect(result.stderr).toContain('If the rows are on another sheet (门店), choose it with --sheet.');

    const chinese = await h.boh(['import', 'store', file], { BOH_LANG: 'zh-CN' });
    expect(chinese.stderr).toContain('的工作表“说明”第 1 行是表头，其下没有数据行');
    expect(chinese.stderr).toContain('如果数据在其他工作表（门店），请用 --sheet 指定。');

    const chosen = await h.boh(['import', 'store', file, '--sheet', '门店', '--json']);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout).job.counts).toMatchObject({ received: 1, created: 1 });
  });

  it('fails for a single-sheet workbook', async () => {
    const file = await writeWorkbook('stores-one-sheet.xlsx', { 门店: [['门店导入'], ['门店编码', '门店名称']] });
    const result = await h.boh(['import', 'store', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Sheet "门店" of');
    expect(result.stderr).toContain('has a header on row 2 but no data rows under it');
  });

  it('fails for JSON Lines without records', async () => {
    const result = await h.boh(['import', 'store', h.file('stores.jsonl', '\n\n')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stores.jsonl has no records: every line is blank.');
  });

  it('goes on when the only row is unreadable', async () => {
    const result = await h.boh(['import', 'store', h.file('stores-bad-row.csv', '门店编码,门店名称\r\n0001,静安寺店,多余,多余\r\n'), '--json']);
    expect(result.code, result.stderr).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ received: 1, rejected: 1 });
  });
});

describe('options of another format', () => {
  it('reject --sheet for a CSV', async () => {
    const file = h.file('stores-sheet.csv', '门店编码,门店名称\r\n0002,徐家汇店\r\n');
    const result = await h.boh(['import', 'store', file, '--sheet', '门店']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--sheet applies only to the XLSX/XLS format, but');
    expect(result.stderr).toContain('stores-sheet.csv is in CSV format. Run the command again without --sheet.');

    const chinese = await h.boh(['import', 'store', file, '--sheet', '门店'], { BOH_LANG: 'zh-CN' });
    expect(chinese.stderr).toContain('--sheet 只适用于 XLSX/XLS 文件，而');
    expect(await h.get('/stores/0002')).toBeUndefined();
  });

  it('reject --encoding and --delimiter for a workbook', async () => {
    const file = await writeWorkbook('stores-options.xlsx', { 门店: [['门店编码', '门店名称'], ['0003', '陆家嘴店']] });
    const encoding = await h.boh(['import', 'store', file, '--encoding', 'gbk']);
    expect(encoding.code).toBe(2);
    expect(encoding.stderr).toContain('--encoding applies only to the CSV format, but');
    expect(encoding.stderr).toContain('stores-options.xlsx is in XLSX format.');

    const delimiter = await h.boh(['import', 'store', file, '--delimiter', ';']);
    expect(delimiter.code).toBe(2);
    expect(delimiter.stderr).toContain('--delimiter applies only to the CSV format');
    expect(await h.get('/stores/0003')).toBeUndefined();
  });
});
