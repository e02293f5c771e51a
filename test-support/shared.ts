import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The folder of shared inputs that lives beside the repository (`../shared`), holding public
 * files from other people (`data/real`) and field cases (`cases`). BOH_SHARED_DIR overrides it,
 * for a checkout that is not next to it.
 */
export function sharedDir(): string {
  const dir = process.env.BOH_SHARED_DIR ?? resolve(ROOT, '..', 'shared');
  if (!existsSync(dir)) {
    throw new Error(`The shared data folder ${dir} is missing; set BOH_SHARED_DIR to the folder that holds data/real.`);
  }
  return dir;
}

/** A path under shared/data/real. */
export function realDataPath(...parts: string[]): string {
  return join(sharedDir(), 'data', 'real', ...parts);
}
