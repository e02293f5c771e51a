import { describe, expect, it } from 'vitest';
import { parseSlaPolicy, selectSlaTargets, SlaError, type SlaPolicyInput } from '../../../src/tickets/sla/index.js';

const policy = parseSlaPolicy({
  rules: [
    { responseMinutes: 240, resolutionMinutes: 2880 },
    { priority: 'P1', responseMinutes: 60, resolutionMinutes: 480 },
    { category: 'refrigeration', responseMinutes: 120, resolutionMinutes: 960 },
    { priority: 'P1', category: 'refrigeration', responseMinutes: 30, resolutionMinutes: 240, hours: '24x7', arrivalMinutes: 90 },
  ],
  warnAtPercent: 75,
});

describe('selectSlaTargets', () => {
  const cases: { name: string; given: { priority: string; category: string }; want: [number, number] }[] = [
    { name: 'priority and category', given: { priority: 'P1', category: 'refrigeration' }, want: [30, 240] },
    { name: 'priority only', given: { priority: 'P1', category: 'plumbing' }, want: [60, 480] },
    { name: 'category only', given: { priority: 'P3', category: 'refrigeration' }, want: [120, 960] },
    { name: 'default rule', given: { priority: 'P3', category: 'plumbing' }, want: [240, 2880] },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const selected = selectSlaTargets(policy, given);
      expect([selected.responseMinutes, selected.resolutionMinutes]).toEqual(want);
      expect(selected.warnAtPercent).toBe(75);
    });
  }

  it('fills defaults', () => {
    expect(selectSlaTargets(policy, { priority: 'P1', category: 'refrigeration' })).toEqual({
      responseMinutes: 30,
      resolutionMinutes: 240,
      acceptMinutes: null,
      arrivalMinutes: 90,
      hours: '24x7',
      responseEndsOn: 'accepted',
      warnAtPercent: 75,
    });
  });

  it('raises when no rule matches', () => {
    const strict = parseSlaPolicy({ rules: [{ priority: 'P1', responseMinutes: 30, resolutionMinutes: 240 }] });
    expect(() => selectSlaTargets(strict, { priority: 'P2', category: 'hvac' })).toThrow(
      expect.objectContaining({ code: 'sla_target_not_found', params: { priority: 'P2', category: 'hvac' } }) as Error,
    );
  });
});

describe('parseSlaPolicy', () => {
  it('lists every invalid field', () => {
    const input = {
      rules: [
        { priority: 'P1', responseMinutes: -1, resolutionMinutes: 30.5 },
        { priority: 'P1', responseMinutes: 30, resolutionMinutes: 240, hours: 'weekdays', responseEndsOn: 'called' },
        { responseMinutes: 30, resolutionMinutes: 600_000, acceptMinutes: Number.NaN },
      ],
      warnAtPercent: 120,
    } as unknown as SlaPolicyInput;
    let error: unknown;
    try {
      parseSlaPolicy(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlaError);
    expect((error as SlaError).code).toBe('sla_policy_invalid');
    expect((error as SlaError).issues.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'warnAtPercent', code: 'sla_warn_percent_invalid' },
      { field: 'rules[0].responseMinutes', code: 'sla_target_minutes_invalid' },
      { field: 'rules[0].resolutionMinutes', code: 'sla_target_minutes_invalid' },
      { field: 'rules[1].hours', code: 'sla_policy_option_invalid' },
      { field: 'rules[1].responseEndsOn', code: 'sla_policy_option_invalid' },
      { field: 'rules[1]', code: 'sla_policy_rule_duplicate' },
      { field: 'rules[2].resolutionMinutes', code: 'sla_target_minutes_invalid' },
      { field: 'rules[2].acceptMinutes', code: 'sla_target_minutes_invalid' },
    ]);
  });

  it('accepts zero-minute targets', () => {
    expect(parseSlaPolicy({ rules: [{ responseMinutes: 0, resolutionMinutes: 0 }] }).warnAtPercent).toBe(80);
  });
});
