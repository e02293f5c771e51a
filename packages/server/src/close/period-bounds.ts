/** Return the first and last day of a period `YYYY-MM`: 2024-02 → 2024-02-01 and 2024-02-29. */
export function periodBounds(period: string): { first: string; last: string } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}` };
}
