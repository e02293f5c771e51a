import type { components } from '@boh/sdk/types';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { readSetting, type StoredSetting } from '../settings.js';

export type DispatchSettings = Omit<components['schemas']['DispatchSettings'], 'version'>;

export const DISPATCH_SETTINGS_KEY = 'dispatch_settings';

/**
 * The weights until settings are saved. One point is one minute of travel; a skill level short
 * of 5 costs 10, each open ticket 15, each minute the SLA would be missed by 3, needed parts out
 * of stock 60 and a technician off duty 120.
 */
export function defaultDispatchSettings(): DispatchSettings {
  return {
    weights: { travel_minute: 1, skill_gap: 10, workload: 15, slack_shortfall_minute: 3, parts_missing: 60, off_duty: 120 },
    speed_kmh: 25,
    candidate_limit: 20,
    max_travel_minutes: 240,
    auto_assign: [],
  };
}

export async function readDispatchSettings(db: Kysely<Database>): Promise<StoredSetting<DispatchSettings>> {
  return readSetting(db, DISPATCH_SETTINGS_KEY, defaultDispatchSettings);
}
