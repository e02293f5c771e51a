import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

// Node.js 20's `mkdir(path, { recursive: true })` never returns when the file system reports
// ENOENT for a folder whose parent exists, as /proc does: `mkdir('/proc/x', { recursive: true })`
// spins at full CPU with Node.js 20.20.2. These helpers create one level at a time with plain
// mkdir, which returns that ENOENT as an error instead.

/** Create a folder and any missing parents. An existing folder is left as it is. */
export async function makeDirectory(path: string): Promise<void> {
  try {
    await mkdir(path);
    return;
  } catch (error) {
    if (code(error) === 'EEXIST' && (await stat(path)).isDirectory()) return;
    const parent = dirname(path);
    if (code(error) !== 'ENOENT' || parent === path || (await isDirectory(parent))) throw error;
    await makeDirectory(parent);
  }
  await mkdir(path).catch(async (error: unknown) => {
    if (code(error) !== 'EEXIST' || !(await stat(path)).isDirectory()) throw error;
  });
}

/** Create a folder and any missing parents, synchronously. An existing folder is left as it is. */
export function makeDirectorySync(path: string, mode?: number): void {
  try {
    mkdirSync(path, { mode });
    return;
  } catch (error) {
    if (code(error) === 'EEXIST' && statSync(path).isDirectory()) return;
    const parent = dirname(path);
    if (code(error) !== 'ENOENT' || parent === path || isDirectorySync(parent)) throw error;
    makeDirectorySync(parent, mode);
  }
  try {
    mkdirSync(path, { mode });
  } catch (error) {
    if (code(error) !== 'EEXIST' || !statSync(path).isDirectory()) throw error;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

function isDirectorySync(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
