// Entry point: rows in, ParsedStatement out. Detects (or takes) the layout, reads the preamble,
// hands every later row to the layout, and assembles the result.

import type { SourceRow } from '../files/types.js';
import { StatementBuilder } from './builder.js';
import { isValidTimeZone } from './datetime.js';
import { detectLayout, locateHeader, type Detection } from './detect.js';
import { StatementParseError } from './errors.js';
import { warnMissingColumns, type Layout } from './layout.js';
import { BUILT_IN_LAYOUTS } from './layouts/index.js';
import { readStatedFacts } from './preamble.js';
import type { StatementProfile } from './profile.js';
import { profileLayout } from './profile-layout.js';
import { isBlankRow } from './text.js';
import type { Channel, LayoutId, ParsedStatement, StatementPeriod } from './types.js';

export type RowSource = AsyncIterable<SourceRow> | Iterable<SourceRow>;

export interface ParseStatementOptions {
  /** A layout id, or `auto` (the default) to detect it from the first rows. */
  readonly layout?: LayoutId | 'auto';
  /** Limits detection to one channel; `auto` (the default) tries all. */
  readonly channel?: Channel | 'auto';
  /** Mapping profiles (bank and generic layouts), e.g. from `loadProfiles()`. */
  readonly profiles?: readonly StatementProfile[];
  /** Zone of wall-clock times; overrides the zone a file or profile states. Default Asia/Shanghai. */
  readonly timeZone?: string;
  /** Statement period, for files that print dates without a year and do not state one. */
  readonly period?: StatementPeriod;
  /** Business date (YYYY-MM-DD) for files without a date column, such as a daily settlement. */
  readonly billDate?: string;
  /** Rows read before detection; the header must be among them. Default 80. */
  readonly detectionRows?: number;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Lists every layout available: the built-in payment layouts, then the given profiles. */
export function knownLayouts(profiles: readonly StatementProfile[] = []): Layout[] {
  return [...BUILT_IN_LAYOUTS, ...profiles.map(profileLayout)];
}

/**
 * Parses a statement's rows. Row problems never stop the parse: they go to `quarantine`.
 * Raises StatementParseError when the layout cannot be found or an option is invalid.
 */
export async function parseStatement(source: RowSource, options: ParseStatementOptions = {}): Promise<ParsedStatement> {
  const rows = toAsyncIterator(source);

  // Detect: the header must be within the first rows.
  const limit = options.detectionRows ?? 80;
  const head = await take(rows, limit);
  const detection = detect(head, options, limit);
  const { layout, header } = detection;

  // Preamble: the rows above the header state the account, period and totals.
  const preambleRows = head.filter((row) => row.line < header.row.line);
  const facts = readStatedFacts(preambleRows);
  const timeZone = options.timeZone ?? facts.timeZone ?? layout.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new StatementParseError('time-zone-invalid', { zone: timeZone });
  const period = options.period ?? facts.period ?? null;

  const out = new StatementBuilder(layout.id, layout.channel);
  for (const row of preambleRows) out.note('preamble', row);
  if (detection.tie !== undefined) {
    out.warn('layout-ambiguous', { chosen: layout.id, other: detection.tie.id });
  }
  const context = {
    header,
    facts,
    when: { timeZone, periodEnd: period?.end },
    billDate: options.billDate,
    out,
  };
  warnMissingColumns(context);

  // Rows: everything after the header, buffered or still unread.
  const reader = layout.createReader(context);
  const handle = (row: SourceRow): void => {
    if (row.line > header.row.line && !isBlankRow(row.cells)) reader.read(row);
  };
  head.forEach(handle);
  for (let next = await rows.next(); next.done !== true; next = await rows.next()) handle(next.value);
  reader.finish();

  return out.finish({
    headerLine: header.row.line,
    account: {
      ...(facts.accountId === undefined ? {} : { id: facts.accountId }),
      ...(facts.accountName === undefined ? {} : { name: facts.accountName }),
    },
    period,
    timeZone,
  });
}

function detect(head: readonly SourceRow[], options: ParseStatementOptions, limit: number): Detection {
  const layouts = knownLayouts(options.profiles);
  const requested = options.layout ?? 'auto';
  if (requested === 'auto') {
    const channel = options.channel ?? 'auto';
    const detection = detectLayout(head, layouts, channel);
    if (detection !== null) return detection;

    // A layout of another channel names the command that reconciles the file.
    const other = channel === 'auto' ? null : detectLayout(head, layouts, 'auto');
    if (other !== null) throw new StatementParseError('channel-mismatch', { layout: other.layout.id, found: other.layout.channel, expected: channel });
    throw new StatementParseError('layout-not-detected', { rows: limit });
  }
  const layout = layouts.find((candidate) => candidate.id === requested);
  if (layout === undefined) {
    throw new StatementParseError('layout-unknown', { layout: requested, known: layouts.map((l) => l.id).join(', ') });
  }
  const detection = locateHeader(head, layout);
  if (detection === null) throw new StatementParseError('header-not-found', { layout: requested, rows: limit });
  return detection;
}

function toAsyncIterator(source: RowSource): AsyncIterator<SourceRow> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  const iterator = source[Symbol.iterator]();
  return {
    next: () => Promise.resolve(iterator.next()),
  };
}

async function take(rows: AsyncIterator<SourceRow>, count: number): Promise<SourceRow[]> {
  const head: SourceRow[] = [];
  while (head.length < count) {
    const next = await rows.next();
    if (next.done === true) break;
    head.push(next.value);
  }
  return head;
}
