// Field delimiter detection from the start of a CSV text.

import { TableReadError } from './issues.js';

export type Delimiter = ',' | ';' | '\t' | '|';

/** Candidates in order of preference when two fit the sample equally well. */
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

const MAX_SAMPLE_LINES = 200;

/** Returns the delimiter when it is one of the supported ones, or raises `delimiter_invalid`. */
export function checkDelimiter(delimiter: string): Delimiter {
  const found = DELIMITERS.find((candidate) => candidate === delimiter);
  if (found === undefined) throw new TableReadError('delimiter_invalid', { delimiter });
  return found;
}

/**
 * Chooses the delimiter that splits the most sample lines into the same number of fields.
 * Delimiters inside double quotes are not counted, and a last line cut off by the end of the
 * sample is ignored unless `complete` is true because the sample is the whole text. A text without any
 * candidate has one column, and gets a comma.
 */
export function detectDelimiter(sample: string, complete = false): Delimiter {
  const counts = countPerLine(sample, complete);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const score = consistencyScore(counts.map((line) => line[delimiter]));
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

type LineCounts = Record<Delimiter, number>;

function countPerLine(sample: string, complete: boolean): LineCounts[] {
  const lines: LineCounts[] = [];
  let current = emptyCounts();
  let inQuotes = false;
  let hasContent = false;

  for (let index = 0; index < sample.length && lines.length < MAX_SAMPLE_LINES; index += 1) {
    const char = sample[index]!;
    if (char === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (hasContent) lines.push(current);
      current = emptyCounts();
      hasContent = false;
      continue;
    } else if (!inQuotes && (char === ',' || char === '\t' || char === ';' || char === '|')) {
      current[char] += 1;
    }
    hasContent = true;
  }
  if (complete && hasContent) lines.push(current);
  return lines;
}

/** Counts the lines that share the most common non-zero field count; 0 when none is split. */
function consistencyScore(counts: number[]): number {
  const frequency = new Map<number, number>();
  for (const count of counts) {
    if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  }
  let best = 0;
  for (const lines of frequency.values()) best = Math.max(best, lines);
  return best;
}

function emptyCounts(): LineCounts {
  return { ',': 0, '\t': 0, ';': 0, '|': 0 };
}
