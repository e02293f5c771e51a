import { displayZone, toJson } from '../output/format.js';
import { renderTable, type Column } from '../output/table.js';
import type { Context } from '../runtime/context.js';
import { firstRecords } from '../runtime/first-records.js';
import { integerOption, periodOption } from './finance-options.js';

/** Options of a list filtered by period and channel: `boh statement list`, `boh reconcile list`. */
export interface PeriodChannelListOptions<Channel extends string> {
  period?: string;
  channel?: Channel;
  limit?: string;
}

/**
 * Fetches up to `--limit` records (20 unless given) by period and channel and prints them:
 * a JSON array with --json, a table otherwise, or the `none` message when there are none.
 */
export async function printPeriodChannelList<Channel extends string, Item>(
  context: Context,
  options: PeriodChannelListOptions<Channel>,
  fetch: (filters: { period?: string; channel?: Channel; limit: number }) => AsyncIterable<Item>,
  none: string,
  columns: (zone: string | undefined) => Column<Item>[],
): Promise<void> {
  const limit = integerOption('--limit', options.limit ?? '20', 1, 100_000);
  const filters = {
    ...(options.period !== undefined ? { period: periodOption('--period', options.period) } : {}),
    ...(options.channel !== undefined ? { channel: options.channel } : {}),
    limit: Math.min(limit, 200),
  };
  const records = await firstRecords(fetch(filters), limit);

  if (context.json) {
    context.io.stdout.write(toJson(records));
    return;
  }
  if (records.length === 0) {
    context.info(context.t(none));
    return;
  }
  const table = columns(displayZone(context.io.stdout));
  context.io.stdout.write(renderTable(records, table, Boolean(context.io.stdout.isTTY)));
}
