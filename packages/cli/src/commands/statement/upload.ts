import { basename } from 'node:path';
import type { components, StatementUpload } from '@boh/sdk';
import type { StatementLine } from '../../statements/index.js';
import type { ReadStatement } from './read-files.js';

type LineInput = components['schemas']['StatementLineInput'];

// The API keeps ids and texts to 200 characters; longer descriptions are cut, ids never are.
const MAX_TEXT = 200;

/**
 * Turn a parsed statement into what `client.statements.load` sends, for the period given. The
 * upload takes each line out of `read.parsed.lines` as it is sent, and leaves the array empty. The
 * lines of a million-line bill take about 400 MB, which can then be collected during the load
 * instead of after it. The other fields of `read.parsed` stay as they are.
 */
export function toUpload(read: ReadStatement, period: string): StatementUpload {
  const { parsed } = read;
  return {
    statement: {
      channel: parsed.channel,
      layout: parsed.layout,
      file_name: basename(read.file),
      file_sha256: read.sha256,
      period,
      merchant_id: parsed.account.id ?? null,
      time_zone: parsed.timeZone,
      line_count: parsed.lines.length,
      quarantined: parsed.quarantine.length,
      totals: { gross_fen: parsed.totals.grossFen, refund_fen: parsed.totals.refundFen, fee_milli_fen: parsed.totals.feeMilliFen, net_milli_fen: parsed.totals.netMilliFen },
    },
    // Converted as the SDK sends them, batch by batch, rather than all before the first request.
    lines: { [Symbol.iterator]: () => linesOf(parsed.lines) },
  };
}

function* linesOf(lines: readonly StatementLine[]): Generator<LineInput> {
  const remaining = lines as (StatementLine | undefined)[];
  for (let index = 0; index < remaining.length; index += 1) {
    const line = remaining[index]!;
    remaining[index] = undefined;
    yield toLineInput(line);
  }
  remaining.length = 0;
}

/**
 * Build a line's API form. Optional fields that the line lacks are left out rather than sent as
 * null, which the API reads the same way. A WeChat Pay payment has no refund ids, store id,
 * counterparty or memo, so its JSON is about a fifth shorter (458 bytes to 367 for one line).
 */
function toLineInput(line: StatementLine): LineInput {
  const input: LineInput = {
    line: line.line,
    fingerprint: line.fingerprint,
    occurred_at: line.occurredAt,
    business_date: line.businessDate,
    kind: line.kind,
    flow: line.flow,
    gross_fen: line.grossFen,
    refund_fen: line.refundFen,
    fee_milli_fen: line.feeMilliFen,
    net_milli_fen: line.netMilliFen,
  };
  if (line.channelTransactionId !== undefined) input.transaction_id = line.channelTransactionId;
  if (line.merchantOrderNumber !== undefined) input.merchant_order_number = line.merchantOrderNumber;
  if (line.channelRefundId !== undefined) input.refund_id = line.channelRefundId;
  if (line.merchantRefundId !== undefined) input.merchant_refund_id = line.merchantRefundId;
  if (line.storeId !== undefined) input.store_id = line.storeId;
  if (line.description !== undefined) input.description = line.description.slice(0, MAX_TEXT);
  if (line.counterparty !== undefined) input.counterparty = line.counterparty.slice(0, MAX_TEXT);
  if (line.memo !== undefined) input.memo = line.memo.slice(0, MAX_TEXT);
  return input;
}
