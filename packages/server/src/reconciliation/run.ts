import { randomBytes } from 'node:crypto';
import { bulkInsert } from '../db/bulk-insert.js';
import { ApiError, validationError } from '../http/api-error.js';
import type { Handler, HandlerContext } from '../http/handler.js';
import { CHANNEL_METHODS, DEFAULT_WRITE_OFF_ACCOUNT } from './channels.js';
import { matchRecords } from './engine.js';
import { usualFeeRate } from './fee-check.js';
import { itemRow } from './item-rows.js';
import { loadLineRecords } from './line-source.js';
import { pairInDatabase } from './pairs-in-database.js';
import { loadPosRecords, posDateRange } from './pos-source.js';
import { findReconciliation, reconciliationToApi } from './reconciliation-record.js';
import { DEFAULT_STATEMENT_TIME_ZONE } from './statement-create.js';
import { defaultSettings, loadChannelSettings } from './settings.js';
import { runSettlementReconciliation } from './settlement-run.js';
import { summarise } from './summary.js';
import type { ReconciliationTable } from './tables.js';
import { keepSettledItems, numberItems } from './settled-items.js';
import { postWriteOffs } from './write-off.js';

/**
 * Run the reconciliation of a channel, period and store. Items already matched, written off or
 * resolved by an earlier run are kept with their records; everything else is matched again, so a
 * re-run of the same inputs gives the same summary and never undoes a resolution. The run's
 * tolerance, window and write-off account default to the channel's stored settings; the
 * write-offs are posted to the ledger. Channel `bank` runs the settlement reconciliation.
 */
export const runReconciliation: Handler<'runReconciliation'> = async (c) => {
  const body = c.body;
  if (body.channel === 'bank') return runSettlementReconciliation(c);
  for (const field of ['channel_statement_ids', 'settlement_lag_days'] as const) {
    if (body[field] !== undefined) throw validationError([{ field: `body.${field}`, code: 'reconciliation_bank_only', params: { channel: body.channel } }]);
  }
  const methods = CHANNEL_METHODS[body.channel];
  if (!methods) throw validationError([{ field: 'body.channel', code: 'reconciliation_channel_unsupported', params: { value: body.channel }, value: body.channel }]);
  await checkStatements(c, body.statement_ids, body.channel);

  const stores = await c.db.selectFrom('stores').select(['code', 'timezone']).execute();
  const zones = new Map(stores.map((store) => [store.code, store.timezone]));
  const storeCode = body.store_code ?? null;
  if (storeCode !== null && !zones.has(storeCode)) {
    throw validationError([{ field: 'body.store_code', code: 'reference_not_found', params: { resource: 'store', value: storeCode }, value: storeCode }]);
  }
  const settings = (await loadChannelSettings(c.db)).get(body.channel) ?? defaultSettings(body.channel);
  const account = body.write_off_account ?? settings.writeOffAccount;
  if (!(await c.db.selectFrom('accounts').select('code').where('code', '=', account).executeTakeFirst())) {
    throw validationError([{ field: 'body.write_off_account', code: 'reference_not_found', params: { resource: 'account', value: account }, value: account }]);
  }
  const timeZone = (storeCode !== null ? zones.get(storeCode) : undefined) ?? DEFAULT_STATEMENT_TIME_ZONE;
  const options = { toleranceFen: body.tolerance_fen ?? settings.toleranceFen, windowSeconds: body.window_seconds ?? settings.windowSeconds };
  const record = await upsertScope(c, storeCode, timeZone, options, account);

  const { locked, previousIds, lastId, dropped } = await keepSettledItems(c, record.id, body.statement_ids, Number(record.last_item_id ?? 0));

  const posScope = { period: body.period, methods, storeCode, cutOffSeconds: options.windowSeconds };
  // NOTE: a re-run keeps items, so it skips the pairing and reads every record into the engine.
  const pairs =
    locked.size === 0 && previousIds.size === 0
      ? await pairInDatabase(c.db, c.database.dialect, {
          period: body.period,
          statementIds: body.statement_ids,
          methods,
          storeCode,
          ...posDateRange(body.period),
          zones: [...(storeCode !== null ? [zones.get(storeCode)!] : zones.values()), timeZone, DEFAULT_STATEMENT_TIME_ZONE],
        })
      : null;
  const excludePaired = pairs !== null;
  const pos = (await loadPosRecords(c.db, { ...posScope, excludePaired }, zones, DEFAULT_STATEMENT_TIME_ZONE)).filter((r) => !locked.has(r.key));
  const allLines = await loadLineRecords(c.db, body.statement_ids, body.period, timeZone, excludePaired);
  const lines = allLines.filter((l) => !locked.has(l.key));
  // Lines matched by an earlier run still tell which free lines are their duplicates, and what
  // fee rate the channel usually charges.
  const settledLines = allLines.filter((l) => locked.has(l.key));
  const items = matchRecords(pos, lines, { ...options, storeZones: zones }, settledLines, pairs?.rates);
  let lastPairId = lastId;
  if (pairs !== null) {
    lastPairId = await pairs.writeItems(record.id, lastId, { toleranceFen: options.toleranceFen, feeRatePpm: usualFeeRate(items, settledLines, pairs.rates) });
    await pairs.drop();
  }
  const rows = items.map((item) => itemRow(record.id, 0, item));
  const lastItemId = numberItems(rows, previousIds, lastPairId);
  await bulkInsert({ db: c.db, dialect: c.database.dialect }, 'reconciliation_items', rows as unknown as Record<string, unknown>[]);
  await postWriteOffs(c, record, () => account, dropped);

  const summary = await summarise(c.db, record.id);
  const summaryText = JSON.stringify(summary);
  const changed = summaryText !== record.summary;
  const now = c.now().toISOString();
  const updates = {
    statement_ids: JSON.stringify(body.statement_ids),
    summary: summaryText,
    unexplained_count: summary.unexplained.count,
    unexplained_fen: summary.unexplained.amount_fen,
    runs: Number(record.runs) + 1,
    last_item_id: lastItemId,
    updated_at: now,
    // An acceptance holds for the figures accepted; new figures need a new one.
    ...(changed ? { accepted_by: null, accepted_at: null } : {}),
  };
  await c.db.updateTable('reconciliations').set(updates).where('id', '=', record.id).execute();
  return { status: 200, body: reconciliationToApi({ ...record, ...updates }) };
};

export async function checkStatements(c: HandlerContext<'runReconciliation'>, ids: readonly string[], channel: string): Promise<void> {
  const rows = await c.db.selectFrom('statements').select(['id', 'channel', 'status']).where('id', 'in', [...ids]).execute();
  for (const id of ids) {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) throw new ApiError(404, 'not_found', { resource: 'statement', key: id });
    if (row.status !== 'finished') throw new ApiError(409, 'statement_not_finished', { id });
    if (row.channel !== channel) {
      throw validationError([{ field: 'body.statement_ids', code: 'statement_channel_mismatch', params: { id, channel: row.channel, expected: channel }, value: id }]);
    }
  }
}

/** Find the reconciliation of the scope, or create it; either way with this run's settings. */
export async function upsertScope(
  c: HandlerContext<'runReconciliation'>,
  storeCode: string | null,
  timeZone: string,
  options: { toleranceFen: number; windowSeconds: number },
  writeOffAccount: string = c.body.write_off_account ?? DEFAULT_WRITE_OFF_ACCOUNT,
): Promise<ReconciliationTable> {
  const body = c.body;
  const existing = await c.db
    .selectFrom('reconciliations')
    .select('id')
    .where('channel', '=', body.channel)
    .where('period', '=', body.period)
    .where('store_code', '=', storeCode ?? '')
    .executeTakeFirst();
  const settings = {
    tolerance_fen: options.toleranceFen,
    window_seconds: options.windowSeconds,
    write_off_account: writeOffAccount,
    time_zone: timeZone,
  };
  if (existing) {
    await c.db.updateTable('reconciliations').set(settings).where('id', '=', existing.id).execute();
    return findReconciliation(c.db, existing.id, c.database.dialect === 'postgres');
  }
  const now = c.now().toISOString();
  const row: ReconciliationTable = {
    id: `rec_${randomBytes(8).toString('hex')}`,
    channel: body.channel,
    period: body.period,
    store_code: storeCode ?? '',
    statement_ids: JSON.stringify(body.statement_ids),
    ...settings,
    summary: '{}',
    unexplained_count: 0,
    unexplained_fen: 0,
    runs: 0,
    created_by: c.principal.name,
    created_at: now,
    updated_at: now,
    accepted_by: null,
    accepted_at: null,
  };
  await c.db.insertInto('reconciliations').values(row).execute();
  return row;
}
