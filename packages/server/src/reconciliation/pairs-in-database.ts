import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { addDays, fixedOffsetMinutes } from '../time/business-date.js';
import { countRate, emptyRateCounts, type RateCounts } from './fee-check.js';

/** The temporary table of the pairs found. The loaders leave its records out. */
export const PAIRS_TABLE = 'reconcile_pairs';

const PAIR_COLUMNS = [
  'transaction_id text, store_code text, order_number text, sequence integer, amount_fen bigint, pos_order_number text',
  'ordered_at text, period text, business_date text, statement_id text, line_number integer, occurred_at text',
  'gross_fen bigint, fee_milli_fen bigint, line_order_number text, pos_day text, line_day text',
].join(', ');

/** Days either side of the POS scope whose instants SQL may turn into local dates. */
const MARGIN_DAYS = 3;

export interface PairScope {
  readonly period: string;
  readonly statementIds: readonly string[];
  readonly methods: readonly string[];
  readonly storeCode: string | null;
  /** First and last business date of the POS records the engine reads. */
  readonly firstDate: string;
  readonly lastDate: string;
  /** Every time zone the run reads local dates in: the stores', the statement's, the default. */
  readonly zones: readonly string[];
}

export interface Pairs {
  /** The fee rates of the paired lines, which count towards the run's usual rate. */
  readonly rates: RateCounts;
  /** Write the items of the pairs numbered after `lastId`, and return the highest id given. */
  writeItems(reconciliationId: string, lastId: number, options: { toleranceFen: number; feeRatePpm: number | undefined }): Promise<number>;
  drop(): Promise<void>;
}

/**
 * Pair POS payments with statement payment lines on their transaction id inside the database,
 * where that id names exactly one payment on each side. The engine's first exact rule settles
 * such a pair on its own, whatever the other records are, so the items written here are the
 * ones the engine gives, and the loaders leave the paired records out of the engine. In a
 * month of a busy chain nearly every payment is such a pair. Reading them into Node.js, matching
 * them there and inserting their items took most of a run.
 *
 * SQL computes the local dates with one fixed offset, so the pass runs only when every zone of
 * the run has the same offset all through the period (no daylight saving change: a chain in
 * China). It runs only when the reconciliation keeps no items from an earlier run. Returns null
 * when it does not run. `BOH_RECONCILE_PAIRS_IN_DATABASE=0` turns it off.
 */
export async function pairInDatabase(db: Kysely<Database>, dialect: DialectName, scope: PairScope): Promise<Pairs | null> {
  if (process.env.BOH_RECONCILE_PAIRS_IN_DATABASE === '0') return null;
  const fromMs = Date.parse(`${addDays(scope.firstDate, -MARGIN_DAYS)}T00:00:00Z`);
  const toMs = Date.parse(`${addDays(scope.lastDate, MARGIN_DAYS)}T00:00:00Z`);
  const offsets = new Set(scope.zones.map((zone) => fixedOffsetMinutes(zone, fromMs, toMs)));
  const offset = offsets.size === 1 ? [...offsets][0] : null;
  if (offset === null || offset === undefined) return null;

  const postgres = dialect === 'postgres';
  const table = sql.raw(PAIRS_TABLE);
  // Qualified, so that a drop never reaches a permanent table of the same name.
  const temporary = sql.raw(`${postgres ? 'pg_temp' : 'temp'}.${PAIRS_TABLE}`);
  const bounds = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  // A statement's lines arrive just before the run, often after a bulk import of the month's
  // orders, when autovacuum has not yet counted the new rows. Planned on such statistics, the
  // joins probe an index once per row instead of hashing: seconds more for a million rows.
  if (postgres) await sql`analyze statement_lines, orders, order_payments`.execute(db);
  await sql`drop table if exists ${temporary}`.execute(db);
  await sql`create temporary table ${table} (${sql.raw(PAIR_COLUMNS)}) ${sql.raw(postgres ? 'on commit drop' : '')}`.execute(db);
  await sql`insert into ${table} ${pairsQuery(scope, bounds, offset, postgres)}`.execute(db);
  await sql`create index ${sql.raw(`${PAIRS_TABLE}_transaction`)} on ${table} (transaction_id)`.execute(db);
  if (postgres) await sql`analyze ${table}`.execute(db);

  // Count the rates per distinct amount and fee, which are few, as the engine counts its lines.
  const rates = emptyRateCounts();
  const rateRows = await sql<{ gross_fen: number; fee_milli_fen: number; times: number }>`
    select gross_fen, fee_milli_fen, count(*) as times from ${table} group by gross_fen, fee_milli_fen`.execute(db);
  for (const row of rateRows.rows) countRate(rates, Number(row.gross_fen), Number(row.fee_milli_fen), Number(row.times));

  return {
    rates,
    writeItems: async (reconciliationId, lastId, options) => {
      const inserted = await insertItems(reconciliationId, lastId, scope.period, options, postgres).execute(db);
      return lastId + Number(inserted.numAffectedRows ?? 0n);
    },
    drop: async () => {
      await sql`drop table if exists ${temporary}`.execute(db);
    },
  };
}

/**
 * Select the pairs: payments of the POS scope and payment lines of the statements whose
 * transaction id is on one record each side. The table keeps instants as text in the form the
 * engine writes, `YYYY-MM-DDTHH:MM:SS.sssZ`. SQLite stores them as text with or without the
 * milliseconds. A pair with an instant in another form, or outside the bounds, is left to the
 * engine, because the engine reads any ISO form.
 */
function pairsQuery(scope: PairScope, bounds: { from: string; to: string }, offsetMinutes: number, postgres: boolean): RawBuilder<unknown> {
  const storeFilter = scope.storeCode === null ? sql`` : sql`and o.store_code = ${scope.storeCode}`;
  const canonical = (column: string) => {
    const c = sql.ref(column);
    if (postgres) return sql`(${c} >= cast(${bounds.from} as timestamptz) and ${c} < cast(${bounds.to} as timestamptz))`;
    return sql`((length(${c}) = 24 and substr(${c}, 24, 1) = 'Z' or length(${c}) = 20 and substr(${c}, 20, 1) = 'Z')
      and substr(${c}, 11, 1) = 'T' and ${c} >= ${bounds.from} and ${c} < ${bounds.to})`;
  };
  const instantText = (column: string) => {
    const c = sql.ref(column);
    if (postgres) return sql`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    return sql`case when length(${c}) = 20 then substr(${c}, 1, 19) || '.000Z' else ${c} end`;
  };
  // A transaction id on one payment each side gives one row of the join, so its count over the
  // id is 1. Two payments or two lines with the id give two rows or more.
  return sql`
    select transaction_id, store_code, order_number, sequence, amount_fen, pos_order_number, ordered_at, period, business_date,
      statement_id, line_number, occurred_at, gross_fen, fee_milli_fen, line_order_number, pos_day, line_day
    from (
      select l.transaction_id, p.store_code, p.order_number, p.sequence, p.amount_fen, p.merchant_order_number as pos_order_number,
        ${instantText('o.ordered_at')} as ordered_at, o.period, cast(o.business_date as text) as business_date, l.statement_id, l.line_number,
        ${instantText('l.occurred_at')} as occurred_at, l.gross_fen, l.fee_milli_fen, l.merchant_order_number as line_order_number,
        ${localDate('o.ordered_at', offsetMinutes, postgres)} as pos_day,
        case when l.occurred_at is null then coalesce(l.business_date, '') else ${localDate('l.occurred_at', offsetMinutes, postgres)} end as line_day,
        ${canonical('o.ordered_at')} and (l.occurred_at is null or ${canonical('l.occurred_at')}) as canonical,
        count(*) over (partition by l.transaction_id) as pairs
      from statement_lines l
        inner join order_payments p on p.transaction_id = l.transaction_id
        inner join orders o on o.store_code = p.store_code and o.order_number = p.order_number
      where l.statement_id in (${sql.join([...scope.statementIds])}) and l.kind = 'payment' and l.flow = 'in'
        and l.transaction_id is not null and l.transaction_id <> ''
        and o.business_date >= ${scope.firstDate} and o.business_date <= ${scope.lastDate}
        and p.method in (${sql.join([...scope.methods])}) ${storeFilter}
    ) joined
    where pairs = 1 and canonical`;
}

/**
 * Insert the item of each pair as the engine builds it (see pairedItem, markCrossDay,
 * flagFeeDifferences and itemRow). The difference makes it matched, written off or an amount
 * mismatch. A match across local days becomes a timing difference, and a fee off the usual rate
 * an amount mismatch. Pairs with neither record in the period are left out. Items are numbered
 * by POS time.
 */
function insertItems(
  reconciliationId: string,
  lastId: number,
  period: string,
  options: { toleranceFen: number; feeRatePpm: number | undefined },
  postgres: boolean,
): RawBuilder<unknown> {
  const byText = postgres ? sql.raw(' collate "C"') : sql``;
  // PostgreSQL would inline each level's expressions into the next and compute them once per
  // use. OFFSET 0 makes it compute each level once.
  const once = postgres ? sql.raw('offset 0') : sql``;
  const rate = options.feeRatePpm ?? 0;
  const expected = floorDiv(sql`cast(gross_fen as bigint) * ${sql.lit(rate)} + 500`);
  const feeOff = rate === 0 ? sql`0 = 1` : sql`(day_state in ('matched', 'timing_difference') and abs(fee_milli_fen - ${expected}) > 1000)`;

  return sql`
    insert into reconciliation_items (reconciliation_id, item_id, state, reason, rule, score, amount_fen, difference_fen,
      fee_milli_fen, business_date, store_code, pos_refs, pos_amount_fen, pos_at, line_refs, line_amount_fen, line_at,
      transaction_id, merchant_order_number, candidates)
    select ${reconciliationId}, ${sql.lit(lastId)} + row_number() over (order by ordered_at${byText}, pos_ref${byText}),
      state, reason, 'transaction_id', 100,
      case when state in ('matched', 'timing_difference') then amount_fen else difference end,
      difference, fee_milli_fen, business_date, store_code, pos_ref, amount_fen, ordered_at, line_ref, gross_fen, occurred_at,
      transaction_id, coalesce(line_order_number, pos_order_number), null
    from (
      select f.*,
        case when fee_off then 'amount_mismatch' else day_state end as state,
        case when fee_off then 'fee_differs' when day_state = 'matched' then 'same_amount' when day_state = 'timing_difference' then 'crosses_day'
          when day_state = 'written_off' then 'within_tolerance' else 'amount_differs' end as reason,
        case when fee_off then ${floorDiv(sql`${expected} - fee_milli_fen + 500`)} else gross_fen - amount_fen end as difference
      from (
        select d.*, ${feeOff} as fee_off
        from (
          select b.*,
            case when base_state = 'matched' and pos_day <> line_day then 'timing_difference' else base_state end as day_state
          from (
            select r.*,
              r.store_code || '/' || r.order_number || '/' || cast(r.sequence as text) as pos_ref,
              r.statement_id || ':' || cast(r.line_number as text) as line_ref,
              case when gross_fen = amount_fen then 'matched' when abs(gross_fen - amount_fen) <= ${sql.lit(options.toleranceFen)} then 'written_off'
                else 'amount_mismatch' end as base_state
            from ${sql.raw(PAIRS_TABLE)} r ${once}
          ) b ${once}
        ) d ${once}
      ) f
      where period = ${period} or substr(line_day, 1, 7) = ${period}
    ) items`;
}

/** Compute the local date of an instant column (timestamptz, or text on SQLite) at a fixed offset. */
function localDate(column: string, offsetMinutes: number, postgres: boolean): RawBuilder<unknown> {
  if (postgres) return sql`to_char((${sql.ref(column)} at time zone 'UTC') + interval '${sql.raw(String(offsetMinutes))} minutes', 'YYYY-MM-DD')`;
  return sql`date(${sql.ref(column)}, '${sql.raw(`${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes}`)} minutes')`;
}

/** Divide by 1,000 rounding towards minus infinity, as Math.floor does. */
function floorDiv(value: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`((${value}) - (((${value}) % 1000) + 1000) % 1000) / 1000`;
}
