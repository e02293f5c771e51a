// The dates a report run covers: a calendar month (`YYYY-MM`) of business dates, and the month it
// is compared with.

export interface ReportPeriod {
  readonly period: string;
  /** First and last business date, both inclusive. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

export type Comparison = 'previous_period' | 'previous_year';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Return the month's dates, or undefined when `period` is not `YYYY-MM`. */
export function monthPeriod(period: string): ReportPeriod | undefined {
  const match = PERIOD.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { period, from: `${period}-01`, to: `${period}-${String(days).padStart(2, '0')}`, days };
}

/** Return the period a run is compared with. */
export function comparedPeriod(period: ReportPeriod, comparison: Comparison): ReportPeriod {
  const [year, month] = period.period.split('-').map(Number) as [number, number];
  const shifted = comparison === 'previous_year' ? { year: year - 1, month } : month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return monthPeriod(`${String(shifted.year).padStart(4, '0')}-${String(shifted.month).padStart(2, '0')}`)!;
}

/**
 * Return the UTC instants that bound the period's dates in a time zone with a fixed offset
 * (`+08:00` for Asia/Shanghai, which has no daylight saving): `[start, end)`.
 */
export function instantRange(from: string, to: string, offset = '+08:00'): { start: string; end: string } {
  const start = new Date(`${from}T00:00:00${offset}`);
  const end = new Date(`${to}T00:00:00${offset}`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}
