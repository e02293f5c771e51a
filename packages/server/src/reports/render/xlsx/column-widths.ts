// Column widths fitted to content, in Excel's unit (about one digit of the default font).

import { displayWidth } from '../values/display-width.js';

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Room for the filter button in a header cell and for cell padding. */
const PADDING = 3;

/** Return a width that fits the widest text, counting CJK characters double, within 6 to 60. */
export function fittedWidth(texts: Iterable<string>): number {
  let widest = 0;
  for (const text of texts) {
    // A multi-line cell is as wide as its longest line.
    for (const line of text.split(/\r\n|\r|\n/)) widest = Math.max(widest, displayWidth(line));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + PADDING));
}
