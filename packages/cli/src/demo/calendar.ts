/** The days of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function daysOfMonth(period: string): string[] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
}

/** Day of the week of a date, 0 = Sunday, computed without the process time zone. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * The UTC instant of a wall-clock time in China (UTC+8 all year, no daylight saving), so the
 * demo needs no time zone database: `2026-11-05`, 8:12:33 → `2026-11-05T00:12:33.000Z`.
 */
export function chinaTimeToUtc(date: string, hour: number, minute: number, second: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour - 8, minute, second)).toISOString();
}

/** The previous calendar month of `today` (`YYYY-MM-DD`) as `YYYY-MM`. */
export function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
