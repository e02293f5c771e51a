// Collects what a layout reads from a statement (lines, quarantined rows, warnings, summary
// checks) and assembles the ParsedStatement: net amounts, fingerprints, refund links, totals.

import type { SourceRow } from '../files/types.js';
import { detached, TextPool } from './compact-text.js';
import { fingerprintKey, fingerprintOf } from './fingerprint.js';
import { formatFen, formatMilliFen } from './money.js';
import { linkRefunds } from './refund-links.js';
import { rowText } from './text.js';
import type {
  Channel,
  Flow,
  LineKind,
  ParsedStatement,
  PartialLine,
  QuarantinedRow,
  StatementAccount,
  StatementLine,
  StatementPeriod,
  StatementTotals,
  StatementWarning,
  SummaryCheck,
  TextRow,
} from './types.js';
import type { MessageCode } from './messages.js';

/** Line values from a layout. The builder adds the net, the fingerprint and refund links. */
export type LineDraft = Omit<
  StatementLine,
  'line' | 'fingerprint' | 'netMilliFen' | 'refundOf' | 'currency'
>;

type Params = Readonly<Record<string, string | number>>;

type MutableLine = { -readonly [K in keyof StatementLine]: StatementLine[K] };

// Fields whose texts recur from row to row, kept once in the builder's pool.
const RECURRING_FIELDS = [
  'businessDate',
  'postingDate',
  'merchantId',
  'storeId',
  'terminalId',
  'counterparty',
  'counterpartyAccount',
  'paymentMethod',
  'description',
  'status',
  'typeText',
  'feeRate',
  'memo',
] as const satisfies readonly (keyof StatementLine)[];

// Fields that differ on nearly every row, copied out of the cell they were cut from.
const UNIQUE_FIELDS = ['occurredAt', 'channelTransactionId', 'merchantOrderNumber', 'channelRefundId', 'merchantRefundId'] as const satisfies readonly (keyof StatementLine)[];

/**
 * Returns +1 when the holder is the payee of the line's money, −1 when the payer, 0 for a
 * neutral line. A refund reverses the role of the payment it refunds. A fee line is read from
 * the payee's side, so its fee alone makes its net.
 */
export function holderSign(kind: LineKind, flow: Flow): number {
  if (flow === 'neutral') return 0;
  if (kind === 'fee') return 1;
  if (kind === 'refund') return flow === 'out' ? 1 : -1;
  return flow === 'in' ? 1 : -1;
}

/** Computes a line's signed net in thousandths of a fen. */
export function netOf(draft: Pick<LineDraft, 'kind' | 'flow' | 'grossFen' | 'refundFen' | 'feeMilliFen'>): number {
  const net = holderSign(draft.kind, draft.flow) * (draft.grossFen - draft.refundFen) * 1000 - draft.feeMilliFen;
  // A neutral line would otherwise give −0, which equality checks tell apart from 0.
  return net === 0 ? 0 : net;
}

export class StatementBuilder {
  // The fingerprint is set by finish(), once the account is known; '' until then.
  private readonly lines: MutableLine[] = [];
  private readonly texts = new TextPool();
  private readonly quarantined: QuarantinedRow[] = [];
  private readonly warnings: StatementWarning[] = [];
  private readonly checks: SummaryCheck[] = [];
  private readonly preamble: TextRow[] = [];
  private readonly footer: TextRow[] = [];

  constructor(
    readonly layout: string,
    readonly channel: Channel,
  ) {}

  /**
   * Completes the draft into a line in place, so the layout must hand over a new object per row.
   * A copy of every line cost more CPU than reading it (bench/reconcile.bench.mjs). Its texts
   * are made compact (see compact-text.ts), which halves the heap a line holds.
   */
  addLine(row: SourceRow, draft: LineDraft): void {
    const line = draft as MutableLine;
    const texts = line as Partial<Record<(typeof RECURRING_FIELDS)[number] | (typeof UNIQUE_FIELDS)[number], string | null>>;
    for (const field of RECURRING_FIELDS) {
      const text = texts[field];
      if (typeof text === 'string') texts[field] = this.texts.shared(text);
    }
    for (const field of UNIQUE_FIELDS) {
      const text = texts[field];
      if (typeof text === 'string') texts[field] = detached(text);
    }
    line.line = row.line;
    line.currency = 'CNY';
    line.netMilliFen = netOf(draft);
    line.fingerprint = '';
    this.lines.push(line);
  }

  quarantine(
    row: SourceRow,
    disposition: QuarantinedRow['disposition'],
    code: MessageCode,
    params: Params,
    partial: PartialLine = {},
  ): void {
    this.quarantined.push({
      line: row.line,
      disposition,
      code,
      params: { line: row.line, ...params },
      rawText: rowText(row.cells),
      rawCells: row.cells,
      partial,
    });
  }

  warn(code: MessageCode, params: Params, line?: number): void {
    this.warnings.push(line === undefined ? { code, params } : { code, params, line });
  }

  /** Records a figure the file states about itself and warns when the rows disagree. */
  check(item: string, unit: SummaryCheck['unit'], stated: number, computed: number, line: number): void {
    const matches = stated === computed;
    this.checks.push({ item, unit, stated, computed, line, matches });
    if (!matches) {
      this.warn(
        'summary-mismatch',
        { item, stated: formatFigure(unit, stated), computed: formatFigure(unit, computed), statedLine: line },
        line,
      );
    }
  }

  /** Keeps a non-data row's text for the record. */
  note(where: 'preamble' | 'footer', row: SourceRow): void {
    const text = rowText(row.cells);
    if (text !== '') (where === 'preamble' ? this.preamble : this.footer).push({ line: row.line, text });
  }

  /** Data rows handled so far (lines and quarantined rows), for stated record counts. */
  get processed(): number {
    return this.lines.length + this.quarantined.length;
  }

  finish(meta: {
    headerLine: number;
    account: StatementAccount;
    period: StatementPeriod | null;
    timeZone: string;
  }): ParsedStatement {
    // Merchant bills name their merchant on every row rather than above the header.
    const merchantIds = new Set(this.lines.map((line) => line.merchantId));
    const [onlyMerchant] = merchantIds;
    const account =
      meta.account.id === undefined && merchantIds.size === 1 && onlyMerchant !== undefined
        ? { ...meta.account, id: onlyMerchant }
        : meta.account;
    const lines = this.fingerprintLines(account.id);
    const linked = linkRefunds(lines);
    const flagged = this.quarantined.filter((row) => row.disposition === 'flagged').length;
    if (this.lines.length + this.quarantined.length === 0) this.warn('no-data-rows', { line: meta.headerLine });

    return {
      layout: this.layout,
      channel: this.channel,
      headerLine: meta.headerLine,
      account,
      period: meta.period,
      timeZone: meta.timeZone,
      lines: linked,
      quarantine: [...this.quarantined].sort((a, b) => a.line - b.line),
      warnings: this.warnings,
      summary: this.checks,
      totals: computeTotals(linked),
      counts: {
        processed: this.lines.length + this.quarantined.length,
        ok: this.lines.length,
        flagged,
        rejected: this.quarantined.length - flagged,
      },
      preamble: this.preamble,
      footer: this.footer,
    };
  }

  /**
   * Sets each line's fingerprint in place, sparing a copy of every line of a large file. The
   * map of lines seen is keyed by the first-occurrence fingerprint, a SHA-256 digest of the key.
   * That string is shared with the line, and the key text would add about 200 characters a line.
   */
  private fingerprintLines(accountId: string | undefined): StatementLine[] {
    const firstLines = new Map<string, number>();
    const occurrences = new Map<string, number>();
    for (const line of this.lines) {
      const key = fingerprintKey(line, this.channel, accountId);
      const first = fingerprintOf(this.channel, key, 0);
      const firstLine = firstLines.get(first);
      if (firstLine === undefined) {
        firstLines.set(first, line.line);
        line.fingerprint = first;
        continue;
      }
      const occurrence = occurrences.get(first) ?? 1;
      occurrences.set(first, occurrence + 1);
      this.warn('duplicate-line', { line: line.line, first: firstLine }, line.line);
      line.fingerprint = fingerprintOf(this.channel, key, occurrence);
    }
    return this.lines;
  }
}

/** Formats a summary figure for a message: money as yuan, counts as they are. */
function formatFigure(unit: SummaryCheck['unit'], value: number): string | number {
  if (unit === 'fen') return formatFen(value);
  if (unit === 'milli-fen') return formatMilliFen(value);
  return value;
}

/** Sums lines: gross, refund, fee and net, and lines and net per flow. */
export function computeTotals(lines: readonly StatementLine[]): StatementTotals {
  const byFlow = {
    in: { lines: 0, netMilliFen: 0 },
    out: { lines: 0, netMilliFen: 0 },
    neutral: { lines: 0, netMilliFen: 0 },
  };
  let grossFen = 0;
  let refundFen = 0;
  let feeMilliFen = 0;
  let netMilliFen = 0;
  for (const line of lines) {
    grossFen += line.grossFen;
    refundFen += line.refundFen;
    feeMilliFen += line.feeMilliFen;
    netMilliFen += line.netMilliFen;
    byFlow[line.flow].lines += 1;
    byFlow[line.flow].netMilliFen += line.netMilliFen;
  }
  return { lines: lines.length, grossFen, refundFen, feeMilliFen, netMilliFen, byFlow };
}
