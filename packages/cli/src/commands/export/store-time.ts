import { parseLocalDateTime } from '../../files/date-time.js';
import { formatInstant } from '../../output/format.js';

/**
 * Write a UTC instant as the store's wall-clock time with its offset (`2024-03-01 12:30:00
 * +08:00`, or `2024-03-01 12:30:00.255 +08:00` for an instant with milliseconds, such as a
 * refund posted without --at), which an import reads back to the same instant whatever
 * --time-zone it uses. An instant that text would not give back exactly stays in UTC.
 */
export function storeTimeText(instant: string, timeZone: string): string {
  const local = withMilliseconds(formatInstant(instant, timeZone), new Date(instant).getUTCMilliseconds());
  const read = parseLocalDateTime(local);
  return read.ok && Date.parse(read.value) === Date.parse(instant) ? local : instant;
}

/** Put milliseconds after the seconds of `YYYY-MM-DD HH:MM:SS ±HH:MM`; none when they are 0. */
function withMilliseconds(local: string, milliseconds: number): string {
  if (milliseconds === 0 || Number.isNaN(milliseconds)) return local;
  const fraction = String(milliseconds).padStart(3, '0');
  return `${local.slice(0, 19)}.${fraction}${local.slice(19)}`;
}
