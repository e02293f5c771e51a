import { Writable } from 'node:stream';

/** A writable stream that keeps everything written to it, for reading back a writer's output. */
export class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }

  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get text(): string {
    return this.buffer.toString('utf8');
  }
}

/** Run a writer into memory and return the bytes it wrote. */
export async function renderToBuffer(write: (output: MemorySink) => Promise<void>): Promise<Buffer> {
  const sink = new MemorySink();
  await write(sink);
  return sink.buffer;
}
