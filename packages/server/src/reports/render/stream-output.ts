// Writing text to a Node stream while honouring back-pressure, so a writer keeps at most one
// batch of output in memory however many rows the report has.

import { type EventEmitter, once } from 'node:events';
import type { Writable } from 'node:stream';

/** Output is passed to the stream in batches of about this many UTF-16 code units. */
const BATCH_SIZE = 64 * 1024;

/** Collects text and writes it in batches, waiting for `drain` whenever `write()` returns false. */
export class BatchedTextOutput {
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly output: Writable) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pendingLength === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    await writeWithBackPressure(this.output, chunk);
  }

  /** Write what is left and end the stream; resolves once the stream has finished. */
  async end(): Promise<void> {
    await this.flush();
    await endStream(this.output);
  }
}

/** Write one chunk; when the stream's buffer is full, wait until it drains or fails. */
export async function writeWithBackPressure(output: Writable, chunk: string | Buffer): Promise<void> {
  if (output.destroyed) throw new Error('The output stream was closed before the report was complete');
  if (!output.write(chunk)) await waitForDrain(output);
}

/**
 * Wait for `buffer` to emit `drain`, raising if `output` (the stream the data ends up in, by
 * default `buffer` itself) errors or closes first, because then `buffer` would never drain.
 */
export async function waitForDrain(buffer: EventEmitter, output: Writable = buffer as Writable): Promise<void> {
  if (output.destroyed) throw outputClosedError(output);
  const controller = new AbortController();
  const { signal } = controller;
  const outputFailed = async (): Promise<never> => {
    const [error] = (await Promise.race([once(output, 'error', { signal }), once(output, 'close', { signal })])) as [
      unknown,
    ];
    throw error instanceof Error ? error : new Error('The output stream was closed before the report was complete');
  };

  try {
    await Promise.race([once(buffer, 'drain', { signal }), outputFailed()]);
  } finally {
    controller.abort();
  }
}

/**
 * Watch `output` for an error or a close before it finished, for work (such as exceljs's commit)
 * that would otherwise wait for it forever. Call `stop` when the work is over.
 */
export function watchOutput(output: Writable): { readonly failed: Promise<never>; stop(): void } {
  let stop = () => {};
  const failed = new Promise<never>((_resolve, reject) => {
    if (output.destroyed) {
      reject(outputClosedError(output));
      return;
    }
    const onError = (error: Error) => reject(error);
    const onClose = () => {
      if (!output.writableFinished) reject(outputClosedError(output));
    };
    output.once('error', onError);
    output.once('close', onClose);
    stop = () => {
      output.off('error', onError);
      output.off('close', onClose);
    };
  });
  // The caller races this promise; a failure after the race is over must not be unhandled.
  failed.catch(() => {});
  return { failed, stop: () => stop() };
}

function outputClosedError(output: Writable): Error {
  return output.errored ?? new Error('The output stream was closed before the report was complete');
}

/** End the stream and wait until every byte was handed on (`finish`), raising on a stream error. */
export async function endStream(output: Writable): Promise<void> {
  const finished = once(output, 'finish');
  output.end();
  await finished;
}
