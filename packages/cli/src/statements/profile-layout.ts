// The generic parser: turns a mapping profile into a layout. Bank statements and any other
// table described by a profile go through here.

import type { SourceRow } from '../files/types.js';
import type { LineDraft } from './builder.js';
import { inferYear, isoDate, readWallClock } from './datetime.js';
import { definedOnly } from './defined-only.js';
import type { ColumnSpecs } from './header.js';
import { readDataRow, type Layout, type LayoutContext } from './layout.js';
import { isEmptyAmount, parseFen } from './money.js';
import type { StatementProfile } from './profile.js';
import { RowProblem, type RowFields } from './row-fields.js';
import { cellText, normalizeHeader } from './text.js';
import type { Flow, LineKind } from './types.js';
import { TIME_FORMATS } from './when.js';

const DEFAULT_CNY_NAMES = ['CNY', '人民币', 'RMB', '156'];

export function profileLayout(profile: StatementProfile): Layout {
  const columns: Record<string, { aliases: readonly string[]; required?: boolean }> = {};
  for (const [field, aliases] of Object.entries(profile.columns)) columns[field] = { aliases };
  const skipRows = (profile.skipRows ?? []).map((source) => new RegExp(source, 'u'));
  const summaryRows = (profile.summaryRows ?? []).map((source) => new RegExp(source, 'u'));
  const kindRules = (profile.kinds ?? []).map((rule) => ({ regex: new RegExp(rule.pattern, 'u'), kind: rule.kind }));
  const directionRules =
    profile.direction.from === 'rules'
      ? profile.direction.rules.map((rule) => ({ regex: new RegExp(rule.pattern, 'u'), kind: rule.kind, flow: rule.flow }))
      : [];
  const cnyNames = new Set((profile.cnyNames ?? DEFAULT_CNY_NAMES).map(normalizeHeader));

  return {
    id: profile.id,
    channel: profile.channel,
    columns: columns as ColumnSpecs,
    signature: profile.detect.signature,
    ...(profile.detect.preambleHints === undefined ? {} : { preambleHints: profile.detect.preambleHints }),
    ...(profile.timeZone === undefined ? {} : { timeZone: profile.timeZone }),

    createReader(context: LayoutContext) {
      const tally = { in: { count: 0, fen: 0 }, out: { count: 0, fen: 0 }, neutral: { count: 0, fen: 0 } };
      const balances = { unreadable: 0, firstLine: 0, firstValue: '' };

      function readDirection(fields: RowFields): { flow: Flow; amount: number; kind: LineKind | undefined } {
        const direction = profile.direction;
        if (direction.from === 'in-out-columns') {
          const amountIn = Math.abs(fields.fen('amountIn', 0));
          const amountOut = Math.abs(fields.fen('amountOut', 0));
          if (amountIn !== 0 && amountOut !== 0) {
            throw new RowProblem('amount-ambiguous', { in: fields.columnName('amountIn'), out: fields.columnName('amountOut') });
          }
          if (isEmptyAmount(fields.cell('amountIn')) && isEmptyAmount(fields.cell('amountOut'))) {
            throw new RowProblem('amount-missing', { column: `${fields.columnName('amountIn')}/${fields.columnName('amountOut')}` });
          }
          return { flow: flowOfSigned(amountIn - amountOut, 'in'), amount: amountIn + amountOut, kind: undefined };
        }
        if (direction.from === 'rules') {
          const text = fields.text(direction.column) ?? '';
          fields.partial.typeText = text;
          const amount = fields.has('gross') ? 0 : Math.abs(fields.fen('amount'));
          const rule = directionRules.find((candidate) => candidate.regex.test(text));
          if (rule === undefined) {
            fields.partial.grossFen = amount;
            throw new RowProblem('unknown-transaction-type', { type: text, column: fields.columnName(direction.column) }, 'flagged');
          }
          return { flow: rule.flow, amount, kind: rule.kind };
        }
        const signed = fields.fen('amount');
        if (direction.from === 'signed-amount') {
          return { flow: flowOfSigned(signed, direction.positive), amount: Math.abs(signed), kind: undefined };
        }
        const flag = fields.text('flag') ?? '';
        if (direction.in.some((word) => flag.includes(word))) return { flow: 'in', amount: Math.abs(signed), kind: undefined };
        if (direction.out.some((word) => flag.includes(word))) return { flow: 'out', amount: Math.abs(signed), kind: undefined };
        throw new RowProblem('unknown-flow-label', { column: fields.columnName('flag'), value: flag }, 'flagged');
      }

      function kindOf(fields: RowFields): LineKind {
        const text = [fields.text('type'), fields.text('description')].filter((part) => part !== undefined).join(' ');
        return kindRules.find((rule) => rule.regex.test(text))?.kind ?? 'transfer';
      }

      function readLine(row: SourceRow): void {
        readDataRow(row, context, (fields): LineDraft => {
          const dateField =
            profile.dateFallsBackToPostingDate === true && fields.text('date') === undefined && fields.has('postingDate')
              ? 'postingDate'
              : 'date';
          // A file without dates, such as a daily settlement file, takes the bill date if one is given.
          const when = fields.has(dateField)
            ? fields.when(dateField, fields.has('time') ? 'time' : undefined, profile.dateFormats, profile.timeFormats ?? TIME_FORMATS)
            : { occurredAt: null, businessDate: context.billDate ?? null };
          const postingDate = fields.has('postingDate') && fields.text('postingDate') !== undefined ? readPostingDate(fields) : undefined;
          const description = fields.text('description');
          if (description !== undefined) fields.partial.description = description;

          const currency = fields.text('currency');
          if (currency !== undefined && !cnyNames.has(normalizeHeader(currency))) {
            throw new RowProblem('foreign-currency', { currency }, 'flagged');
          }
          const { flow, amount, kind: ruleKind } = readDirection(fields);
          const kind = ruleKind ?? kindOf(fields);

          let grossFen: number;
          let refundFen: number;
          let feeMilliFen: number;
          if (fields.has('gross')) {
            grossFen = fields.fen('gross', 0);
            refundFen = Math.abs(fields.fen('refund', 0));
            feeMilliFen = fields.milliFen('fee', 0);
          } else {
            grossFen = kind === 'refund' || kind === 'fee' ? 0 : amount;
            refundFen = kind === 'refund' ? amount : 0;
            feeMilliFen = kind === 'fee' ? feeOfFeeLine(amount, flow) : 0;
            // A fee column (acquirer settlements) is taken as stated, never recomputed.
            if (fields.has('fee') && kind !== 'fee') feeMilliFen = fields.milliFen('fee', 0);
          }
          tally[flow].count += 1;
          tally[flow].fen += fields.has('gross') ? grossFen - refundFen : amount;

          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind,
            flow,
            grossFen,
            refundFen,
            feeMilliFen,
            ...definedOnly({
              postingDate,
              balanceFen: readBalance(fields),
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrderNumber'),
              channelRefundId: fields.text('channelRefundId'),
              merchantRefundId: fields.text('merchantRefundId'),
              merchantId: fields.text('merchantId'),
              storeId: fields.text('storeId'),
              terminalId: fields.text('terminalId'),
              counterparty: fields.text('counterparty'),
              counterpartyAccount: fields.text('counterpartyAccount'),
              paymentMethod: fields.text('paymentMethod'),
              description,
              status: fields.text('status'),
              typeText: fields.text('type'),
              memo: fields.text('memo'),
            }),
          };
        });
      }

      function readPostingDate(fields: RowFields): string {
        const clock = readWallClock(fields.cell('postingDate'), profile.dateFormats);
        const periodEnd = context.when.periodEnd;
        let year = clock?.year ?? null;
        if (clock !== null && year === null && periodEnd !== undefined) year = inferYear(clock.month, clock.day, periodEnd);
        if (clock === null || year === null) {
          throw new RowProblem('date-invalid', { column: fields.columnName('postingDate'), value: cellText(fields.cell('postingDate')) });
        }
        return isoDate(year, clock.month, clock.day);
      }

      function readBalance(fields: RowFields): number | undefined {
        if (!fields.has('balance') || fields.text('balance') === undefined) return undefined;
        const result = parseFen(fields.cell('balance'));
        if (result.ok) return result.value;
        // A masked balance (`xx,yyyy.zz`) does not block the line: it is counted for one warning.
        if (balances.unreadable === 0) {
          balances.firstLine = fields.row.line;
          balances.firstValue = cellText(fields.cell('balance'));
        }
        balances.unreadable += 1;
        return undefined;
      }

      function readSummary(row: SourceRow): void {
        context.out.note('footer', row);
        const header = context.header.columns;
        const checks: [string, string, 'in' | 'out'][] = [
          ['amountIn', 'in.amount', 'in'],
          ['amountOut', 'out.amount', 'out'],
        ];
        for (const [field, item, flow] of checks) {
          const index = header.get(field);
          if (index === undefined || isEmptyAmount(row.cells[index])) continue;
          const stated = parseFen(row.cells[index]);
          if (!stated.ok) {
            context.out.warn('summary-unreadable', { line: row.line, text: cellText(row.cells[index]) }, row.line);
            continue;
          }
          context.out.check(item, 'fen', Math.abs(stated.value), tally[flow].fen, row.line);
        }
      }

      return {
        read(row: SourceRow) {
          const first = row.cells.map((cell) => cellText(cell)).find((text) => text !== '') ?? '';
          if (summaryRows.some((regex) => regex.test(first))) readSummary(row);
          else if (skipRows.some((regex) => regex.test(first))) context.out.note('footer', row);
          else readLine(row);
        },
        finish() {
          if (balances.unreadable > 0) {
            context.out.warn('balance-unreadable', { count: balances.unreadable, line: balances.firstLine, value: balances.firstValue });
          }
        },
      };
    },
  };
}

/** Returns the flow of a signed amount when positive amounts flow `positive`. */
function flowOfSigned(signed: number, positive: 'in' | 'out'): Flow {
  if (signed === 0) return 'neutral';
  if (signed > 0) return positive;
  return positive === 'in' ? 'out' : 'in';
}

/** Returns the fee of a fee line in thousandths of a fen: charged when out, returned when in. */
export function feeOfFeeLine(amountFen: number, flow: Flow): number {
  return (flow === 'in' ? -amountFen : amountFen) * 1000;
}
