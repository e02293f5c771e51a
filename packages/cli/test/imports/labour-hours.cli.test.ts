// `boh import labour_hours`: hours and labour cost per store, business date and role from a
// roster export, for sales per labour hour (人效).

import { createClient, type BohClient } from '@boh/sdk';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { csvRows, importHarness } from './support.js';

const h = importHarness();
let boh: BohClient;

beforeAll(async () => {
  boh = createClient({ baseUrl: h.server.url, token: h.env.BOH_TOKEN! });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
});
afterAll(() => boh.close());

const HEADER = '门店编码,营业日,岗位,工时,人工成本';
const file = (rows: string[]) => [HEADER, ...rows].join('\r\n');

describe('labour hours import', () => {
  it('records hours in thousandths and cost in fen, and rejects unknown stores', async () => {
    const result = await h.boh(['import', 'labour_hours', h.file('工时.csv', file(['0001,2026-11-01,咖啡师,32.5,975.00', '0001,2026-11-01,收银,16,¥480', '0009,2026-11-01,收银,8,240.00'])), '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(csvRows(h.read('工时.errors.csv'))[1]!.at(-1)).toMatch(/store "0009" does not exist/);
  });

  it('leaves the same rows unchanged and replaces changed ones', async () => {
    const result = await h.boh(['import', 'labour_hours', h.file('again.csv', file(['0001,2026-11-01,咖啡师,32.5,975.00', '0001,2026-11-01,收银,18,540.00'])), '--json']);
    expect(JSON.parse(result.stdout).job.counts).toEqual({ received: 2, created: 0, updated: 1, unchanged: 1, rejected: 0 });
  });

  it('rejects a changed row in insert mode, in the chosen language', async () => {
    const result = await h.boh(['import', 'labour_hours', h.file('insert.csv', file(['0001,2026-11-01,收银,20,600.00'])), '--mode', 'insert', '--json'], { BOH_LANG: 'zh-CN' });
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ updated: 0, rejected: 1 });
    expect(csvRows(h.read('insert.errors.csv'))[1]!.at(-1)).toContain('0001/2026-11-01/收银');
  });

  it('feeds the labour-cost report', async () => {
    const reply = await send(h.server.url, 'POST', '/report-runs', { token: h.env.BOH_TOKEN, body: { report: 'labour-cost', period: '2026-11' } });
    expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
    const text = JSON.stringify(reply.body);
    // 32.5 + 18 hours; 975.00 + 540.00 yuan.
    expect(text).toContain('151500');
    expect(text).not.toContain('No labour hours were recorded');
  });

  it('reads h:mm time cells as hours', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工时');
    sheet.addRow(['门店编码', '营业日', '岗位', '工时', '人工成本']);
    sheet.addRow(['0001', '2026-11-02', '咖啡师', 8.5 / 24, 255]);
    sheet.addRow(['0001', '2026-11-02', '收银', (7 + 20 / 60) / 24, 220]);
    sheet.getCell('D2').numFmt = '[h]:mm';
    sheet.getCell('D3').numFmt = 'h:mm';
    const path = h.file('排班.xlsx', '');
    await workbook.xlsx.writeFile(path);

    const canonical = await h.boh(['import', 'labour_hours', path, '--canonical', 'hours.jsonl']);
    expect(canonical.code, canonical.stderr).toBe(0);
    const records = h.read('hours.jsonl').trim().split('\n').map((line) => JSON.parse(line) as { fields: { hours: number } });
    expect(records.map((record) => record.fields.hours)).toEqual([8.5, 7.333]);

    const result = await h.boh(['import', 'labour_hours', path, '--json']);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 2, rejected: 0 });
  });

  for (const date1904 of [false, true]) {
    it(`reads long durations, ${date1904 ? 1904 : 1900} system`, async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('工时');
      sheet.addRow(['门店编码', '营业日', '岗位', '工时', '人工成本']);
      sheet.addRow(['0001', '2026-11-03', '咖啡师', 26.5 / 24, 795]);
      sheet.addRow(['0001', '2026-11-03', '收银', 8.5 / 24, 255]);
      sheet.addRow(['0001', '2026-11-03', '店长', 48.25 / 24, 1450]);
      sheet.addRow(['0001', '2026-11-03', '后厨', date1904 ? 45000 - 1462 : 45000, 100]);
      sheet.getCell('D2').numFmt = '[h]:mm';
      sheet.getCell('D3').numFmt = 'h:mm';
      sheet.getCell('D4').numFmt = '[h]:mm:ss';
      sheet.getCell('D5').numFmt = 'yyyy-mm-dd';
      const name = `排班-${date1904 ? 1904 : 1900}.xlsx`;
      const path = h.file(name, '');
      await workbook.xlsx.writeFile(path);

      const output = `hours-${date1904 ? 1904 : 1900}.jsonl`;
      const canonical = await h.boh(['import', 'labour_hours', path, '--canonical', output]);
      expect(canonical.code).toBe(6);
      const records = h.read(output).trim().split('\n').map((line) => JSON.parse(line) as { line: number; fields?: { hours: number }; errors?: { message: string }[] });
      expect(records.filter((record) => record.fields).map((record) => record.fields!.hours)).toEqual([26.5, 8.5, 48.25]);
      // A date is no number of hours, so that row is rejected, naming the date.
      expect(records.find((record) => record.line === 5)!.errors![0]!.message).toContain('"2023-03-15" is not a number');
    });
  }

  it('reads hours written as h:mm text', async () => {
    const result = await h.boh(['import', 'labour_hours', h.file('工时文本.csv', file(['0001,2026-11-04,咖啡师,26:30,795.00', '0001,2026-11-04,收银,７:４５,232.50', '0001,2026-11-04,店长,8:75,240.00'])), '--canonical', 'text-hours.jsonl']);
    expect(result.code).toBe(6);
    const records = h.read('text-hours.jsonl').trim().split('\n').map((line) => JSON.parse(line) as { fields?: { hours: number }; errors?: { message: string }[] });
    expect(records.filter((record) => record.fields).map((record) => record.fields!.hours)).toEqual([26.5, 7.75]);
    expect(records[2]!.errors![0]!.message).toContain('"8:75" is not a number');
  });
});
