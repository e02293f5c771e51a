import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { retargetErrorPath } from '../../files/output-stream.js';
import { UsageError } from '../../runtime/errors.js';

/**
 * Check that the folder of an output file exists, so a wrong path ends in a usage error
 * before anything is read or written.
 */
export function checkOutputFolder(output: string): void {
  if (output === '-') return;
  const folder = dirname(resolve(output));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError('export.error.folder', { folder, file: output });
}

/**
 * Write an output file through a partial file beside it, renamed into place only when `write`
 * succeeds. A failed export leaves no empty or half-written file, and an older file of the same
 * name stays as it was. Writing to stdout (`-`) passes `-` through.
 */
export async function writeThroughPartialFile<T>(output: string, write: (path: string) => Promise<T>): Promise<T> {
  if (output === '-') return write(output);

  const partial = join(dirname(output), `.${basename(output)}.${process.pid}.partial`);
  try {
    const result = await write(partial);
    renameSync(partial, output);
    return result;
  } catch (error) {
    rmSync(partial, { force: true });
    throw retargetErrorPath(error, partial, output);
  }
}
