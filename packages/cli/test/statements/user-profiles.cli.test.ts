import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

// Statement layouts of the user's own, named by --mapping or BOH_STATEMENT_PROFILES: an
// acquirer's settlement file that states each line's fee (手续费), read without any change to
// the repository.

const folder = mkdtempSync(join(tmpdir(), 'boh-user-profiles-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const settlement = join(folder, 'settlement-2024-01.csv');
writeFileSync(
  settlement,
  [
    '类型,微信订单号,商户订单号,订单金额,退款金额,手续费,日期',
    '支付,4200000000202401050000000401,S0001,100.00,0.00,0.60,2024-01-05',
    '支付,4200000000202401050000000402,S0002,58.00,0.00,0.35,2024-01-05',
    '退款,4200000000202401050000000401,S0001,0.00,100.00,-0.60,2024-01-06',
  ].join('\n'),
);

const profile = {
  id: 'acquirer-settlement',
  channel: 'wechat',
  detect: { signature: ['type', 'transactionId', 'merchantOrderNumber', 'gross', 'refund', 'fee'] },
  columns: { type: ['类型'], transactionId: ['微信订单号'], merchantOrderNumber: ['商户订单号'], gross: ['订单金额'], refund: ['退款金额'], fee: ['手续费'], date: ['日期'] },
  dateFormats: ['YYYY-MM-DD'],
  direction: {
    from: 'rules',
    column: 'type',
    rules: [
      { pattern: '^支付$', kind: 'payment', flow: 'in' },
      { pattern: '^退款$', kind: 'refund', flow: 'out' },
    ],
  },
};
const profileFile = join(folder, 'acquirer-settlement.json');
writeFileSync(profileFile, JSON.stringify(profile));
const profileFolder = join(folder, 'profiles');
mkdirSync(profileFolder);
writeFileSync(join(profileFolder, 'acquirer-settlement.json'), JSON.stringify(profile));

describe('BOH_STATEMENT_PROFILES', () => {
  it('reads a layout named by file, with the fees the file states', async () => {
    const result = await runBoh(['statement', 'parse', settlement, '--json'], { env: { BOH_STATEMENT_PROFILES: profileFile } });
    expect(result.code, result.stderr).toBe(0);
    const [parsed] = JSON.parse(result.stdout);
    expect(parsed.layout).toBe('acquirer-settlement');
    expect(parsed.totals).toMatchObject({ lines: 3, grossFen: 15_800, refundFen: 10_000, feeMilliFen: 35_000, netMilliFen: 5_765_000 });
  });

  it('reads a layout named by folder', async () => {
    const result = await runBoh(['statement', 'parse', settlement, '--json'], { env: { BOH_STATEMENT_PROFILES: profileFolder } });
    expect(JSON.parse(result.stdout)[0].layout).toBe('acquirer-settlement');
  });

  it('names the option and the variable when no layout fits', async () => {
    const english = await runBoh(['statement', 'parse', settlement], { env: { BOH_LANG: 'en' } });
    expect(english.code).toBe(2);
    expect(english.stderr).toContain('pass it with --mapping FILE');
    expect(english.stderr).toContain('name the file or its folder in BOH_STATEMENT_PROFILES');

    const chinese = await runBoh(['statement', 'parse', settlement], { env: { BOH_LANG: 'zh-CN' } });
    expect(chinese.stderr).toContain('用 --mapping 文件');
    expect(chinese.stderr).toContain('在环境变量 BOH_STATEMENT_PROFILES 中指定该文件或其所在文件夹');
  });

  it('stops month-end with the same reason, not a crash', async () => {
    const env = { BOH_LANG: 'en', BOH_BASE_URL: 'http://127.0.0.1:9', BOH_TOKEN: 'boh_unused' };
    const result = await runBoh(['month-end', '--period', '2024-01', '--statement', settlement], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read settlement-2024-01.csv as a statement');
    expect(result.stderr).not.toContain('This is a bug');
  });

  it('names a profile path that does not exist', async () => {
    const result = await runBoh(['statement', 'parse', settlement], { env: { BOH_LANG: 'en', BOH_STATEMENT_PROFILES: join(folder, 'missing.json') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.json');
  });
});

describe('--mapping for statements', () => {
  let server: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    env = { BOH_LANG: 'en', BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  });
  afterAll(async () => server.close());

  it('parses with a profile file', async () => {
    const result = await runBoh(['statement', 'parse', settlement, '--mapping', profileFile, '--json'], { env: { BOH_LANG: 'en' } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)[0].layout).toBe('acquirer-settlement');
  });

  it('names a missing profile', async () => {
    const result = await runBoh(['statement', 'parse', settlement, '--mapping', join(folder, 'nope.json')], { env: { BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('无法读取 --mapping 或 BOH_STATEMENT_PROFILES 指定的字段对应文件');
    expect(result.stderr).toContain('nope.json');
  });

  it('words an invalid profile in Chinese', async () => {
    const invalid = join(folder, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ id: 'no-detect', channel: 'wechat' }));
    const result = await runBoh(['statement', 'parse', settlement, '--mapping', invalid], { env: { BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`字段对应文件 ${invalid} 的“detect”项无效：缺少此项，应为对象`);
    expect(result.stderr).not.toContain('Invalid input');
  });

  it('words profile checks in Chinese', async () => {
    const cases = [
      { name: 'bad-id.json', profile: { ...profile, id: 'Acquirer_Settlement' }, text: '的“id”项无效：只能用小写字母、数字和连字符，且以字母或数字开头' },
      { name: 'bad-pattern.json', profile: { ...profile, skipRows: ['(unclosed'] }, text: '的“skipRows.0”项无效：不是有效的正则表达式' },
      { name: 'no-column.json', profile: { ...profile, detect: { signature: ['type', 'gross', 'balance'] } }, text: '的“detect.signature”项无效：识别字段 balance 没有对应的列' },
      { name: 'wrong-type.json', profile: { ...profile, dateFormats: 'YYYY-MM-DD' }, text: '的“dateFormats”项无效：类型应为列表，实际为文本' },
      { name: 'not-object.json', profile: [profile], text: '的最外层无效：类型应为对象，实际为列表' },
    ];
    for (const { name, profile: json, text } of cases) {
      const file = join(folder, name);
      writeFileSync(file, JSON.stringify(json));
      const result = await runBoh(['statement', 'parse', settlement, '--mapping', file], { env: { BOH_LANG: 'zh-CN' } });
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain(`字段对应文件 ${file} ${text}`);
      expect(result.stderr, name).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/u);
      expect(result.stderr, name).not.toMatch(/[A-Za-z]{3,} (?:[a-z]+ )*[a-z]{3,}/);
    }
  });

  it('words field paths in English', async () => {
    const cases = [
      { name: 'top-level.json', profile: [profile], text: 'is invalid at the top level:' },
      { name: 'bad-id-en.json', profile: { ...profile, id: 'Acquirer_Settlement' }, text: 'is invalid at id:' },
    ];
    for (const { name, profile: json, text } of cases) {
      const file = join(folder, name);
      writeFileSync(file, JSON.stringify(json));
      const result = await runBoh(['statement', 'parse', settlement, '--mapping', file], { env: { BOH_LANG: 'en' } });
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain(`Mapping profile ${file} ${text}`);
    }
  });

  it('words an unreadable profile in Chinese', async () => {
    const truncated = join(folder, 'truncated.json');
    writeFileSync(truncated, '{"id": ');
    const result = await runBoh(['statement', 'parse', settlement, '--mapping', truncated], { env: { BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`字段对应文件 ${truncated}：JSON 提前结束，可能缺少右括号、右花括号或引号。`);
    expect(result.stderr).not.toContain('Unexpected end');

    const missing = await runBoh(['statement', 'parse', settlement, '--mapping', join(folder, 'nope.json')], { env: { BOH_LANG: 'zh-CN' } });
    expect(missing.stderr).toContain('nope.json：文件不存在。');
    expect(missing.stderr).not.toContain('ENOENT');
  });

  it('reconciles with a profile folder', async () => {
    const args = ['reconcile', 'wechat', '--statement', settlement, '--period', '2024-01', '--mapping', profileFolder];
    const result = await runBoh([...args, '--out', join(folder, 'reconcile'), '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const reconciliation = JSON.parse(result.stdout);
    expect(reconciliation.summary.states.missing_in_pos.count).toBe(3);
  });

  it('runs month-end with --statement-mapping', async () => {
    const args = ['month-end', '--period', '2024-01', '--statement', settlement, '--statement-mapping', profileFile, '--no-close'];
    const result = await runBoh([...args, '--out', join(folder, 'month-end'), '--json'], { env });
    expect(result.stderr).not.toContain('Cannot read settlement-2024-01.csv');
    const summary = JSON.parse(result.stdout) as { steps: { id: string; summary: { states: Record<string, { count: number }> } }[] };
    const step = summary.steps.find((completed) => completed.id === 'reconcile:wechat');
    expect(step?.summary.states['missing_in_pos']?.count).toBe(3);
  });
});
