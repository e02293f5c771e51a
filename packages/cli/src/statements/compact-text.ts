// Compact strings for parsed lines. A bill's lines stay in memory until the statement is
// loaded. Before these helpers, a line of a WeChat Pay bill took about 930 bytes of heap,
// measured on the bill of bench/generate-statement.mjs, and two kinds of waste made up half of
// that. Texts that recur on every row (the merchant id, the status, the trade type, the
// business date) were a separate string on each line. And V8 keeps a text cut from a longer one
// (an id after its backtick, a digest's first half) as a 32-byte view of the longer string.

/** The maximum number of distinct texts in a pool. Texts seen after it is full are not pooled. */
export const POOL_LIMIT = 65_536;

// Texts longer than this are returned as they are by `detached`. The scratch buffer takes the
// longest UTF-8 form of such a text (3 bytes per UTF-16 unit), so a write is never cut short.
const MAX_DETACHED_LENGTH = 256;
const scratch = Buffer.allocUnsafe(3 * MAX_DETACHED_LENGTH);

/** Keeps one copy of each recurring text, up to POOL_LIMIT distinct texts. */
export class TextPool {
  private readonly texts = new Map<string, string>();

  /** The number of distinct texts kept. */
  get size(): number {
    return this.texts.size;
  }

  /** Returns the pool's copy of `text`, adding it while the pool has room. */
  shared(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    if (this.texts.size < POOL_LIMIT) this.texts.set(text, text);
    return text;
  }
}

/**
 * Returns `text` as a string of its own, not a view of a longer one. Only ASCII texts are
 * copied, through a scratch buffer, which took about 0.2 µs for an id of 30 characters on the
 * benchmark VM. Any other text is returned unchanged, so the copy cannot alter a character.
 */
export function detached(text: string): string {
  if (text.length > MAX_DETACHED_LENGTH) return text;
  const bytes = scratch.write(text, 0, 'utf8');
  return bytes === text.length ? scratch.toString('latin1', 0, bytes) : text;
}
