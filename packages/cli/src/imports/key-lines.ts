/** Slot fields: the key's FNV-1a hash, the offset and length of its UTF-8 bytes, and its line. */
const SLOT_FIELDS = 4;
const FIRST_SLOTS = 1024;
const FIRST_BYTES = 64 * 1024;
const MAX_LINE = 0xffff_ffff;

/**
 * A map from text keys to line numbers, kept in an open-addressing hash table of typed arrays
 * outside the JavaScript heap. An import keeps the keys of the records it has sent, up to a
 * million of them. A Map of 400,000 keys such as `["B00000001","S001"]` takes about 29 MB of
 * live heap, and V8 lets its heap grow to several times the live size before it collects. Here
 * a key takes its UTF-8 bytes and 16 bytes a slot, with at least half of the slots empty.
 *
 * NOTE: keys are compared by their UTF-8 bytes, so texts that differ only in lone surrogates
 * (each written as U+FFFD) are one key. The JSON text of record keys has none.
 */
export class KeyLines {
  #slots = new Uint32Array(FIRST_SLOTS * SLOT_FIELDS);
  #mask = FIRST_SLOTS - 1;
  /** The keys' UTF-8 bytes. The bytes after `#used` are scratch space for the key being looked up. */
  #bytes = Buffer.allocUnsafe(FIRST_BYTES);
  #used = 0;
  #size = 0;
  /** The hash of the key staged last by `#stage`. */
  #hash = 0;

  get size(): number {
    return this.#size;
  }

  get(key: string): number | undefined {
    const slot = this.#find(this.#stage(key));
    const line = this.#slots[slot * SLOT_FIELDS + 3]!;
    return line === 0 ? undefined : line;
  }

  /** Set the line of `key`, a whole number from 1 to 2^32 - 1. */
  set(key: string, line: number): void {
    if (!Number.isInteger(line) || line < 1 || line > MAX_LINE) throw new RangeError(`KeyLines: line ${line} is not a whole number from 1 to ${MAX_LINE}`);
    const length = this.#stage(key);
    const base = this.#find(length) * SLOT_FIELDS;
    if (this.#slots[base + 3] === 0) {
      this.#slots[base] = this.#hash;
      this.#slots[base + 1] = this.#used;
      this.#slots[base + 2] = length;
      this.#used += length;
      this.#size += 1;
    }
    this.#slots[base + 3] = line;
    if (this.#size * 2 > this.#mask + 1) this.#growSlots();
  }

  clear(): void {
    this.#slots = new Uint32Array(FIRST_SLOTS * SLOT_FIELDS);
    this.#mask = FIRST_SLOTS - 1;
    this.#bytes = Buffer.allocUnsafe(FIRST_BYTES);
    this.#used = 0;
    this.#size = 0;
  }

  /** Write the key's UTF-8 bytes after the stored ones and hash them; returns their length. */
  #stage(key: string): number {
    // A UTF-16 code unit takes at most three UTF-8 bytes.
    const needed = this.#used + key.length * 3;
    if (needed > this.#bytes.length) {
      const bytes = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
      this.#bytes.copy(bytes, 0, 0, this.#used);
      this.#bytes = bytes;
    }
    const length = this.#bytes.write(key, this.#used, 'utf8');
    let hash = 0x811c9dc5;
    for (let index = this.#used; index < this.#used + length; index += 1) hash = Math.imul(hash ^ this.#bytes[index]!, 0x01000193);
    this.#hash = hash >>> 0;
    return length;
  }

  /** Return the slot of the staged key, or the empty slot where it would go. */
  #find(length: number): number {
    const slots = this.#slots;
    for (let slot = this.#hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const base = slot * SLOT_FIELDS;
      if (slots[base + 3] === 0) return slot;
      if (slots[base] !== this.#hash || slots[base + 2] !== length) continue;
      const offset = slots[base + 1]!;
      if (this.#bytes.compare(this.#bytes, offset, offset + length, this.#used, this.#used + length) === 0) return slot;
    }
  }

  #growSlots(): void {
    const old = this.#slots;
    const count = (this.#mask + 1) * 2;
    this.#slots = new Uint32Array(count * SLOT_FIELDS);
    this.#mask = count - 1;
    for (let base = 0; base < old.length; base += SLOT_FIELDS) {
      if (old[base + 3] === 0) continue;
      let slot = old[base]! & this.#mask;
      while (this.#slots[slot * SLOT_FIELDS + 3] !== 0) slot = (slot + 1) & this.#mask;
      this.#slots.set(old.subarray(base, base + SLOT_FIELDS), slot * SLOT_FIELDS);
    }
  }
}
