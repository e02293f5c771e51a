import type { MatchItem } from './item.js';
import type { LineRecord } from './records.js';

/** Minimum number of fee-bearing payment lines to read the channel's usual rate from. */
const MIN_LINES_FOR_RATE = 10;

/** Rates are compared in steps of 0.01 % (100 parts per million). */
const RATE_STEP_PPM = 100;

/** A fee may differ from amount × rate by rounding, up to this many milli-fen (1 fen). */
const ROUNDING_MILLI_FEN = 1000;

/**
 * Flag matched payment lines whose fee (手续费) is not the rate the channel charged on most
 * lines of the run, such as a 6 % fee where the contract sets 0.6 %. The gross amounts agree,
 * so the item becomes an amount mismatch with reason `fee_differs`. Its difference is what the
 * net differs by: the usual fee less the fee charged, rounded to the fen (negative when the
 * channel charged more).
 *
 * NOTE: the usual rate is read from the lines themselves, so a run where fewer than half of the
 * lines share one rate, or with fewer than 10 fee-bearing lines, checks no fee.
 */
export function flagFeeDifferences(items: MatchItem[], settledLines: readonly LineRecord[] = []): void {
  const rate = usualRatePpm([...items.flatMap((item) => item.lines), ...settledLines]);
  if (rate === undefined || rate === 0) return;

  for (const item of items) {
    if ((item.state !== 'matched' && item.state !== 'timing_difference') || item.lines.length !== 1) continue;
    const line = item.lines[0]!;
    if (line.kind !== 'payment') continue;
    const expected = Math.round((line.amountFen * rate) / 1000);
    if (Math.abs(line.feeMilliFen - expected) <= ROUNDING_MILLI_FEN) continue;
    item.state = 'amount_mismatch';
    item.reason = 'fee_differs';
    item.differenceFen = Math.round((expected - line.feeMilliFen) / 1000);
  }
}

function usualRatePpm(statementLines: readonly LineRecord[]): number | undefined {
  const counts = new Map<number, number>();
  let lines = 0;
  for (const line of statementLines) {
    if (line.kind !== 'payment' || line.amountFen < 100 || line.feeMilliFen < 0) continue;
    const ppm = Math.round((line.feeMilliFen * 1000) / line.amountFen / RATE_STEP_PPM) * RATE_STEP_PPM;
    counts.set(ppm, (counts.get(ppm) ?? 0) + 1);
    lines++;
  }
  if (lines < MIN_LINES_FOR_RATE) return undefined;

  let best: number | undefined;
  let bestCount = 0;
  for (const [ppm, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && ppm < best)) {
      best = ppm;
      bestCount = count;
    }
  }
  return bestCount * 2 > lines ? best : undefined;
}
