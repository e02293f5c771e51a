import { parseLocalDateTime } from '../../files/date-time.js';
import { formatInstant } from '../../output/format.js';

/**
 * Write a UTC instant as the store's wall-clock time with its offset (`2024-03-01 12:30:00
 * +08:00`), which an import reads back to the same instant whatever --time-zone it uses. An
 * instant that text would not give back exactly (one with milliseconds) stays in UTC.
 */
export function storeTimeText(instant: string, timeZone: string): string {
  const local = formatInstant(instant, timeZone);
  const read = parseLocalDateTime(local);
  return read.ok && Date.parse(read.value) === Date.parse(instant) ? local : instant;
}
