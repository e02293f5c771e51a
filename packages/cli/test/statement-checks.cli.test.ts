import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

// Checks made before and while a statement is stored: unreadable files, files of another month,
// files sharing lines with a stored statement, and bank runs with no channel statement.

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-statement-checks-'));
const missing = join(folder, 'nope.csv');
const empty = join(folder, 'empty.csv');
const half = join(folder, 'wechat-half.csv');
const full = join(folder, 'wechat-full.csv');
const bank = join(folder, 'cmb-2024-01.csv');

// A WeChat Pay merchant bill (交易账单) with backtick-prefixed fields, as WeChat Pay exports it.
const HEADER = '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';
const row = (day: number) => {
  const dd = String(day).padStart(2, '0');
  return `\`2024-01-${dd} 12:30:11,\`wx0000000000000001,\`1900000001,\`0,\`POS01,\`42000000002024010${dd}00000001,\`M202401${dd}0001,\`oUser0000000001,\`MICROPAY,\`SUCCESS,\`OTHERS,\`CNY,\`10.00,\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`午市套餐,\`,\`0.06000,\`0.60%`;
};
const billOf = (days: number[]) => [HEADER, ...days.map(row)].join('\n') + '\n';

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
  writeFileSync(empty, '');
  writeFileSync(half, billOf([2, 3, 4]));
  writeFileSync(full, billOf([2, 3, 4, 5, 6]));
  writeFileSync(bank, '\ufeff记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\r\n2024-01-02,人民币,300.00,300.00,入账,财付通支付科技有限公司,结算\r\n');
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('unreadable statement file', () => {
  const commands = [
    ['statement', 'parse'],
    ['statement', 'load', '--period', '2024-01'],
    ['reconcile', 'bank', '--period', '2024-01', '--out', folder, '--statement'],
  ];

  it('names a missing file in Chinese', async () => {
    for (const command of commands) {
      const result = await runBoh(['--lang', 'zh-CN', ...command, missing], { env });
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr).toContain(`找不到文件 ${missing}`);
      expect(result.stderr).not.toContain('TableReadError');
      expect(result.stderr).not.toContain('    at ');
    }
  });

  it('names an empty file in Chinese', async () => {
    for (const command of commands) {
      const result = await runBoh(['--lang', 'zh-CN', ...command, empty], { env });
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr).toContain(`文件 ${empty} 是空的`);
      expect(result.stderr).not.toContain('    at ');
    }
  });

  it('names an empty file in month-end', async () => {
    const result = await runBoh(['--lang', 'zh-CN', 'month-end', '--period', '2024-01', '--statement', empty, '--out', join(folder, 'pack')], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('是空的');
    expect(result.stderr).not.toContain('缺陷');
  });

  it('names a missing file in English', async () => {
    const result = await runBoh(['--lang', 'en', 'statement', 'parse', missing], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`File ${missing} was not found`);
  });
});

describe('statement of another channel', () => {
  it('names the channel of a WeChat bill given as a bank statement', async () => {
    const result = await runBoh(['--lang', 'en', 'reconcile', 'bank', '--statement', half, '--period', '2024-01', '--out', folder], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The file has the layout wechat-merchant-trade, which is a `wechat` statement, not a `bank` one. Reconcile it with `boh reconcile wechat`.');
  });

  it('names the channel of a bank statement in Chinese', async () => {
    const result = await runBoh(['--lang', 'zh-CN', 'statement', 'parse', '--channel', 'wechat', bank], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('属于 `bank` 对账单，不是 `wechat` 对账单。请用 `boh reconcile bank` 对账。');
  });

  it('still reports an unknown layout as not recognised', async () => {
    const notes = join(folder, 'notes.csv');
    writeFileSync(notes, 'a,b\n1,2\n');
    const result = await runBoh(['--lang', 'en', 'statement', 'parse', '--channel', 'wechat', notes], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was not recognised');
  });
});

describe('statement of another period', () => {
  it('rejects a file with no line in the period', async () => {
    const result = await runBoh(['--lang', 'en', 'statement', 'load', full, '--period', '2023-12'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('wechat-full.csv has no line dated in 2023-12: its lines run from 2024-01-02 to 2024-01-06');
    expect((await boh.statements.list()).data).toEqual([]);
  });

  it('rejects it in Chinese', async () => {
    const result = await runBoh(['--lang', 'zh-CN', 'reconcile', 'wechat', '--statement', full, '--period', '2023-12', '--out', folder], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('wechat-full.csv 没有日期在 2023-12 的行');
  });
});

describe('output folder that cannot be made', () => {
  it('stops the reconciliation before anything is stored', async () => {
    const file = join(folder, 'a-file');
    writeFileSync(file, '');
    const result = await runBoh(['--lang', 'zh-CN', 'reconcile', 'wechat', '--statement', full, '--period', '2024-01', '--out', join(file, 'out')], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`无法使用 ${join(file, 'out')}：路径中有一部分是文件，不是文件夹。`);
    expect((await boh.statements.list()).data).toEqual([]);
    expect((await boh.reconciliations.list()).data).toEqual([]);
  });
});

describe('statement sharing lines', () => {
  let halfId: string;

  it('stores the first file', async () => {
    const result = await runBoh(['statement', 'load', half, '--period', '2024-01', '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const [loaded] = JSON.parse(result.stdout);
    expect(loaded).toMatchObject({ loaded: true, lines: 3, overlaps: [] });
    expect(loaded.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    halfId = loaded.id;
  });

  it('stores a file with extra lines and warns', async () => {
    const result = await runBoh(['--lang', 'en', 'statement', 'load', full, '--period', '2024-01'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/wechat-full\.csv: stored as stm_[0-9a-f]{16} \(5 lines\)/);
    expect(result.stderr).toContain(`Warning: ${full}: 3 of its 5 lines are also in ${halfId} (wechat-half.csv).`);
    const finished = (await boh.statements.list({ period: '2024-01' })).data.filter((s) => s.status === 'finished');
    expect(finished.map((s) => s.line_count).sort()).toEqual([3, 5]);
  });

  it('warns in Chinese with JSON overlaps', async () => {
    const copy = join(folder, 'wechat-full-copy.csv');
    writeFileSync(copy, billOf([2, 3, 4, 5, 6, 7]));
    const result = await runBoh(['--lang', 'zh-CN', 'statement', 'load', copy, '--period', '2024-01', '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const [loaded] = JSON.parse(result.stdout);
    expect(loaded.overlaps.map((overlap: { lines: number }) => overlap.lines)).toEqual([5, 3]);
  });

  it('reuses a stored statement for the same lines', async () => {
    // Same lines, other bytes: a trailing blank line changes the file's hash only.
    const again = join(folder, 'wechat-half-again.csv');
    writeFileSync(again, billOf([2, 3, 4]) + '\n');
    const result = await runBoh(['--lang', 'en', 'statement', 'load', again, '--period', '2024-01'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`already stored as ${halfId}`);
    expect(result.stderr).toMatch(
      new RegExp(`${again} is not the same file as wechat-half\\.csv, but every one of its lines is in statement ${halfId}, which was loaded from wechat-half\\.csv at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2};`),
    );
    expect(result.stderr).toContain('See the stored statements with `boh statement list --period 2024-01`.');
    expect(result.stderr).not.toMatch(/[0-9a-f]{64}|fingerprint/);
    // The rejected upload leaves no open statement behind.
    const statements = (await boh.statements.list({ period: '2024-01' })).data;
    expect(statements.map((s) => s.status)).toEqual(['finished', 'finished', 'finished']);
  });

  it('explains the reused statement in Chinese', async () => {
    const edited = join(folder, 'wechat-half-edited.csv');
    writeFileSync(edited, billOf([2, 3, 4]).replace(/\n/g, '\r\n'));
    const result = await runBoh(['--lang', 'zh-CN', 'statement', 'load', edited, '--period', '2024-01'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`${edited} 与 wechat-half\\.csv 不是同一个文件，但它的每一行都已在对账单 ${halfId} 中（该对账单于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2} 由 wechat-half\\.csv 导入）`));
    expect(result.stderr).toContain('可用 `boh statement list --period 2024-01` 查看已导入的对账单。');
    expect((await boh.statements.list({ period: '2024-01' })).data).toHaveLength(3);
  });
});

describe('bank run without channel statements', () => {
  it('names the channel reconciliations to run first', async () => {
    const result = await runBoh(['--lang', 'en', 'reconcile', 'bank', '--statement', bank, '--period', '2024-01', '--out', folder], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no channel reconciliation of 2024-01 exists');
    expect(result.stderr).toContain('boh reconcile wechat');
    expect((await boh.reconciliations.list({ channel: 'bank' })).data).toEqual([]);
  });
});
