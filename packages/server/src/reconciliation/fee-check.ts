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
export function flagFeeDifferences(items: MatchItem[], settledLines: readonly LineRecord[] = [], moreRates?: RateCounts): void {
  const rate = usualFeeRate(items, settledLines, moreRates);
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

/** How many fee-bearing payment lines charged each rate, in parts per million. */
export interface RateCounts {
  readonly counts: Map<number, number>;
  lines: number;
}

export function emptyRateCounts(): RateCounts {
  return { counts: new Map(), lines: 0 };
}

/**
 * Count the rate of a payment line of `amountFen` with `feeMilliFen`, `times` times. Lines under
 * 1 yuan, or with a negative fee, say nothing about the rate.
 */
export function countRate(rates: RateCounts, amountFen: number, feeMilliFen: number, times = 1): void {
  if (amountFen < 100 || feeMilliFen < 0) return;
  const ppm = Math.round((feeMilliFen * 1000) / amountFen / RATE_STEP_PPM) * RATE_STEP_PPM;
  rates.counts.set(ppm, (rates.counts.get(ppm) ?? 0) + times);
  rates.lines += times;
}

/**
 * Find the rate most lines of the run charged: the lines of the items, the lines matched by an
 * earlier run, and `moreRates` (lines paired in the database). Undefined when no rate has a
 * majority.
 */
export function usualFeeRate(items: readonly MatchItem[], settledLines: readonly LineRecord[], moreRates?: RateCounts): number | undefined {
  const rates = emptyRateCounts();
  const count = (line: LineRecord) => {
    if (line.kind === 'payment') countRate(rates, line.amountFen, line.feeMilliFen);
  };
  for (const item of items) item.lines.forEach(count);
  settledLines.forEach(count);
  if (moreRates) {
    for (const [ppm, times] of moreRates.counts) rates.counts.set(ppm, (rates.counts.get(ppm) ?? 0) + times);
    rates.lines += moreRates.lines;
  }
  if (rates.lines < MIN_LINES_FOR_RATE) return undefined;

  let best: number | undefined;
  let bestCount = 0;
  for (const [ppm, times] of rates.counts) {
    if (times > bestCount || (times === bestCount && best !== undefined && ppm < best)) {
      best = ppm;
      bestCount = times;
    }
  }
  return bestCount * 2 > rates.lines ? best : undefined;
}
