import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { formatMessage, loadProfiles, parseStatementFile, StatementParseError, type Channel, type ParsedStatement } from '../../statements/index.js';
import type { Language } from '../../i18n/index.js';

export interface ReadStatement {
  file: string;
  sha256: string;
  parsed: ParsedStatement;
}

/**
 * Parse statement files with the built-in layouts, the user's profiles (`mappings`, then
 * BOH_STATEMENT_PROFILES) and the bank profiles in `templates/`. A file no layout recognises
 * ends the command (exit 2) with the parser's reason. Rows the parser cannot read go to the
 * statement's quarantine and never stop it.
 */
export async function readStatements(
  files: readonly string[],
  channel: Channel | 'auto',
  language: Language,
  mappings: readonly string[] = [],
): Promise<ReadStatement[]> {
  const profiles = await loadProfiles(undefined, process.env, mappings).catch((error: unknown) => {
    if (!(error instanceof StatementParseError)) throw error;
    throw new ExitError(ExitCode.usage, 'statement.error.profile', { reason: formatMessage(language, error.code, error.params) });
  });
  const statements: ReadStatement[] = [];
  for (const file of files) {
    try {
      const parsed = await parseStatementFile(file, { channel, profiles });
      const sha256 = await fileSha256(file);
      statements.push({ file, sha256, parsed });
    } catch (error) {
      if (error instanceof StatementParseError) {
        throw new ExitError(ExitCode.usage, 'statement.error.parse', { file: basename(file), reason: formatMessage(language, error.code, error.params) });
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ExitError(ExitCode.usage, 'statement.error.missing', { file });
      throw error;
    }
  }
  return statements;
}

/**
 * Hash a file chunk by chunk. Read whole, a bill of a million lines (about 200 MB) sat in memory
 * beside its parsed lines and raised the CLI's peak by as much.
 */
async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
