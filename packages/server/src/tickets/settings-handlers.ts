import type { components } from '@boh/sdk/types';
import { canAccessStore } from '../auth/roles.js';
import { ApiError, notFound, validationError, type FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { etagOf } from '../http/etag.js';
import { calendarKey, parseWorkingHours, readStoreHours } from './calendars.js';
import { DISPATCH_SETTINGS_KEY, readDispatchSettings } from './dispatch/settings.js';
import { readSlaPolicy, SLA_POLICY_KEY, toSlaPolicy } from './policy.js';
import { readSetting, writeSetting } from './settings.js';
import { withSlaErrors } from './sla-errors.js';

type SignalRule = components['schemas']['SignalRule'];
export const SIGNAL_RULES_KEY = 'signal_rules';

async function storeOf(c: { db: any; principal: any }, code: string): Promise<{ code: string; timezone: string }> {
  const store = await c.db.selectFrom('stores').select(['code', 'timezone']).where('code', '=', code).executeTakeFirst();
  if (!store) throw notFound('store', code);
  if (!canAccessStore(c.principal, code)) throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: code });
  return store;
}

const getBusinessCalendar: Handler<'getBusinessCalendar'> = async (c) => {
  const store = await storeOf(c, c.params.code);
  const stored = await readStoreHours(c.db, store.code, store.timezone);
  return {
    status: 200,
    body: { store_code: store.code, calendar: stored.document, is_default: stored.version === 0, version: stored.version },
    headers: { ETag: etagOf(stored.version) },
  };
};

const putBusinessCalendar: Handler<'putBusinessCalendar'> = async (c) => {
  const store = await storeOf(c, c.params.code);
  const calendar = { time_zone: store.timezone, ...c.body.calendar };
  withSlaErrors(() => parseWorkingHours(calendar, store.timezone), 'body.calendar');
  const current = await readStoreHours(c.db, store.code, store.timezone);
  const saved = await writeSetting(c.db, { key: calendarKey(store.code), resource: 'business_calendar', document: calendar, ifMatch: c.headers['if-match'], actor: c.actor, now: c.now().toISOString(), current });
  return { status: 200, body: { store_code: store.code, calendar: saved.document, is_default: false, version: saved.version }, headers: saved.headers };
};

const getSlaPolicy: Handler<'getSlaPolicy'> = async (c) => {
  const stored = await readSlaPolicy(c.db);
  return { status: 200, body: { ...stored.document, version: stored.version }, headers: { ETag: etagOf(stored.version) } };
};

const putSlaPolicy: Handler<'putSlaPolicy'> = async (c) => {
  const { version: _ignored, ...document } = c.body;
  toSlaPolicy(document);
  const current = await readSlaPolicy(c.db);
  const saved = await writeSetting(c.db, { key: SLA_POLICY_KEY, resource: 'sla_policy', document, ifMatch: c.headers['if-match'], actor: c.actor, now: c.now().toISOString(), current });
  return { status: 200, body: { ...saved.document, version: saved.version }, headers: saved.headers };
};

const getDispatchSettings: Handler<'getDispatchSettings'> = async (c) => {
  const stored = await readDispatchSettings(c.db);
  return { status: 200, body: { ...stored.document, version: stored.version }, headers: { ETag: etagOf(stored.version) } };
};

const putDispatchSettings: Handler<'putDispatchSettings'> = async (c) => {
  const { version: _ignored, ...document } = c.body;
  const current = await readDispatchSettings(c.db);
  const saved = await writeSetting(c.db, { key: DISPATCH_SETTINGS_KEY, resource: 'dispatch_settings', document, ifMatch: c.headers['if-match'], actor: c.actor, now: c.now().toISOString(), current });
  return { status: 200, body: { ...saved.document, version: saved.version }, headers: saved.headers };
};

export async function readSignalRules(db: Parameters<typeof readSetting>[0]) {
  return readSetting<{ rules: SignalRule[] }>(db, SIGNAL_RULES_KEY, () => ({ rules: [] }));
}

const getSignalRules: Handler<'getSignalRules'> = async (c) => {
  const stored = await readSignalRules(c.db);
  return { status: 200, body: { rules: stored.document.rules, version: stored.version }, headers: { ETag: etagOf(stored.version) } };
};

const putSignalRules: Handler<'putSignalRules'> = async (c) => {
  const rules = c.body.rules;
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const threshold = rule.metric !== undefined && rule.operator !== undefined && rule.threshold !== undefined;
    if ((rule.fault_code === undefined) === !threshold || (rule.fault_code !== undefined && (rule.metric ?? rule.operator ?? rule.threshold) !== undefined)) {
      issues.push({ field: `body.rules[${index}]`, code: 'rule_needs_trigger' });
    }
    if (seen.has(rule.code)) issues.push({ field: `body.rules[${index}].code`, code: 'rule_duplicate', params: { value: rule.code }, value: rule.code });
    seen.add(rule.code);
  });
  if (issues.length > 0) throw validationError(issues);
  const current = await readSignalRules(c.db);
  const saved = await writeSetting(c.db, { key: SIGNAL_RULES_KEY, resource: 'signal_rules', document: { rules }, ifMatch: c.headers['if-match'], actor: c.actor, now: c.now().toISOString(), current });
  return { status: 200, body: { rules: saved.document.rules, version: saved.version }, headers: saved.headers };
};

export const settingsHandlers = {
  getBusinessCalendar,
  putBusinessCalendar,
  getSlaPolicy,
  putSlaPolicy,
  getDispatchSettings,
  putDispatchSettings,
  getSignalRules,
  putSignalRules,
};
