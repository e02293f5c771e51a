import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { BOH_BIN, type CliResult } from '../../../test-support/cli.js';

// Tests of a Ctrl-C in `boh statement load` and `boh reconcile` share a WeChat Pay merchant bill
// of 12,000 payments, so the SDK sends it in three batches of 5,000.
// SIGINT goes out when the first batch is confirmed. On a slow machine the second may be
// confirmed too before the signal lands, so the checks accept either count.
export const HEADER = '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';
export const LINES = 12_000;

export function payment(index: number): string {
  const id = String(index).padStart(10, '0');
  const second = String(index % 60).padStart(2, '0');
  return `\`2024-01-05 12:30:${second},\`wx0000000000000001,\`1900000001,\`0,\`POS01,\`420000000020240105${id},\`M2024010500${id},\`oUser0000000001,\`MICROPAY,\`SUCCESS,\`OTHERS,\`CNY,\`10.00,\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`拿铁,\`,\`0.06000,\`0.60%`;
}

/** Run `boh` and send it SIGINT once its stderr contains `trigger`, or once `trigger` resolves. */
export function runUntil(args: string[], env: Record<string, string>, trigger: string | Promise<unknown>): Promise<CliResult> {
  const child = spawn(process.execPath, [BOH_BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!sent && typeof trigger === 'string' && stderr.includes(trigger)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  if (typeof trigger !== 'string') {
    void trigger.then(() => {
      sent = true;
      child.kill('SIGINT');
    });
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGINT' ? -2 : -9), stdout, stderr });
    });
  });
}

/** Write a WeChat Pay bill of LINES payments to `path`. */
export function writeBill(path: string): void {
  const rows = Array.from({ length: LINES }, (_, index) => payment(index + 1));
  writeFileSync(path, [HEADER, ...rows].join('\n'));
}
