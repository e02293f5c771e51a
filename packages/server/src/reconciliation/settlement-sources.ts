import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { divRound } from '../math/integer.js';
import { addDays, localDateAt } from '../time/business-date.js';
import type { ChannelSettings } from './settings.js';
import type { BankCredit, SettlementDay } from './settlement-records.js';

/** Kinds of channel statement lines that move the settled net. Transfers are the settlements themselves. */
const SETTLED_KINDS = ['payment', 'refund', 'fee'];

// Lines read per query, by line number ranges of a statement.
const PAGE = 50_000;

/**
 * Add up the net (after fees) of the channel statements per channel and settlement day. A line's
 * settlement day is its local date in the statement's time zone. Nets are kept in thousandths of
 * a fen per day and rounded to fen once, halves away from zero.
 */
export async function loadSettlementDays(
  db: Kysely<Database>,
  statementIds: readonly string[],
  period: string,
  settings: ReadonlyMap<string, ChannelSettings>,
  lagOverride: number | undefined,
): Promise<SettlementDay[]> {
  if (statementIds.length === 0) return [];
  const statements = await db.selectFrom('statements').select(['id', 'channel', 'time_zone']).where('id', 'in', [...statementIds]).execute();
  const totals = new Map<string, { channel: string; date: string; milli: number }>();

  for (const statement of statements) {
    for (let after = 0; ; ) {
      const rows = await db
        .selectFrom('statement_lines')
        .select(['line_number', 'occurred_at', 'business_date', 'kind', sql<number>`net_milli_fen`.as('net')])
        .where('statement_id', '=', statement.id)
        .where('line_number', '>', after)
        .orderBy('line_number')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        if (!SETTLED_KINDS.includes(row.kind)) continue;
        const date = row.occurred_at === null ? row.business_date : localDateAt(Date.parse(row.occurred_at), statement.time_zone);
        if (date === null) continue;
        const key = `${statement.channel}@${date}`;
        const total = totals.get(key) ?? { channel: statement.channel, date, milli: 0 };
        total.milli += Number(row.net);
        totals.set(key, total);
      }
      if (rows.length < PAGE) break;
      after = Number(rows.at(-1)!.line_number);
    }
  }

  return [...totals.entries()].map(([key, total]) => {
    const lag = lagOverride ?? settings.get(total.channel)?.settlementLagDays ?? 1;
    return { key, channel: total.channel, date: total.date, dueDate: addDays(total.date, lag), netFen: divRound(total.milli, 1000), inPeriod: total.date.slice(0, 7) === period };
  });
}

// Words in a bank credit's counterparty, summary or memo that mark a refund, compared in lower case.
const REFUND_WORDS = ['退款', 'refund'];

/**
 * Read the credits (money in) of bank statements and tell whose settlement each is: the first
 * channel with a bank name that the counterparty, summary or memo contains, ignoring case. A
 * credit whose texts name a refund (REFUND_WORDS) is no channel's settlement.
 * Returns the credits and the last date the statements cover.
 */
export async function loadBankCredits(
  db: Kysely<Database>,
  statementIds: readonly string[],
  period: string,
  settings: ReadonlyMap<string, ChannelSettings>,
): Promise<{ credits: BankCredit[]; through: string | null }> {
  const statements = await db.selectFrom('statements').select(['id', 'time_zone']).where('id', 'in', [...statementIds]).execute();
  const names = [...settings.values()].map((channel) => ({ channel: channel.channel, names: channel.bankNames.map((name) => name.toLowerCase()) }));
  const credits: BankCredit[] = [];
  let through: string | null = null;

  for (const statement of statements) {
    const rows = await db
      .selectFrom('statement_lines')
      .select(['line_number', 'occurred_at', 'business_date', 'flow', 'net_milli_fen', 'transaction_id', 'counterparty', 'description', 'memo'])
      .where('statement_id', '=', statement.id)
      .orderBy('line_number')
      .execute();
    for (const row of rows) {
      const atMs = row.occurred_at === null ? null : Date.parse(row.occurred_at);
      const date = row.business_date ?? (atMs === null ? null : localDateAt(atMs, statement.time_zone));
      if (date === null) continue;
      if (through === null || date > through) through = date;
      if (row.flow !== 'in' || Number(row.net_milli_fen) <= 0) continue;

      const text = [row.counterparty, row.description, row.memo].filter((part) => part !== null).join(' ').toLowerCase();
      // A refund credited by a channel (网上快捷退款) returns a payment made from this account.
      const refund = REFUND_WORDS.some((word) => text.includes(word));
      const channel = refund ? null : (names.find((candidate) => candidate.names.some((name) => text.includes(name)))?.channel ?? null);
      credits.push({
        key: `${statement.id}:${row.line_number}`,
        channel,
        refund,
        date,
        atMs,
        amountFen: divRound(Number(row.net_milli_fen), 1000),
        transactionId: row.transaction_id,
        inPeriod: date.slice(0, 7) === period,
      });
    }
  }
  return { credits, through };
}
