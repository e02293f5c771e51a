import type { components } from '@boh/sdk';
import type { Language } from '../../i18n/index.js';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { UsageError } from '../../runtime/errors.js';
import { valueLabel } from '../../resources/values.js';
import { integerOption, MAX_LAG_DAYS, MAX_TOLERANCE_FEN, MAX_WINDOW_SECONDS } from '../finance-options.js';

type Settings = components['schemas']['ReconciliationSettings'];

export interface ReconcileSettingsOptions {
  toleranceFen?: string;
  windowSeconds?: string;
  writeOffAccount?: string;
  lagDays?: string;
  bankName?: string[];
}

/**
 * `boh reconcile-settings [channel] [--tolerance-fen N] …`: print every channel's settings, or
 * change the options given for one channel and print its settings after the change.
 */
export async function reconcileSettings(context: Context, channel: string | undefined, options: ReconcileSettingsOptions): Promise<void> {
  const client = context.client();
  const changes: components['schemas']['ReconciliationSettingsUpdate'] = {
    ...(options.toleranceFen !== undefined ? { tolerance_fen: integerOption('--tolerance-fen', options.toleranceFen, 0, MAX_TOLERANCE_FEN) } : {}),
    ...(options.windowSeconds !== undefined ? { window_seconds: integerOption('--window-seconds', options.windowSeconds, 0, MAX_WINDOW_SECONDS) } : {}),
    ...(options.writeOffAccount !== undefined ? { write_off_account: options.writeOffAccount } : {}),
    ...(options.lagDays !== undefined ? { settlement_lag_days: integerOption('--lag-days', options.lagDays, 0, MAX_LAG_DAYS) } : {}),
    ...(options.bankName !== undefined ? { bank_names: options.bankName } : {}),
  };

  let listed: Settings[];
  if (Object.keys(changes).length > 0) {
    if (channel === undefined) throw new UsageError('reconcile_settings.error.channel_needed');
    listed = [await client.reconciliations.updateSettings(channel, changes)];
  } else {
    const all = await client.reconciliations.settings();
    listed = channel === undefined ? all : all.filter((settings) => settings.channel === channel);
  }

  if (context.json) {
    context.io.stdout.write(toJson(channel === undefined ? listed : listed[0]));
    return;
  }
  const table = renderTable(
    listed,
    [
      { header: context.t('reconcile.column.channel'), value: (s) => channelWithCode(s.channel, context.language) },
      { header: context.t('reconcile_settings.column.tolerance_fen'), value: (s) => String(s.tolerance_fen), numeric: true },
      { header: context.t('reconcile_settings.column.window_seconds'), value: (s) => String(s.window_seconds), numeric: true },
      { header: context.t('reconcile_settings.column.write_off_account'), value: (s) => s.write_off_account },
      { header: context.t('reconcile_settings.column.lag_days'), value: (s) => String(s.settlement_lag_days), numeric: true },
      { header: context.t('reconcile_settings.column.bank_names'), value: (s) => s.bank_names.join(', ') },
      { header: context.t('reconcile_settings.column.updated_by'), value: (s) => (s.stored ? (s.updated_by ?? '') : context.t('reconcile_settings.default')) },
    ],
    true,
  );
  context.io.stdout.write(table);
}

/** Show a channel by its label with the code the command takes as its argument: `微信支付 (wechat)`. */
function channelWithCode(channel: string, language: Language): string {
  const label = valueLabel(channel, language);
  return label === channel ? channel : `${label} (${channel})`;
}
