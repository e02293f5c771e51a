import { diffRecords, recordChange } from '../audit/record.js';
import { notFound, validationError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { loadChannelSettings, settingsToApi } from './settings.js';
import type { ReconciliationSettingsTable } from './tables.js';

export const listReconciliationSettings: Handler<'listReconciliationSettings'> = async (c) => {
  const settings = await loadChannelSettings(c.db);
  return { status: 200, body: { data: [...settings.values()].map(settingsToApi) } };
};

export const getReconciliationSettings: Handler<'getReconciliationSettings'> = async (c) => {
  const settings = (await loadChannelSettings(c.db)).get(c.params.channel);
  if (!settings) throw notFound('reconciliation_settings', c.params.channel);
  return { status: 200, body: settingsToApi(settings) };
};

/** Change the fields given of a channel's settings, keeping the others; audited. */
export const updateReconciliationSettings: Handler<'updateReconciliationSettings'> = async (c) => {
  const before = (await loadChannelSettings(c.db)).get(c.params.channel);
  if (!before) throw notFound('reconciliation_settings', c.params.channel);
  const body = c.body;
  if (body.write_off_account !== undefined && !(await c.db.selectFrom('accounts').select('code').where('code', '=', body.write_off_account).executeTakeFirst())) {
    throw validationError([{ field: 'body.write_off_account', code: 'reference_not_found', params: { resource: 'account', value: body.write_off_account }, value: body.write_off_account }]);
  }

  const row: ReconciliationSettingsTable = {
    channel: before.channel,
    tolerance_fen: body.tolerance_fen ?? before.toleranceFen,
    window_seconds: body.window_seconds ?? before.windowSeconds,
    write_off_account: body.write_off_account ?? before.writeOffAccount,
    settlement_lag_days: body.settlement_lag_days ?? before.settlementLagDays,
    bank_names: JSON.stringify(body.bank_names ?? before.bankNames),
    updated_by: c.principal.name,
    updated_at: c.now().toISOString(),
  };
  if (before.stored) await c.db.updateTable('reconciliation_settings').set(row).where('channel', '=', row.channel).execute();
  else await c.db.insertInto('reconciliation_settings').values(row).execute();

  const after = (await loadChannelSettings(c.db)).get(row.channel)!;
  const { updated_by: _beforeBy, updated_at: _beforeAt, stored: _beforeStored, ...beforeFields } = settingsToApi(before);
  const { updated_by: _afterBy, updated_at: _afterAt, stored: _afterStored, ...afterFields } = settingsToApi(after);
  await recordChange(c.db, { resource: 'reconciliation_settings', key: row.channel, action: 'update', actor: c.actor, changes: diffRecords(beforeFields, afterFields) });
  return { status: 200, body: settingsToApi(after) };
};
