// Loads and checks the mapping profiles in templates/statements/.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StatementParseError } from './errors.js';
import { profileSchema, type StatementProfile } from './profile.js';

/**
 * Returns the repository's templates/statements/ folder, found from this module (src/ or dist/).
 * NOTE: the published package ships only bin/ and dist/, so outside the repository pass a folder.
 */
export function defaultProfilesDirectory(): string {
  return fileURLToPath(new URL('../../../../templates/statements/', import.meta.url));
}

/** Checks one profile; raises StatementParseError naming the file and the first problem. */
export function parseProfile(json: unknown, file: string): StatementProfile {
  const result = profileSchema.safeParse(json);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new StatementParseError('profile-invalid', {
    file,
    path: issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.'),
    problem: issue?.message ?? 'invalid',
  });
}

/** Reads every `*.json` profile of a folder, in file-name order. */
export async function loadProfiles(directory: string = defaultProfilesDirectory()): Promise<StatementProfile[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  const profiles: StatementProfile[] = [];
  for (const name of names) {
    const file = join(directory, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new StatementParseError('profile-invalid', { file, path: '(root)', problem: (error as Error).message });
    }
    profiles.push(parseProfile(json, file));
  }
  return profiles;
}
