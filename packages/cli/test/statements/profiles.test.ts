import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/files/types.js';
import { StatementParseError } from '../../src/statements/errors.js';
import { parseStatement } from '../../src/statements/parse-statement.js';
import type { StatementProfile } from '../../src/statements/profile.js';
import { defaultProfilesDirectory, loadProfiles, parseProfile } from '../../src/statements/profiles.js';
import { csvRows, lineAt, rowsOf } from './helpers.js';

const base = {
  id: 'test-bank',
  channel: 'bank',
  detect: { signature: ['date', 'amount', 'description'] },
  columns: { date: ['日期'], amount: ['金额'], description: ['摘要'] },
  dateFormats: ['YYYY-MM-DD'],
  direction: { from: 'signed-amount', positive: 'in' },
};

function profile(overrides: Record<string, unknown>): StatementProfile {
  return parseProfile({ ...base, ...overrides }, 'test.json');
}

describe('profile validation', () => {
  const invalid: { name: string; json: Record<string, unknown>; path: string }[] = [
    { name: 'an unknown field', json: { ...base, columns: { ...base.columns, colour: ['颜色'] } }, path: 'columns' },
    { name: 'a bad regular expression', json: { ...base, skipRows: ['(unclosed'] }, path: 'skipRows.0' },
    { name: 'a missing amount column', json: { ...base, columns: { date: ['日期'], description: ['摘要'], type: ['类型'] }, detect: { signature: ['date', 'description', 'type'] } }, path: 'columns.amount' },
    { name: 'a flag direction without a flag column', json: { ...base, direction: { from: 'flag-column', in: ['贷'], out: ['借'] } }, path: 'columns.flag' },
    { name: 'an unknown channel', json: { ...base, channel: 'paypal' }, path: 'channel' },
    { name: 'a signature field without a column', json: { ...base, detect: { signature: ['date', 'amount', 'balance'] } }, path: 'detect.signature' },
  ];
  it.each(invalid)('rejects $name', ({ json, path }) => {
    try {
      parseProfile(json, 'bad.json');
      expect.unreachable('the profile should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(StatementParseError);
      expect((error as StatementParseError).code).toBe('profile-invalid');
      expect((error as StatementParseError).params).toMatchObject({ file: 'bad.json', path: { messageKey: 'statement.profile.field', params: { path } } });
    }
  });
});

describe('templates/statements', () => {
  it('loads every profile with a unique id', async () => {
    const profiles = await loadProfiles(defaultProfilesDirectory());
    const ids = profiles.map((item) => item.id);
    expect(ids.length).toBeGreaterThanOrEqual(13);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('detects each profile from a header of its own column names', async () => {
    const profiles = await loadProfiles();
    for (const item of profiles) {
      const names = Object.values(item.columns).map((aliases) => aliases[0] ?? '');
      const statement = await parseStatement([{ line: 1, cells: names }], { profiles });
      expect(statement.layout, `header of ${item.id}`).toBe(item.id);
    }
  });
});

describe('generic profile parser', () => {
  it('reads a debit/credit flag column', async () => {
    const flagged = profile({
      columns: { ...base.columns, flag: ['借贷'] },
      direction: { from: 'flag-column', in: ['贷', 'Cr'], out: ['借', 'Dr'] },
    });
    const statement = await parseStatement(
      csvRows('日期,金额,摘要,借贷\n2024-01-02,3.21,还款,借 Dr\n2024-01-03,1.23,利息,贷 Cr\n2024-01-04,1.00,x,平'),
      { profiles: [flagged] },
    );
    expect(statement.lines.map((line) => [line.flow, line.netMilliFen])).toEqual([
      ['out', -321_000],
      ['in', 123_000],
    ]);
    expect(statement.quarantine.map((row) => row.code)).toEqual(['unknown-flow-label']);
  });

  it('reads in and out columns and rejects a row with both', async () => {
    const split = profile({
      columns: { date: ['日期'], amountIn: ['收入'], amountOut: ['支出'], description: ['摘要'] },
      detect: { signature: ['date', 'amountIn', 'amountOut'] },
      direction: { from: 'in-out-columns' },
    });
    const statement = await parseStatement(
      csvRows('日期,收入,支出,摘要\n2024-01-02,0,67,消费\n2024-01-02,10.00,,转入\n2024-01-03,1.00,2.00,错\n2024-01-04,,,空'),
      { profiles: [split] },
    );
    expect(statement.lines.map((line) => [line.flow, line.grossFen])).toEqual([
      ['out', 6700],
      ['in', 1000],
    ]);
    expect(statement.quarantine.map((row) => [row.line, row.code])).toEqual([
      [4, 'amount-ambiguous'],
      [5, 'amount-missing'],
    ]);
  });

  it('checks a totals row and skips a note row', async () => {
    const totals = profile({
      columns: { date: ['日期'], amountIn: ['收入'], amountOut: ['支出'], description: ['摘要'] },
      detect: { signature: ['date', 'amountIn', 'amountOut'] },
      direction: { from: 'in-out-columns' },
      summaryRows: ['^人民币合计$'],
      skipRows: ['^以上数据仅供参考'],
    });
    const statement = await parseStatement(
      csvRows('日期,收入,支出,摘要\n2024-01-02,,67.00,消费\n2024-01-03,10.00,,转入\n人民币合计,10.00,"60.00",\n以上数据仅供参考,,,'.replace('"60.00"', '60.00')),
      { profiles: [totals] },
    );
    expect(statement.summary.map((check) => [check.item, check.stated, check.computed, check.matches])).toEqual([
      ['in.amount', 1000, 1000, true],
      ['out.amount', 6000, 6700, false],
    ]);
    expect(statement.footer.map((row) => row.line)).toEqual([4, 5]);
    expect(statement.counts.processed).toBe(2);
  });

  it('needs a period for dates without a year', async () => {
    const monthDay = profile({ dateFormats: ['MM/DD'] });
    const rows = csvRows('日期,金额,摘要\n12/29,-1.23,还款\n01/03,56.78,消费');
    const without = await parseStatement(rows, { profiles: [monthDay] });
    expect(without.quarantine.map((row) => row.code)).toEqual(['date-without-year', 'date-without-year']);

    const withPeriod = await parseStatement(rows, { profiles: [monthDay], period: { start: '2024-01-01', end: '2024-01-31' } });
    expect(withPeriod.lines.map((line) => line.businessDate)).toEqual(['2023-12-29', '2024-01-03']);
  });

  it('reads the period from a title line', async () => {
    const monthDay = profile({ dateFormats: ['MM/DD'] });
    const rows: SourceRow[] = [{ line: 1, cells: ['某银行信用卡对账单（2025年01月）'] }, ...csvRows('日期,金额,摘要\n12/31,1.00,x', 2)];
    const statement = await parseStatement(rows, { profiles: [monthDay] });
    expect(lineAt(statement, 3).businessDate).toBe('2024-12-31');
  });

  it('flags a foreign currency and warns once about masked balances', async () => {
    const withBalance = profile({ columns: { ...base.columns, currency: ['币种'], balance: ['余额'] } });
    const statement = await parseStatement(
      csvRows('日期,金额,摘要,币种,余额\n2024-01-02,-1.00,a,CNY,"xx"\n2024-01-03,-2.00,b,USD,1.00\n2024-01-04,-3.00,c,人民币,xx'.replaceAll('"', '')),
      { profiles: [withBalance] },
    );
    expect(statement.quarantine.map((row) => [row.line, row.code, row.params['currency']])).toEqual([[3, 'foreign-currency', 'USD']]);
    expect(statement.warnings.map((warning) => [warning.code, warning.params['count']])).toEqual([['balance-unreadable', 2]]);
    expect(statement.lines.map((line) => line.balanceFen)).toEqual([undefined, undefined]);
  });

  it('classifies kinds by rules and nets a fee line', async () => {
    const kinds = profile({ kinds: [{ pattern: '退款', kind: 'refund' }, { pattern: '手续费', kind: 'fee' }] });
    const statement = await parseStatement(csvRows('日期,金额,摘要\n2024-01-02,5.00,退款\n2024-01-03,-0.50,手续费\n2024-01-04,-9.00,消费'), {
      profiles: [kinds],
    });
    expect(statement.lines.map((line) => [line.kind, line.flow, line.refundFen, line.feeMilliFen, line.netMilliFen])).toEqual([
      ['refund', 'in', 500, 0, 500_000],
      ['fee', 'out', 0, 50_000, -50_000],
      ['transfer', 'out', 0, 0, -900_000],
    ]);
  });

  it('uses the posting date when the transaction date is empty', async () => {
    const fallback = profile({ columns: { ...base.columns, postingDate: ['记账日'] }, dateFallsBackToPostingDate: true });
    const statement = await parseStatement(csvRows('日期,记账日,金额,摘要\n,2024-01-05,1.00,x'), { profiles: [fallback] });
    expect(lineAt(statement, 2)).toMatchObject({ businessDate: '2024-01-05', postingDate: '2024-01-05', occurredAt: null });
  });
});

describe('detection and options', () => {
  const rows = rowsOf([['not', 'a', 'statement'], ['1', '2', '3']]);

  it('raises when no layout matches', async () => {
    await expect(parseStatement(rows)).rejects.toMatchObject({ code: 'layout-not-detected' });
  });

  it('raises for an unknown layout id', async () => {
    await expect(parseStatement(rows, { layout: 'bank-nowhere' })).rejects.toMatchObject({ code: 'layout-unknown' });
  });

  it('raises when the named layout has no header', async () => {
    await expect(parseStatement(rows, { layout: 'wechat-personal' })).rejects.toMatchObject({ code: 'header-not-found' });
  });

  it('raises for an invalid time zone', async () => {
    const bill = csvRows('交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注');
    await expect(parseStatement(bill, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'time-zone-invalid' });
  });

  it('limits detection to the channel asked for', async () => {
    const bill = csvRows('交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注');
    await expect(parseStatement(bill, { channel: 'alipay' })).rejects.toBeInstanceOf(StatementParseError);
    expect((await parseStatement(bill, { channel: 'wechat' })).layout).toBe('wechat-personal');
  });

  it('reads wall-clock times in a zone given as an option', async () => {
    const bill = csvRows(
      '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n2024-07-01 12:00:00,商户消费,x,x,支出,1.00,x,x,T,M,/',
    );
    const statement = await parseStatement(bill, { timeZone: 'America/Los_Angeles' });
    expect(lineAt(statement, 2).occurredAt).toBe('2024-07-01T19:00:00Z');
  });
});
