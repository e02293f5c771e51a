import { basename } from 'node:path';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { localDateOf } from '../../statements/datetime.js';
import type { ReadStatement } from './read-files.js';

/**
 * Reject a statement none of whose lines is dated in the period (exit 2), naming the dates the
 * file covers: such a file was loaded for the wrong month and would reconcile to nothing. A line's
 * date is its local date in the statement's time zone, or its business date when it has no time.
 * A statement without lines passes, since a month without transactions is possible.
 */
export function checkPeriodCovered(read: ReadStatement, period: string): void {
  const dates: string[] = [];
  for (const line of read.parsed.lines) {
    const date = line.occurredAt === null ? line.businessDate : localDateOf(Date.parse(line.occurredAt), read.parsed.timeZone);
    if (date === null) continue;
    if (date.slice(0, 7) === period) return;
    dates.push(date);
  }
  if (dates.length === 0) return;

  dates.sort();
  throw new ExitError(ExitCode.usage, 'statement.error.period', { file: basename(read.file), period, first: dates[0], last: dates.at(-1) });
}
