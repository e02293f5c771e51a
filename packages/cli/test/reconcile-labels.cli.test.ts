// Chinese output of the reconciliation commands shows channels and match rules by their labels.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-reconcile-labels-'));

// A WeChat Pay merchant bill with one payment of 58.00 and a fee of 0.35, settled as 57.65.
const WECHAT_HEADER = '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';
const WECHAT_ROW = '`2024-01-05 12:30:11,`wx0000000000000001,`1900000001,`0,`POS01,`4200000000202401050000000001,`M20240105000001,`oUser0000000001,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`58.00,`0.00,`0,`0,`0.00,`0.00,`,`,`午市套餐,`,`0.35000,`0.60%';

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  writeFileSync(join(folder, 'wechat-2024-01.csv'), [WECHAT_HEADER, WECHAT_ROW].join('\n'));
  writeFileSync(
    join(folder, 'cmb-2024-01.csv'),
    '\ufeff记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\r\n2024-01-06,人民币,57.65,57.65,入账,财付通支付科技有限公司,结算\r\n',
  );
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('reconcile-settings labels', () => {
  it('shows channels by label and code', async () => {
    const result = await runBoh(['reconcile-settings', '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('微信支付 (wechat)');
    expect(result.stdout).toContain('支付宝 (alipay)');
    expect(result.stdout).not.toMatch(/^\s*(wechat|alipay|unionpay|meituan|jd)\b/m);
  });
});

describe('bank workbook labels', () => {
  it('shows rule and channel labels in Chinese', async () => {
    const args = ['reconcile', 'bank', '--statement', join(folder, 'cmb-2024-01.csv'), '--channel-statement', join(folder, 'wechat-2024-01.csv'), '--period', '2024-01', '--out', folder, '--lang', 'zh-CN'];
    const result = await runBoh(args, { env });
    expect(result.code, result.stderr).toBe(0);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, 'reconciliation-bank-2024-01.xlsx'));
    const sheet = book.getWorksheet('已匹配')!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const row = sheet.getRow(2).values as unknown[];
    const cell = (header: string) => row[headers.indexOf(header)];

    expect(cell('匹配规则')).toBe('按结算日');
    expect(cell('渠道')).toBe('微信支付');
    expect(cell('结算日')).toBe('微信支付@2024-01-05');

    const summary = book.getWorksheet('汇总') ?? book.worksheets[0]!;
    const channelRow = (summary.getSheetValues() as unknown[][]).find((values) => values?.[1] === '渠道');
    expect(channelRow?.[2]).toBe('银行');
  });
});
