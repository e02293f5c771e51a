// Back-pressure for exceljs's streaming writer, which has none of its own.
//
// exceljs 4.4 buffers each worksheet's XML in a StreamBuf that archiver (the zip library) reads
// through a PassThrough. StreamBuf ignores the PassThrough's `write()` result, so rows committed
// faster than zlib and the output consume them pile up in memory. The PassThrough's `needDrain`
// flag is the one place the pile-up shows, so the writer waits for its `drain` before going on.

import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';

import type { Worksheet } from 'exceljs';

import { waitForDrain } from '../stream-output.js';

interface BufferedDestination extends EventEmitter {
  readonly _writableState?: { readonly needDrain?: boolean };
}

/**
 * Wait until the zip has taken the worksheet's buffered XML, or raise if `output` fails first.
 * NOTE: this reads exceljs and readable-stream internals (`stream.pipes`, `_writableState`);
 * if an exceljs upgrade changes them it waits for nothing, and the stalled-output test fails.
 */
export async function waitForWorksheetBuffers(
  worksheet: Worksheet,
  output: Writable,
): Promise<void> {
  const worksheetStream = (worksheet as unknown as { stream?: { pipes?: unknown } }).stream;
  const destinations = Array.isArray(worksheetStream?.pipes) ? (worksheetStream.pipes as BufferedDestination[]) : [];

  for (const destination of destinations) {
    if (destination._writableState?.needDrain) await waitForDrain(destination, output);
  }
}
