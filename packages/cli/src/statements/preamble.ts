// Facts that statements state about themselves in the lines above the header (and Alipay also
// in `#` lines below the rows): account, period, time zone, record count and totals per flow.

import type { SourceRow } from '../files/types.js';
import { isoDate } from './datetime.js';
import { parseFen } from './money.js';
import type { StatementPeriod } from './types.js';
import { cellText, normalizeHeader } from './text.js';

/** The flow labels bills use in their totals: 收入, 支出, and two names for neutral. */
export type FlowLabel = '收入' | '支出' | '中性交易' | '不计收支';

export interface StatedFlowTotal {
  readonly label: FlowLabel;
  readonly count: number;
  readonly fen: number;
  readonly line: number;
}

export interface StatedFacts {
  accountId?: string;
  accountName?: string;
  period?: StatementPeriod;
  /** A fixed offset such as `+08:00` when the file states the zone of its times. */
  timeZone?: string;
  count?: { readonly value: number; readonly line: number };
  readonly flows: StatedFlowTotal[];
}

const ACCOUNT_ID_KEYS = ['商户号', '账号', '卡号', '支付宝账户', '账户', '账户号'].map(normalizeHeader);
const ACCOUNT_NAME_KEYS = ['微信昵称', '姓名', '京东账号名', '美团用户名', '户名', '卡别名'].map(normalizeHeader);

const COUNT = /共[:：]?\s*(\d+)\s*笔记录/u;
const FLOW_TOTAL = /^#?(收入|支出|中性交易|不计收支)[:：]\s*(\d+)\s*笔(?:[(（][^)）]*[)）])?[，,\s]*(?:共)?\s*([\d,]+(?:\.\d+)?)\s*元/u;
const DATE = /(?<!\d)(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2})(?!\d))(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/gu;
const PERIOD_KEY = /起始|终止|日期区间|日期范围|账单周期/u;
const MONTH_TITLE = /(\d{4})年(\d{1,2})月(?!\d{1,2}日)/u;
const ZONE = /UTC\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/u;

/** Reads the facts out of non-data rows; later rows never overwrite a fact already found. */
export function readStatedFacts(rows: readonly SourceRow[], facts: StatedFacts = { flows: [] }): StatedFacts {
  for (const row of rows) {
    const texts = row.cells.map((cell) => cellText(cell)).filter((text) => text !== '');
    if (texts.length === 0) continue;
    const joined = texts.join(' ');

    readPairs(texts, facts);
    readPeriod(joined, facts);
    const zone = ZONE.exec(joined);
    if (zone !== null && facts.timeZone === undefined) {
      facts.timeZone = `${zone[1]}${zone[2]?.padStart(2, '0')}:${zone[3] ?? '00'}`;
    }
    const count = COUNT.exec(joined);
    if (count?.[1] !== undefined && facts.count === undefined) facts.count = { value: Number(count[1]), line: row.line };
    const flow = FLOW_TOTAL.exec(texts[0] ?? '');
    if (flow?.[1] !== undefined && flow[3] !== undefined) {
      const amount = parseFen(flow[3]);
      if (amount.ok) {
        facts.flows.push({ label: flow[1] as FlowLabel, count: Number(flow[2]), fen: amount.value, line: row.line });
      }
    }
  }
  return facts;
}

/** Key/value pairs: `卡号: 123` in one cell, or `账　　号：` and the value in the next cell. */
function readPairs(texts: readonly string[], facts: StatedFacts): void {
  texts.forEach((text, index) => {
    const colon = /[:：]/u.exec(text);
    const key = normalizeHeader(colon === null ? text : text.slice(0, colon.index)).replace(/^#+/u, '');
    let value = colon === null ? '' : text.slice(colon.index + 1).trim();
    if (value === '') value = texts[index + 1] ?? '';
    value = value.replace(/^\[(.*)\]$/u, '$1').trim();
    if (value === '' || /[:：]$/u.test(value)) return;
    if (ACCOUNT_ID_KEYS.includes(key) && facts.accountId === undefined) facts.accountId = value;
    if (ACCOUNT_NAME_KEYS.includes(key) && facts.accountName === undefined) facts.accountName = value;
  });
}

function readPeriod(text: string, facts: StatedFacts): void {
  if (facts.period !== undefined) return;
  const key = PERIOD_KEY.exec(text);
  if (key !== null) {
    // Only dates after the key count: the same row may hold an account number (`账号 6200…`).
    const dates = [...text.slice(key.index).matchAll(DATE)].map(toDate).filter((date) => date !== null);
    const [start, end] = dates;
    if (start !== undefined && end !== undefined && start.date <= end.date) {
      // `终止日期：[2019年05月10日 00:00:00]` ends the period at midnight: the last day is the 9th.
      const last = end.midnight && end.date > start.date ? previousDay(end.date) : end.date;
      facts.period = { start: start.date, end: last };
    }
    return;
  }
  if (/导出|申请|生成|下载时间/u.test(text)) return;
  const month = MONTH_TITLE.exec(text);
  if (month?.[1] !== undefined && month[2] !== undefined) {
    const year = Number(month[1]);
    const monthNumber = Number(month[2]);
    if (monthNumber < 1 || monthNumber > 12) return;
    const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    facts.period = { start: isoDate(year, monthNumber, 1), end: isoDate(year, monthNumber, lastDay) };
  }
}

function toDate(match: RegExpMatchArray): { date: string; midnight: boolean } | null {
  const year = Number(match[1]);
  const month = Number(match[2] ?? match[4]);
  const day = Number(match[3] ?? match[5]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const midnight = match[6] !== undefined && Number(match[6]) === 0 && Number(match[7]) === 0 && Number(match[8] ?? 0) === 0;
  return { date: isoDate(year, month, day), midnight };
}

function previousDay(date: string): string {
  const epoch = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 86_400_000;
  return new Date(epoch).toISOString().slice(0, 10);
}
