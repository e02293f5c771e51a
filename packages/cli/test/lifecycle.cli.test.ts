import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { en } from '../src/i18n/en.js';
import { zhCN } from '../src/i18n/zh-CN.js';
import { messages } from '../src/commands/lifecycle/messages.js';
import { temporaryFiles } from './files/helpers.js';

let server: TestServer;
let env: Record<string, string>;
let opsEnv: Record<string, string>;
const file = temporaryFiles();

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  opsEnv = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('ops') };
  for (const code of ['0001', '0002', '0003', '0004']) {
    await runBoh(['store', 'create', '--code', code, '--name', `门店${code}`, '--opened-on', '2022-01-01'], { env });
  }
  await runBoh(['store', 'create', '--code', 'N001', '--name', '新店', '--lifecycle-stage', 'construction'], { env });
});
afterAll(() => server.close());

describe('lifecycle messages', () => {
  it('have the same keys and placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(Object.keys(messages.en).sort());
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      expect(placeholders(messages['zh-CN'][key]), key).toEqual(placeholders(messages.en[key]));
    }
  });

  it('do not reuse a key of the main catalogue', () => {
    const taken = new Set([...Object.keys(en), ...Object.keys(zhCN)]);
    expect(Object.keys(messages.en).filter((key) => taken.has(key))).toEqual([]);
  });
});

describe('boh store checklist and transition', () => {
  it('refuses a move with open items, in Chinese, with exit code 3', async () => {
    const result = await runBoh(['store', 'transition', 'N001', 'pre_opening', '--lang', 'zh-CN'], { env: opsEnv });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('必办事项未完成：lease_signed');
    expect(result.stderr).toContain('boh store checklist N001 --tick <key>');
  });

  it('ticks items and shows what still blocks the move', async () => {
    const result = await runBoh(['store', 'checklist', 'N001', '--tick', 'lease_signed', '--tick', 'business_licence', '--evidence', 'DOC-1', '--note', '原件已归档'], { env: opsEnv });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Ticked lease_signed at store N001.');
    expect(result.stderr).toContain('To move to Pre-opening (pre_opening): 5 mandatory items open: food_licence, fire_safety, fit_out, equipment_installed, staff_hired');
    const lines = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(lines[0]!.slice(0, 4)).toEqual(['lease_signed', 'Lease signed', 'yes', 'yes']);
    expect(lines[0]![4]).toBe('test-ops');
    expect(lines[0]!.slice(6)).toEqual(['DOC-1', '原件已归档']);

    const json = await runBoh(['store', 'checklist', 'N001', '--json'], { env: opsEnv });
    expect(JSON.parse(json.stdout).blocking[0].open_items).toHaveLength(5);
  });

  it('moves a store with an admin override and prints the move', async () => {
    const result = await runBoh(['store', 'transition', 'N001', 'pre_opening', '--override', '证照加急办理中', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('门店 N001：筹建 (construction) → 开业筹备 (pre_opening)');
    expect(result.stderr).toContain('强制通过的检查事项：food_licence, fire_safety');

    const stages = await runBoh(['store', 'stages', 'N001', '--json'], { env });
    expect(JSON.parse(stages.stdout).map((row: { stage: string }) => row.stage)).toEqual(['construction', 'pre_opening']);
    const history = await runBoh(['store', 'history', 'N001', '--json'], { env });
    expect(JSON.parse(history.stdout)[0].action).toBe('transition');
  });

  it('rejects an unknown stage before calling the API', async () => {
    const result = await runBoh(['store', 'transition', '0001', 'open'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown stage "open"');
  });
});

describe('boh store transition --file', () => {
  const csv = [
    '门店编码,目标阶段,备注,强制原因,生效日期',
    '0001,调优/装修,夏季调优,方案口头已批,',
    '0001,operating,,调优完成,',
    '0002,renovating,,,',
    '0003,closed,,,',
    '0009,renovating,,x,',
    '0004,开业,,,',
    '0004,renovating,,x,2025年2月30日',
  ].join('\n');

  it('reports every row of a dry run with its line and exits 6', async () => {
    const path = file('moves.csv', csv);
    const result = await runBoh(['store', 'transition', '--file', path, '--dry-run', '--json'], { env });
    expect(result.code).toBe(6);
    const report = JSON.parse(result.stdout);
    expect(report.rows.map((row: { row: number; status: string; error: { code: string } | null }) => [row.row, row.status, row.error?.code ?? null])).toEqual([
      [2, 'valid', null],
      [3, 'valid', null],
      [4, 'rejected', 'checklist_incomplete'],
      [5, 'rejected', 'transition_not_allowed'],
      [6, 'rejected', 'not_found'],
      [7, 'rejected', 'invalid_cell'],
      [8, 'rejected', 'invalid_cell'],
    ]);
    expect(report.rows[5].error.message).toContain('line 7, column "Target stage": "开业" is not a stage');
    expect(report.rows[6].error.message).toContain('line 8, column "Effective date"');
    expect(report.counts).toEqual({ total: 7, valid: 2, rejected: 5, applied: 0 });
  });

  it('writes nothing while any row is rejected, and the valid rows with --partial', async () => {
    const path = file('moves-2.csv', csv);
    const atomic = await runBoh(['store', 'transition', '--file', path], { env });
    expect(atomic.code).toBe(6);
    expect(atomic.stderr).toContain('nothing written because rows were rejected');
    expect(JSON.parse((await runBoh(['store', 'stages', '0001', '--json'], { env })).stdout)).toHaveLength(1);

    const partial = await runBoh(['store', 'transition', '--file', path, '--partial', '--lang', 'zh-CN'], { env });
    expect(partial.code).toBe(6);
    expect(partial.stdout.split('\n')[0]!.split('\t')).toEqual(['2', '0001', 'operating → renovating', '已执行', '']);
    expect(partial.stderr).toContain('共 7 行：有效 2 行，拒绝 5 行，已执行 2 行');
    const stages = JSON.parse((await runBoh(['store', 'stages', '0001', '--json'], { env })).stdout);
    expect(stages.map((row: { stage: string }) => row.stage)).toEqual(['operating', 'renovating', 'operating']);
  });

  it('reads an XLSX workbook with English headers and applies it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Moves');
    sheet.addRow(['Store code', 'Stage', 'Override reason', 'Effective date']);
    sheet.addRow(['0002', 'Renovating', 'Plan approved by email', new Date(Date.UTC(2025, 0, 6))]);
    sheet.addRow(['0003', 'closing', 'Lease ends', null]);
    const path = file('moves.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    const result = await runBoh(['store', 'transition', '--file', path, '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).counts).toEqual({ total: 2, valid: 2, rejected: 0, applied: 2 });
    const stages = JSON.parse((await runBoh(['store', 'stages', '0002', '--json'], { env })).stdout);
    expect(stages[1]).toMatchObject({ stage: 'renovating', started_on: '2025-01-06' });
  });

  it('rejects --sheet for a CSV', async () => {
    const path = file('sheet.csv', '门店编码,目标阶段\n0001,closed\n');
    const result = await runBoh(['store', 'transition', '--file', path, '--sheet', 'Moves'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sheet.csv is a CSV file, which has no sheets. Run the command again without --sheet.');
    const chinese = await runBoh(['store', 'transition', '--file', path, '--sheet', 'Moves', '--lang', 'zh-CN'], { env });
    expect(chinese.stderr).toContain('sheet.csv 是 CSV 文件，没有工作表。请去掉 --sheet 后重新运行。');
  });

  it('names the missing columns and the headers it found', async () => {
    const path = file('bad.csv', 'code,where\n0001,closed\n');
    const result = await runBoh(['store', 'transition', '--file', path], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no column for Store code, Target stage. Its headers: code, where.');
  });
});

describe('boh store budget and cost', () => {
  it('sets a budget in yuan, records costs and compares them', async () => {
    const set = await runBoh(['store', 'budget', 'N001', '--set', 'fit_out=450,000', '--set', 'equipment=¥280000.50'], { env });
    expect(set.code, set.stderr).toBe(0);
    await runBoh(['store', 'cost', 'add', 'N001', '--category', 'fit_out', '--amount', '185,000.00', '--on', '2025年4月10日', '--reference', 'FP-2'], { env });
    const report = await runBoh(['store', 'budget', 'N001'], { env });
    expect(report.stdout.trim().split('\n').map((line) => line.split('\t'))).toEqual([
      ['fit_out', '¥450,000.00', '¥185,000.00', '-¥265,000.00', '41.1%'],
      ['equipment', '¥280,000.50', '¥0.00', '-¥280,000.50', '0%'],
      ['Total', '¥730,000.50', '¥185,000.00', '-¥545,000.50', '25.3%'],
    ]);
    const duplicate = await runBoh(['store', 'cost', 'add', 'N001', '--category', 'fit_out', '--amount', '1', '--on', '2025-04-11', '--reference', 'FP-2'], { env });
    expect(duplicate.code).toBe(3);
    const badAmount = await runBoh(['store', 'cost', 'add', 'N001', '--category', 'fit_out', '--amount', '12.345', '--on', '2025-04-11'], { env });
    expect(badAmount.code).toBe(2);
    expect(badAmount.stderr).toContain('3 decimal places');
  });
});

describe('boh site', () => {
  it('adds a candidate, changes one attribute and keeps the others', async () => {
    const add = await runBoh(['site', 'add', 'C-01', '--name', '前滩候选', '--area', '120', '--latitude', '31.15', '--longitude', '121.47', '--rent', '450', '--footfall', '18000'], { env });
    expect(add.code, add.stderr).toBe(0);
    const update = await runBoh(['site', 'attributes', 'C-01', '--competitors', '3', '--json'], { env });
    expect(JSON.parse(update.stdout)).toMatchObject({ rent_fen_per_m2_month: 45_000, footfall_daily: 18_000, competitors_500m: 3, version: 2 });
    const list = await runBoh(['site', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout).map((site: { store: { code: string } }) => site.store.code)).toEqual(['C-01']);
  });

  it('imports attributes from a file, reporting bad rows', async () => {
    const path = file('attributes.csv', ['门店编码,月租金（元/㎡）,日客流量,周边1公里人口,500米内竞品数', '0001,"¥380.00",12000,45000,2', '0002,abc,8000,30000,1', '0404,300,1,1,1'].join('\n'));
    const dry = await runBoh(['site', 'import-attributes', '--file', path, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(6);
    expect(JSON.parse(dry.stdout).rows.map((row: { status: string }) => row.status)).toEqual(['valid', 'rejected', 'rejected']);
    const real = await runBoh(['site', 'import-attributes', '--file', path, '--json'], { env });
    expect(JSON.parse(real.stdout).rows.map((row: { status: string }) => row.status)).toEqual(['saved', 'rejected', 'rejected']);
    const again = await runBoh(['site', 'import-attributes', '--file', path, '--json'], { env });
    expect(JSON.parse(again.stdout).rows[0].status).toBe('unchanged');
    const shown = await runBoh(['site', 'attributes', '0001', '--json'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({ rent_fen_per_m2_month: 38_000, footfall_daily: 12_000, nearby_population: 45_000, competitors_500m: 2 });
  });

  it('says in Chinese why the model cannot be fitted yet', async () => {
    const result = await runBoh(['site', 'score', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('选址模型');
  });

  it('rejects a candidate', async () => {
    const result = await runBoh(['site', 'reject', 'C-01', '--note', '租金过高', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).store.lifecycle_stage).toBe('rejected');
  });
});

describe('boh store lifecycle-context', () => {
  it('lists cohorts for a period', async () => {
    const result = await runBoh(['store', 'lifecycle-context', '--from', '2025-02-01', '--to', '2025-02-28', '--cohort', 'comparable', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((row: { store_code: string }) => row.store_code)).toEqual(['0001', '0002', '0003', '0004']);
  });
});
