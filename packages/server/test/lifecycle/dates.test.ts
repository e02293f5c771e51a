import { describe, expect, it } from 'vitest';
import { addDays, addYears, daysBetween, monthBounds, overlapDays } from '../../src/lifecycle/dates.js';

describe('addYears', () => {
  it.each([
    ['2025-03-15', -1, '2024-03-15'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-02-28', -1, '2024-02-28'],
    ['2025-12-31', 1, '2026-12-31'],
  ])('%s %+d years → %s', (date, years, want) => {
    expect(addYears(date, years)).toBe(want);
  });
});

describe('day arithmetic', () => {
  it('counts days across a leap day and a year end', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('overlaps inclusive ranges', () => {
    expect(overlapDays('2025-01-10', '2025-02-05', '2025-02-01', '2025-02-28')).toBe(5);
    expect(overlapDays('2025-01-10', '2025-01-31', '2025-02-01', '2025-02-28')).toBe(0);
    expect(overlapDays('2025-02-01', '2025-02-01', '2025-02-01', '2025-02-28')).toBe(1);
  });

  it('finds month bounds', () => {
    expect(monthBounds('2025-03-15', -12)).toEqual({ first: '2024-03-01', last: '2024-03-31' });
    expect(monthBounds('2025-03-15', -1)).toEqual({ first: '2025-02-01', last: '2025-02-28' });
    expect(monthBounds('2024-03-31', -1)).toEqual({ first: '2024-02-01', last: '2024-02-29' });
  });
});
