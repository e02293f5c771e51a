import { bulkInsert } from '../db/bulk-insert.js';
import { ApiError, validationError } from '../http/api-error.js';
import type { HandlerContext } from '../http/handler.js';
import { reconciliationToApi } from './reconciliation-record.js';
import { checkStatements, upsertScope } from './run.js';
import { loadChannelSettings, type ChannelSettings } from './settings.js';
import { settlementRow } from './settlement-rows.js';
import { matchSettlements } from './settlement-match.js';
import { loadBankCredits, loadSettlementDays } from './settlement-sources.js';
import { DEFAULT_STATEMENT_TIME_ZONE } from './statement-create.js';
import { summarise } from './summary.js';
import { keepSettledItems, numberItems } from './settled-items.js';
import { postWriteOffs } from './write-off.js';

/**
 * Run the bank settlement reconciliation of a period (channel `bank`): the credits of the bank
 * statements against the net each payment channel settles per settlement day. Like a channel
 * run, a re-run keeps matched, written-off and resolved items and matches the rest again, but
 * when the channel statements, lags or tolerances differ from the last run only resolved items
 * are kept.
 */
export async function runSettlementReconciliation(c: HandlerContext<'runReconciliation'>) {
  const body = c.body;
  if (body.store_code != null) throw validationError([{ field: 'body.store_code', code: 'settlement_store_scope', value: body.store_code }]);
  await checkStatements(c, body.statement_ids, 'bank');
  const channelStatementIds = body.channel_statement_ids ?? (await periodChannelStatements(c, body.period));
  // Without channel statements there are no settlement days, so every channel credit would be
  // missing in POS or, early in the month, wrongly explained as timing.
  if (channelStatementIds.length === 0) {
    throw validationError([{ field: 'body.channel_statement_ids', code: 'settlement_channel_statements_missing', params: { period: body.period }, value: body.channel_statement_ids ?? null }]);
  }
  await checkChannelStatements(c, channelStatementIds);

  const settings = await loadChannelSettings(c.db);
  const account = body.write_off_account;
  if (account !== undefined && !(await c.db.selectFrom('accounts').select('code').where('code', '=', account).executeTakeFirst())) {
    throw validationError([{ field: 'body.write_off_account', code: 'reference_not_found', params: { resource: 'account', value: account }, value: account }]);
  }
  // The row stores the run's own tolerance, or 0 when each channel's setting applied.
  const record = await upsertScope(c, null, DEFAULT_STATEMENT_TIME_ZONE, { toleranceFen: body.tolerance_fen ?? 0, windowSeconds: 0 });
  const matchInputs = matchInputsOf(channelStatementIds, settings, body.settlement_lag_days, body.tolerance_fen);
  // Matches made with other channel statements, lags or tolerances are not kept; resolutions are.
  const inputsChanged = Number(record.runs) > 0 && record.match_inputs !== matchInputs;

  const { locked, previousIds, lastId, dropped } = await keepSettledItems(c, record.id, body.statement_ids, Number(record.last_item_id ?? 0), inputsChanged);

  const allDays = await loadSettlementDays(c.db, channelStatementIds, body.period, settings, body.settlement_lag_days);
  const firstDue = new Map<string, string>();
  for (const day of allDays) {
    const earliest = firstDue.get(day.channel);
    if (earliest === undefined || day.dueDate < earliest) firstDue.set(day.channel, day.dueDate);
  }
  const days = allDays.filter((day) => !locked.has(day.key));
  const { credits: allCredits, through } = await loadBankCredits(c.db, body.statement_ids, body.period, settings);
  const credits = allCredits.filter((credit) => !locked.has(credit.key));
  const tolerance = new Map([...settings.values()].map((channel) => [channel.channel, body.tolerance_fen ?? channel.toleranceFen]));
  const settledCredits = allCredits.filter((credit) => locked.has(credit.key));
  const items = matchSettlements(days, credits, { toleranceFen: tolerance, periodStart: `${body.period}-01`, bankThrough: through ?? `${body.period}-01`, firstDue }, settledCredits);
  const rows = items.map((item) => settlementRow(record.id, 0, item));
  const lastItemId = numberItems(rows, previousIds, lastId);
  await bulkInsert({ db: c.db, dialect: c.database.dialect }, 'reconciliation_items', rows as unknown as Record<string, unknown>[]);
  await postWriteOffs(c, record, (channel) => account ?? settings.get(channel)?.writeOffAccount ?? record.write_off_account, dropped);

  const summary = await summarise(c.db, record.id);
  const summaryText = JSON.stringify(summary);
  const updates = {
    statement_ids: JSON.stringify(body.statement_ids),
    match_inputs: matchInputs,
    summary: summaryText,
    unexplained_count: summary.unexplained.count,
    unexplained_fen: summary.unexplained.amount_fen,
    runs: Number(record.runs) + 1,
    last_item_id: lastItemId,
    updated_at: c.now().toISOString(),
    ...(summaryText !== record.summary ? { accepted_by: null, accepted_at: null } : {}),
  };
  await c.db.updateTable('reconciliations').set(updates).where('id', '=', record.id).execute();
  return { status: 200 as const, body: reconciliationToApi({ ...record, ...updates }) };
}

/** Serialise what decides the matches of a bank run, so a re-run can tell whether it changed. */
function matchInputsOf(channelStatementIds: readonly string[], settings: ReadonlyMap<string, ChannelSettings>, lagDays: number | undefined, toleranceFen: number | undefined): string {
  const channels = [...settings.values()].sort((a, b) => a.channel.localeCompare(b.channel));
  return JSON.stringify({
    channel_statement_ids: [...channelStatementIds].sort(),
    lag_days: Object.fromEntries(channels.map((channel) => [channel.channel, lagDays ?? channel.settlementLagDays])),
    tolerance_fen: Object.fromEntries(channels.map((channel) => [channel.channel, toleranceFen ?? channel.toleranceFen])),
  });
}

/** List the statements of the period's channel reconciliations, whose settlements reach the bank. */
async function periodChannelStatements(c: HandlerContext<'runReconciliation'>, period: string): Promise<string[]> {
  const rows = await c.db.selectFrom('reconciliations').select('statement_ids').where('period', '=', period).where('channel', '!=', 'bank').execute();
  const ids = new Set<string>();
  for (const row of rows) for (const id of JSON.parse(row.statement_ids) as string[]) ids.add(id);
  return [...ids].sort();
}

async function checkChannelStatements(c: HandlerContext<'runReconciliation'>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await c.db.selectFrom('statements').select(['id', 'channel', 'status']).where('id', 'in', [...ids]).execute();
  for (const id of ids) {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) throw new ApiError(404, 'not_found', { resource: 'statement', key: id });
    if (row.status !== 'finished') throw new ApiError(409, 'statement_not_finished', { id });
    if (row.channel === 'bank') {
      throw validationError([{ field: 'body.channel_statement_ids', code: 'statement_channel_mismatch', params: { id, channel: row.channel, expected: ['wechat', 'alipay', 'unionpay', 'meituan', 'jd'] }, value: id }]);
    }
  }
}
