// Loads and checks the mapping profiles in templates/statements/ and those the user names.

import { readdir, readFile, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestedMessage } from '../i18n/index.js';
import { JsonTextError, parseJsonText } from '../runtime/json-text.js';
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
    path: issue === undefined || issue.path.length === 0 ? { messageKey: 'statement.profile.root' } : { messageKey: 'statement.profile.field', params: { path: issue.path.join('.') } },
    problem: issue?.message ?? { messageKey: 'json.invalid' },
  });
}

/**
 * Reads every `*.json` profile of a folder, in file-name order. Without a folder, reads the
 * profiles of `named` first (files or folders, from `--mapping`), then those named by
 * BOH_STATEMENT_PROFILES (separated by `:`, or `;` on Windows), then the repository's, so a
 * user's layout is tried before the built-in ones.
 */
export async function loadProfiles(
  directory?: string,
  env: NodeJS.ProcessEnv = process.env,
  named: readonly string[] = [],
): Promise<StatementProfile[]> {
  if (directory !== undefined) return loadFolder(directory);

  const profiles: StatementProfile[] = [];
  const fromEnv = (env.BOH_STATEMENT_PROFILES ?? '').split(delimiter).filter(Boolean);
  for (const path of [...named, ...fromEnv]) profiles.push(...(await loadPath(path)));
  profiles.push(...(await loadFolder(defaultProfilesDirectory())));
  return profiles;
}

async function loadPath(path: string): Promise<StatementProfile[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw new StatementParseError('profile-unreadable', { file: path, reason: readFailureReason(error) });
  }
  return isFolder ? loadFolder(path) : [await loadFile(path)];
}

async function loadFolder(directory: string): Promise<StatementProfile[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  const profiles: StatementProfile[] = [];
  for (const name of names) profiles.push(await loadFile(join(directory, name)));
  return profiles;
}

async function loadFile(file: string): Promise<StatementProfile> {
  let json: unknown;
  try {
    json = parseJsonText(await readFile(file, 'utf8'));
  } catch (error) {
    throw new StatementParseError('profile-unreadable', { file, reason: readFailureReason(error) });
  }
  return parseProfile(json, file);
}

/** Word why a profile file could not be read: its JSON, or a file system error by its code. */
function readFailureReason(error: unknown): NestedMessage | string {
  if (error instanceof JsonTextError) return error.reason;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && FILE_SYSTEM_CODES.includes(code)) return { messageKey: `fs.${code}` };
  return (error as Error).message;
}

/** Error codes that the CLI catalogue words as `fs.<code>`. */
const FILE_SYSTEM_CODES = ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG'];
