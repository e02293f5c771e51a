import { createWriteStream, openSync, type WriteStream } from 'node:fs';

/**
 * Create a write stream on a file opened before this returns. A folder without write permission
 * or on a read-only disk then raises here, as an error the command can word, instead of as an
 * 'error' event of the stream that no one listens to and that ends the process.
 */
export function createOutputStream(path: string): WriteStream {
  return createWriteStream(path, { fd: openSync(path, 'w') });
}

/** Set the path of an error about a temporary file to the file it stands for, and return the error. */
export function retargetErrorPath(error: unknown, temporary: string, output: string): unknown {
  if (error instanceof Error && (error as NodeJS.ErrnoException).path === temporary) (error as NodeJS.ErrnoException).path = output;
  return error;
}
