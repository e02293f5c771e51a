// Streaming text decoding with encoding detection for exports made on Chinese Windows
// systems: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), and
// GBK/GB18030 without any mark.

import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

import { TableReadError } from './issues.js';

export interface DecoderOptions {
  /** Explicit encoding (`utf-8`, `gbk`, `gb18030`, `utf-16le`, …), which turns detection off. */
  readonly encoding?: string;
  /** Bytes examined from the first non-ASCII byte before choosing UTF-8 or GB18030. */
  readonly detectionWindowBytes?: number;
}

// A GBK text is almost never valid UTF-8 past a few characters, so 64 KiB decides safely while
// keeping only that much in memory.
const DEFAULT_WINDOW_BYTES = 64 * 1024;

// Names accepted for the common encodings, mapped to the name reported back.
const CANONICAL_NAMES: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  gbk: 'gbk',
  cp936: 'gbk',
  gb2312: 'gbk',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  ucs2: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
};

/**
 * Returns the canonical name of an encoding given by a user, or raises `encoding_unknown`.
 * Other names that iconv-lite supports (`big5`, `shift_jis`) are accepted in lower case.
 */
export function resolveEncodingName(name: string): string {
  const key = name.trim().toLowerCase();
  const canonical = CANONICAL_NAMES[key];
  if (canonical !== undefined) return canonical;
  if (iconv.encodingExists(key)) return key;
  throw new TableReadError('encoding_unknown', { encoding: name });
}

type State = 'bom' | 'ascii' | 'window' | 'decided';

/**
 * Decodes a byte stream chunk by chunk. Characters split across chunks are held until
 * complete, and a BOM is removed. Without an explicit encoding, ASCII bytes are passed on at
 * once, because they read the same in UTF-8 and GBK. From the first non-ASCII byte on, up to
 * `detectionWindowBytes` are held and checked as UTF-8. Valid bytes mean UTF-8, and so do many
 * valid characters beside a few damaged bytes (the damaged cells are then reported by row).
 * Otherwise the text is GB18030, the superset of GBK and GB2312.
 */
export class StreamingDecoder {
  private state: State = 'bom';
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private readonly windowBytes: number;
  private readonly requested: string | undefined;

  private decided: string | undefined;
  private utf8Decoder: TextDecoder | undefined;
  private utf8Carry: Buffer | undefined;
  private iconvDecoder: iconv.DecoderStream | undefined;

  private bomFound: string | undefined;
  private invalid = false;

  constructor(options: DecoderOptions = {}) {
    this.windowBytes = options.detectionWindowBytes ?? DEFAULT_WINDOW_BYTES;
    this.requested = options.encoding === undefined ? undefined : resolveEncodingName(options.encoding);
  }

  /** The encoding in use, or undefined while only ASCII has been read. */
  get encoding(): string | undefined {
    return this.decided;
  }

  /** The encoding named by the byte order mark, if the input started with one. */
  get bom(): string | undefined {
    return this.bomFound;
  }

  /** Whether some bytes were invalid in the encoding and became U+FFFD. */
  get invalidBytes(): boolean {
    return this.invalid;
  }

  /** Whether the BOM names another encoding than the one requested explicitly. */
  get bomConflict(): boolean {
    return this.requested !== undefined && this.bomFound !== undefined && this.bomFound !== this.requested;
  }

  /** Decodes a chunk and returns the text that is complete so far (possibly empty). */
  write(chunk: Uint8Array): string {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    switch (this.state) {
      case 'decided':
        return this.decode(bytes);
      case 'bom':
        this.hold(bytes);
        return this.pendingLength < 4 ? '' : this.afterBom(this.takePending());
      case 'ascii':
        return this.scanAscii(bytes);
      case 'window':
        this.hold(bytes);
        return this.pendingLength < this.windowBytes ? '' : this.decideFromWindow();
    }
  }

  /** Flushes held bytes at the end of the input; an incomplete last character becomes U+FFFD. */
  end(): string {
    let text = '';
    if (this.state === 'bom') text += this.afterBom(this.takePending());
    if (this.state === 'window') text += this.decideFromWindow();
    if (this.state === 'ascii') this.choose('utf-8');
    return text + this.flushDecoder();
  }

  private afterBom(bytes: Buffer): string {
    const bom = detectBom(bytes);
    this.bomFound = bom?.encoding;
    const rest = bom === undefined ? bytes : bytes.subarray(bom.length);

    if (this.requested !== undefined) {
      this.choose(this.requested);
      return this.decode(rest);
    }
    const chosen = bom?.encoding ?? guessUtf16WithoutBom(rest);
    if (chosen !== undefined) {
      this.choose(chosen);
      return this.decode(rest);
    }
    this.state = 'ascii';
    return this.scanAscii(rest);
  }

  private scanAscii(bytes: Buffer): string {
    if (isAscii(bytes)) return bytes.toString('latin1');
    const firstHigh = bytes.findIndex((byte) => byte >= 0x80);
    this.state = 'window';
    this.hold(bytes.subarray(firstHigh));
    const prefix = bytes.toString('latin1', 0, firstHigh);
    return this.pendingLength < this.windowBytes ? prefix : prefix + this.decideFromWindow();
  }

  private decideFromWindow(): string {
    const window = this.takePending();
    this.choose(looksLikeUtf8(window) ? 'utf-8' : 'gb18030');
    return this.decode(window);
  }

  private choose(encoding: string): void {
    this.decided = encoding;
    this.state = 'decided';
    if (encoding === 'utf-8') {
      this.utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    } else {
      // GBK and GB2312 files are decoded as GB18030, which contains both.
      const decoderName = encoding === 'gbk' ? 'gb18030' : encoding;
      this.iconvDecoder = iconv.getDecoder(decoderName, { stripBOM: false });
    }
  }

  private decode(bytes: Buffer): string {
    if (bytes.length === 0) return '';
    if (this.utf8Decoder !== undefined) {
      this.checkUtf8(bytes);
      return this.utf8Decoder.decode(bytes, { stream: true });
    }
    const text = this.iconvDecoder!.write(bytes);
    if (text.includes('\uFFFD')) this.invalid = true;
    return text;
  }

  /** Validates UTF-8 across chunk boundaries by carrying an incomplete last character over. */
  private checkUtf8(bytes: Buffer): void {
    if (this.invalid) return;
    const joined = this.utf8Carry === undefined ? bytes : Buffer.concat([this.utf8Carry, bytes]);
    const cut = incompleteTailStart(joined);
    if (!isUtf8(joined.subarray(0, cut))) this.invalid = true;
    this.utf8Carry = cut < joined.length ? Buffer.from(joined.subarray(cut)) : undefined;
  }

  private flushDecoder(): string {
    if (this.utf8Decoder !== undefined) {
      if (this.utf8Carry !== undefined) this.invalid = true;
      return this.utf8Decoder.decode();
    }
    const text = this.iconvDecoder?.end() ?? '';
    if (text.includes('\uFFFD')) this.invalid = true;
    return text;
  }

  private hold(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
  }

  private takePending(): Buffer {
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingLength = 0;
    return bytes;
  }
}

/** Decodes a stream of byte chunks to text chunks with a `StreamingDecoder`. */
export async function* decodeStream(
  source: AsyncIterable<Uint8Array>,
  decoder: StreamingDecoder = new StreamingDecoder(),
): AsyncGenerator<string> {
  for await (const chunk of source) {
    const text = decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

function detectBom(bytes: Buffer): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

// Without a BOM, two ASCII characters in UTF-16 show as a zero byte after (LE) or before (BE)
// each of them. No CSV in ASCII or GBK has zero bytes.
function guessUtf16WithoutBom(bytes: Buffer): string | undefined {
  if (bytes.length < 4) return undefined;
  const [b0, b1, b2, b3] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'utf-16le';
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'utf-16be';
  return undefined;
}

// GBK text read as UTF-8 gives at least as many invalid bytes as valid characters. A UTF-8 file
// with a damaged cell gives a few invalid bytes among many valid characters.
const MIN_VALID_CHARACTERS = 8;
const VALID_PER_INVALID = 4;

/**
 * Check whether the bytes are UTF-8, allowing the last character to be cut off: valid
 * throughout, or at least MIN_VALID_CHARACTERS multi-byte characters with one invalid byte or
 * fewer per VALID_PER_INVALID of them.
 */
function looksLikeUtf8(bytes: Buffer): boolean {
  const end = incompleteTailStart(bytes);
  if (isUtf8(bytes.subarray(0, end))) return true;

  let valid = 0;
  let invalid = 0;
  let index = 0;
  while (index < end) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    const length = sequenceLength(byte);
    if (length > 0 && index + length <= end && isUtf8(bytes.subarray(index, index + length))) {
      valid += 1;
      index += length;
    } else {
      invalid += 1;
      index += 1;
    }
  }
  return valid >= MIN_VALID_CHARACTERS && invalid * VALID_PER_INVALID <= valid;
}

/** Return the length of the UTF-8 sequence a lead byte starts, or 0 for a byte that starts none. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Index where an incomplete UTF-8 sequence at the end starts, or the length when there is none. */
function incompleteTailStart(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back += 1) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return length;
    let needed = 2;
    if (byte >= 0xf0) needed = 4;
    else if (byte >= 0xe0) needed = 3;
    return needed > back ? length - back : length;
  }
  return length;
}
