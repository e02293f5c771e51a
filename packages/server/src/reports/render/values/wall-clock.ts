// The wall-clock time of an instant in a named IANA time zone. Intl does the time-zone lookup,
// so the result never depends on the TZ the process runs under.

import { formatIsoDate, pad2 } from './civil-date.js';

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

// Building a DateTimeFormat costs far more than using one, and a sheet may have millions of cells.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Return true when Intl accepts `timeZone` as an IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Convert milliseconds since the Unix epoch to the wall-clock time in `timeZone`. */
export function wallClockAt(epochMilliseconds: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(epochMilliseconds);
  const field = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((candidate) => candidate.type === type);
    if (!part) throw new Error(`Intl returned no ${type} for ${epochMilliseconds} in ${timeZone}`);
    return Number(part.value);
  };

  // Offsets are whole seconds, so the millisecond is the same in every time zone.
  const millisecond = ((epochMilliseconds % 1000) + 1000) % 1000;
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
    millisecond,
  };
}

/** Format as `YYYY-MM-DD HH:mm`, or `YYYY-MM-DD HH:mm:ss` when `withSeconds` is set. */
export function formatWallClock(clock: WallClock, withSeconds: boolean): string {
  const date = formatIsoDate(clock);
  const time = `${pad2(clock.hour)}:${pad2(clock.minute)}`;
  return withSeconds ? `${date} ${time}:${pad2(clock.second)}` : `${date} ${time}`;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for a name that is not a time zone.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
