import { validationError, SlaError, type SlaIssue } from './sla-error.js';

/** The largest target: 366 days of round-the-clock minutes. */
export const MAX_TARGET_MINUTES = 366 * 1440;

export const DEFAULT_WARN_AT_PERCENT = 80;

/** `business` counts the store calendar's business hours; `24x7` counts every minute. */
export const CLOCK_HOURS = ['business', '24x7'] as const;
export type ClockHours = (typeof CLOCK_HOURS)[number];

/**
 * The event that stops the response clock. `accepted` is the first of accepted, travelling or
 * on_site, and `on_site` is the first arrival. Resolving or cancelling the ticket stops it too.
 */
export const RESPONSE_ENDS_ON = ['accepted', 'on_site'] as const;
export type ResponseEndsOn = (typeof RESPONSE_ENDS_ON)[number];

/**
 * Targets for tickets of one priority and category, in business minutes. A rule without
 * `priority` or `category` matches any; the most specific matching rule applies.
 */
export interface SlaTargetRule {
  priority?: string;
  category?: string;
  responseMinutes: number;
  resolutionMinutes: number;
  /** Per assignment: from assignment to acceptance. */
  acceptMinutes?: number;
  /** Per assignment: from assignment to arrival on site. */
  arrivalMinutes?: number;
  hours?: ClockHours;
  responseEndsOn?: ResponseEndsOn;
}

export interface SlaPolicyInput {
  rules: readonly SlaTargetRule[];
  /** A running clock is at risk once it has used this share of its target; 80 when absent. */
  warnAtPercent?: number;
}

/** A validated policy, made by `parseSlaPolicy`. */
export interface SlaPolicy {
  readonly rules: readonly SlaTargetRule[];
  readonly warnAtPercent: number;
}

/** The targets that apply to one ticket, made by `selectSlaTargets`. */
export interface SlaTargets {
  readonly responseMinutes: number;
  readonly resolutionMinutes: number;
  readonly acceptMinutes: number | null;
  readonly arrivalMinutes: number | null;
  readonly hours: ClockHours;
  readonly responseEndsOn: ResponseEndsOn;
  readonly warnAtPercent: number;
}

/** Validate a policy. Raises SlaError `sla_policy_invalid` listing every invalid field. */
export function parseSlaPolicy(input: SlaPolicyInput): SlaPolicy {
  const issues: SlaIssue[] = [];
  const warnAtPercent = input.warnAtPercent ?? DEFAULT_WARN_AT_PERCENT;
  if (!Number.isInteger(warnAtPercent) || warnAtPercent < 0 || warnAtPercent > 100) {
    issues.push({ field: 'warnAtPercent', code: 'sla_warn_percent_invalid', params: { value: String(warnAtPercent) } });
  }

  const seen = new Set<string>();
  input.rules.forEach((rule, index) => {
    const field = `rules[${index}]`;
    checkTargetMinutes(rule.responseMinutes, `${field}.responseMinutes`, false, issues);
    checkTargetMinutes(rule.resolutionMinutes, `${field}.resolutionMinutes`, false, issues);
    checkTargetMinutes(rule.acceptMinutes, `${field}.acceptMinutes`, true, issues);
    checkTargetMinutes(rule.arrivalMinutes, `${field}.arrivalMinutes`, true, issues);
    checkOption(rule.hours, CLOCK_HOURS, `${field}.hours`, issues);
    checkOption(rule.responseEndsOn, RESPONSE_ENDS_ON, `${field}.responseEndsOn`, issues);

    const key = JSON.stringify([rule.priority ?? null, rule.category ?? null]);
    if (seen.has(key)) {
      issues.push({
        field,
        code: 'sla_policy_rule_duplicate',
        params: { priority: rule.priority ?? '*', category: rule.category ?? '*' },
      });
    }
    seen.add(key);
  });

  if (issues.length > 0) throw validationError('sla_policy_invalid', issues);
  return { rules: input.rules, warnAtPercent };
}

/**
 * Pick the targets for a ticket: a rule naming both priority and category wins over one naming
 * the priority only, which wins over one naming the category only, then over the default rule.
 * Raises SlaError `sla_target_not_found` when no rule matches.
 */
export function selectSlaTargets(policy: SlaPolicy, ticket: { priority: string; category: string }): SlaTargets {
  let best: SlaTargetRule | undefined;
  let bestScore = -1;
  for (const rule of policy.rules) {
    if (rule.priority !== undefined && rule.priority !== ticket.priority) continue;
    if (rule.category !== undefined && rule.category !== ticket.category) continue;
    const score = (rule.priority !== undefined ? 2 : 0) + (rule.category !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  if (best === undefined) {
    throw new SlaError('sla_target_not_found', { priority: ticket.priority, category: ticket.category });
  }

  return {
    responseMinutes: best.responseMinutes,
    resolutionMinutes: best.resolutionMinutes,
    acceptMinutes: best.acceptMinutes ?? null,
    arrivalMinutes: best.arrivalMinutes ?? null,
    hours: best.hours ?? 'business',
    responseEndsOn: best.responseEndsOn ?? 'accepted',
    warnAtPercent: policy.warnAtPercent,
  };
}

function checkTargetMinutes(value: unknown, field: string, optional: boolean, issues: SlaIssue[]): void {
  if (optional && value === undefined) return;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TARGET_MINUTES) return;
  issues.push({ field, code: 'sla_target_minutes_invalid', params: { value: String(value), max: MAX_TARGET_MINUTES } });
}

function checkOption(value: unknown, allowed: readonly string[], field: string, issues: SlaIssue[]): void {
  if (value === undefined || (typeof value === 'string' && allowed.includes(value))) return;
  issues.push({ field, code: 'sla_policy_option_invalid', params: { value: String(value), allowed } });
}
