import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../db/schema.js';
import { CHANNEL_METHODS, DEFAULT_TOLERANCE_FEN, DEFAULT_WINDOW_SECONDS, DEFAULT_WRITE_OFF_ACCOUNT } from './channels.js';
import type { ReconciliationSettingsTable } from './tables.js';

export type ChannelSettingsApi = components['schemas']['ReconciliationSettings'];

/** A channel's reconciliation settings as runs use them. */
export interface ChannelSettings {
  readonly channel: string;
  readonly toleranceFen: number;
  readonly windowSeconds: number;
  readonly writeOffAccount: string;
  readonly settlementLagDays: number;
  readonly bankNames: readonly string[];
  /** Null while the channel uses the built-in defaults. */
  readonly stored: ReconciliationSettingsTable | null;
}

/**
 * Texts by which a bank statement names each channel's settlement credit: the payer's name
 * (财付通 for WeChat Pay, 支付宝 for Alipay, 银联 for UnionPay acquirers) or the summary text.
 */
const DEFAULT_BANK_NAMES: Readonly<Record<string, readonly string[]>> = {
  wechat: ['财付通', 'Tenpay', '微信'],
  alipay: ['支付宝', 'Alipay'],
  unionpay: ['银联', 'UnionPay'],
  meituan: ['美团', '三快'],
  jd: ['京东', '网银在线'],
};

/** Days from a settlement day to its deposit when a channel stores no lag of its own (T+1). */
export const DEFAULT_SETTLEMENT_LAG_DAYS = 1;

export function settlementChannels(): string[] {
  return Object.keys(CHANNEL_METHODS);
}

/** Read the settings of every channel, with the built-in defaults where none are stored. */
export async function loadChannelSettings(db: Kysely<Database>): Promise<Map<string, ChannelSettings>> {
  const rows = (await db.selectFrom('reconciliation_settings').selectAll().execute()) as ReconciliationSettingsTable[];
  const settings = new Map<string, ChannelSettings>();
  for (const channel of settlementChannels()) {
    const row = rows.find((candidate) => candidate.channel === channel) ?? null;
    settings.set(channel, row ? fromRow(row) : defaultSettings(channel));
  }
  return settings;
}

export function defaultSettings(channel: string): ChannelSettings {
  return {
    channel,
    toleranceFen: DEFAULT_TOLERANCE_FEN[channel] ?? 0,
    windowSeconds: DEFAULT_WINDOW_SECONDS,
    writeOffAccount: DEFAULT_WRITE_OFF_ACCOUNT,
    settlementLagDays: DEFAULT_SETTLEMENT_LAG_DAYS,
    bankNames: DEFAULT_BANK_NAMES[channel] ?? [],
    stored: null,
  };
}

function fromRow(row: ReconciliationSettingsTable): ChannelSettings {
  return {
    channel: row.channel,
    toleranceFen: Number(row.tolerance_fen),
    windowSeconds: Number(row.window_seconds),
    writeOffAccount: row.write_off_account,
    settlementLagDays: Number(row.settlement_lag_days),
    bankNames: JSON.parse(row.bank_names) as string[],
    stored: row,
  };
}

export function settingsToApi(settings: ChannelSettings): ChannelSettingsApi {
  return {
    channel: settings.channel as ChannelSettingsApi['channel'],
    tolerance_fen: settings.toleranceFen,
    window_seconds: settings.windowSeconds,
    write_off_account: settings.writeOffAccount,
    settlement_lag_days: settings.settlementLagDays,
    bank_names: [...settings.bankNames],
    stored: settings.stored !== null,
    updated_by: settings.stored?.updated_by ?? null,
    updated_at: settings.stored ? new Date(settings.stored.updated_at).toISOString() : null,
  };
}
