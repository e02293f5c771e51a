import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateChain } from '../../src/demo/chain.js';
import { generateOrders, type DemoOrder } from '../../src/demo/orders.js';
import { generateStatements, type DemoStatements } from '../../src/demo/statements.js';
import { loadProfiles } from '../../src/statements/profiles.js';
import { parseStatementFile } from '../../src/statements/parse-file.js';
import type { ParsedStatement } from '../../src/statements/index.js';

const PERIOD = '2026-11';
const folder = mkdtempSync(join(tmpdir(), 'boh-demo-'));
let orders: DemoOrder[];
let statements: DemoStatements;
let wechat: ParsedStatement;
let alipay: ParsedStatement;

beforeAll(async () => {
  const chain = generateChain(7, 8);
  orders = generateOrders(chain, PERIOD, 7);
  statements = generateStatements(orders, PERIOD, 7);
  writeFileSync(join(folder, 'wechat.csv'), statements.wechat);
  writeFileSync(join(folder, 'alipay.csv'), statements.alipay);
  const profiles = await loadProfiles();
  wechat = await parseStatementFile(join(folder, 'wechat.csv'), { profiles });
  alipay = await parseStatementFile(join(folder, 'alipay.csv'), { profiles });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const payments = (method: string) => orders.flatMap((o) => o.payments.filter((p) => p.method === method));

describe('the demo generator', () => {
  it('is deterministic for a seed and differs for another', () => {
    const again = generateStatements(generateOrders(generateChain(7, 8), PERIOD, 7), PERIOD, 7);
    expect(again.wechat.equals(statements.wechat)).toBe(true);
    expect(again.alipay.equals(statements.alipay)).toBe(true);
    const other = generateStatements(generateOrders(generateChain(8, 8), PERIOD, 8), PERIOD, 8);
    expect(other.wechat.equals(statements.wechat)).toBe(false);
  });

  it('makes busier weekends for mall stores and a daily rhythm of hours', () => {
    const byHour = new Map<number, number>();
    for (const order of orders) {
      const hour = (new Date(order.orderedAt).getUTCHours() + 8) % 24;
      byHour.set(hour, (byHour.get(hour) ?? 0) + 1);
    }
    expect(byHour.get(8)!).toBeGreaterThan(byHour.get(15)!);
    expect(byHour.get(12)!).toBeGreaterThan(byHour.get(20)!);
  });

  it('writes bills that the statement parsers read in their real layouts', () => {
    expect(wechat.layout).toBe('wechat-merchant-trade');
    expect(alipay.layout).toBe('alipay-merchant-trade');
    expect(wechat.quarantine).toEqual([]);
    expect(alipay.quarantine).toEqual([]);
    expect(wechat.summary.every((check) => check.matches)).toBe(true);
    expect(alipay.summary.every((check) => check.matches)).toBe(true);
  });

  it('lists every channel payment of the month except the planted ones', () => {
    const planted = new Map(statements.planted.map((p) => [p.transactionId, p.kind]));
    for (const [method, parsed] of [['wechat', wechat], ['alipay', alipay]] as const) {
      const listed = new Map<string, number>();
      for (const line of parsed.lines) listed.set(line.channelTransactionId!, (listed.get(line.channelTransactionId!) ?? 0) + 1);
      for (const payment of payments(method)) {
        const kind = planted.get(payment.transactionId!);
        const want = kind === 'missing_in_statement' || kind === 'cut_off' ? 0 : kind === 'duplicate' ? 2 : 1;
        expect(listed.get(payment.transactionId!) ?? 0, `${payment.transactionId} (${kind ?? 'ordinary'})`).toBe(want);
      }
    }
  });

  it('plants one of each difference besides the cut-off cases, with the fee ten times the rate', () => {
    const kinds = statements.planted.map((p) => p.kind);
    expect(kinds.filter((k) => k !== 'cut_off').sort()).toEqual(['duplicate', 'fee_difference', 'missing_in_statement']);
    expect(kinds.filter((k) => k === 'cut_off').length).toBeGreaterThanOrEqual(1);
    const fee = statements.planted.find((p) => p.kind === 'fee_difference')!;
    const line = alipay.lines.find((l) => l.channelTransactionId === fee.transactionId)!;
    expect(line.feeMilliFen).toBe(Math.round((fee.amountFen * 60) / 1000) * 1000);
    const atMidnight = statements.planted.filter((p) => p.kind === 'cut_off').map((p) => orders.find((o) => o.orderNumber === p.orderNumber)!.orderedAt);
    expect(atMidnight).toContain('2026-11-30T15:59:58.000Z');
    for (const at of atMidnight) expect(at >= '2026-11-30T15:59:58.000Z' && at < '2026-11-30T18:00:00.000Z', at).toBe(true);
  });
});
