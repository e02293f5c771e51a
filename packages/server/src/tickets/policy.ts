import type { components } from '@boh/sdk/types';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseSlaPolicy, selectSlaTargets, type SlaPolicy, type SlaTargetRule, type SlaTargets } from './sla/index.js';
import { readSetting, type StoredSetting } from './settings.js';
import { withSlaErrors } from './sla-errors.js';

export type SlaPolicyDocument = Omit<components['schemas']['SlaPolicy'], 'version'>;

export const SLA_POLICY_KEY = 'sla_policy';

/** Targets until a policy is saved: by priority, in business minutes. */
export function defaultSlaPolicy(): SlaPolicyDocument {
  return {
    warn_at_percent: 80,
    rules: [
      { priority: 'urgent', response_minutes: 30, resolution_minutes: 240, arrival_minutes: 120 },
      { priority: 'high', response_minutes: 60, resolution_minutes: 480, arrival_minutes: 240 },
      { priority: 'normal', response_minutes: 240, resolution_minutes: 1440 },
      { priority: 'low', response_minutes: 480, resolution_minutes: 2880 },
      { response_minutes: 240, resolution_minutes: 1440 },
    ],
  };
}

/** Convert the API document to the library's policy; raises a 422 naming invalid rules. */
export function toSlaPolicy(document: SlaPolicyDocument): SlaPolicy {
  const rules: SlaTargetRule[] = document.rules.map((rule) => ({
    ...(rule.priority !== undefined ? { priority: rule.priority } : {}),
    ...(rule.category !== undefined ? { category: rule.category } : {}),
    responseMinutes: rule.response_minutes,
    resolutionMinutes: rule.resolution_minutes,
    ...(rule.accept_minutes !== undefined ? { acceptMinutes: rule.accept_minutes } : {}),
    ...(rule.arrival_minutes !== undefined ? { arrivalMinutes: rule.arrival_minutes } : {}),
    ...(rule.hours !== undefined ? { hours: rule.hours } : {}),
    ...(rule.response_ends_on !== undefined ? { responseEndsOn: rule.response_ends_on } : {}),
  }));
  return withSlaErrors(() => parseSlaPolicy({ rules, warnAtPercent: document.warn_at_percent }));
}

export async function readSlaPolicy(db: Kysely<Database>): Promise<StoredSetting<SlaPolicyDocument>> {
  return readSetting(db, SLA_POLICY_KEY, defaultSlaPolicy);
}

/** The targets of one ticket under the policy; 422 when no rule matches. */
export function targetsFor(policy: SlaPolicy, ticket: { priority: string; category: string }): SlaTargets {
  return withSlaErrors(() => selectSlaTargets(policy, ticket));
}
