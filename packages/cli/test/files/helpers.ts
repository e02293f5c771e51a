// Shared helpers of the file-reader tests: temporary files, chunked byte sources and time
// zone switching.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

import type { SourceRow } from '../../src/files/types.js';

/** A temporary folder removed after the test file; returns a function that writes into it. */
export function temporaryFiles(): (name: string, content: string | Uint8Array) => string {
  const folder = mkdtempSync(join(tmpdir(), 'boh-files-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return (name, content) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
}

/** Yields the bytes in chunks of the given sizes (the last size repeats). */
export async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  let index = 0;
  while (offset < bytes.length) {
    const size = Math.max(1, sizes[Math.min(index, sizes.length - 1)] ?? 1);
    yield bytes.subarray(offset, offset + size);
    offset += size;
    index += 1;
  }
}

export async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const result: SourceRow[] = [];
  for await (const row of rows) result.push(row);
  return result;
}

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The time zones every time-sensitive test runs under. */
export const PROCESS_TIME_ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'] as const;

/**
 * Runs `body` with the process time zone set to `zone`, checking that Node applied it (the
 * offset in January differs between the three zones), and restores the previous zone.
 */
export async function withProcessTimeZone<T>(zone: string, body: () => Promise<T> | T): Promise<T> {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    const expectedOffset = { UTC: 0, 'Asia/Shanghai': -480, 'America/Los_Angeles': 480 }[zone];
    const actualOffset = new Date(Date.UTC(2024, 0, 5)).getTimezoneOffset();
    if (expectedOffset !== undefined && actualOffset !== expectedOffset) {
      throw new Error(`TZ=${zone} did not take effect: offset ${actualOffset}`);
    }
    return await body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}
