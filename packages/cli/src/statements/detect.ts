// Auto-detection of a statement's layout from its first rows (`--channel auto`).

import type { SourceRow } from '../files/types.js';
import { findHeader, type HeaderMatch } from './header.js';
import type { Layout } from './layout.js';
import { cellText } from './text.js';
import type { Channel } from './types.js';

/** Minimum share of a layout's signature columns that a header must show. */
const MIN_SCORE = 0.6;

export interface Detection {
  readonly layout: Layout;
  readonly header: HeaderMatch;
  /** Share of the layout's signature columns found in the header, 0–1. */
  readonly score: number;
  /** Another layout that matched exactly as well, when there is one. */
  readonly tie?: Layout;
}

interface Candidate extends Detection {
  readonly found: number;
  readonly hints: number;
}

/**
 * Returns the layout whose signature columns best match a header row among `rows`, or null.
 * Ties go to the layout with more signature columns found, then to the one whose preamble
 * hints (such as `微信支付账单明细`) appear above the header.
 */
export function detectLayout(
  rows: readonly SourceRow[],
  layouts: readonly Layout[],
  channel: Channel | 'auto' = 'auto',
): Detection | null {
  const candidates: Candidate[] = [];
  for (const layout of layouts) {
    if (channel !== 'auto' && layout.channel !== channel) continue;
    const best = findHeader(rows, layout.columns, layout.signature);
    if (best === null || best.score < MIN_SCORE) continue;
    const above = rows
      .filter((row) => row.line < best.match.row.line)
      .map((row) => row.cells.map((cell) => cellText(cell)).join(' '))
      .join('\n');
    const hints = (layout.preambleHints ?? []).filter((hint) => above.includes(hint)).length;
    const found = Math.round(best.score * layout.signature.length);
    candidates.push({ layout, header: best.match, score: best.score, found, hints });
  }
  candidates.sort((a, b) => b.score - a.score || b.found - a.found || b.hints - a.hints);

  const [first, second] = candidates;
  if (first === undefined) return null;
  const tied = second !== undefined && second.score === first.score && second.found === first.found && second.hints === first.hints;
  return tied ? { layout: first.layout, header: first.header, score: first.score, tie: second.layout } : first;
}

/** Finds the header of a layout given explicitly; returns null when no row matches it. */
export function locateHeader(rows: readonly SourceRow[], layout: Layout): Detection | null {
  const best = findHeader(rows, layout.columns, layout.signature);
  return best === null ? null : { layout, header: best.match, score: best.score };
}
