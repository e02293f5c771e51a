import { BohConflictError } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { formatInstant, toJson, viewerTimeZone } from '../../output/format.js';
import { writeLine } from '../../runtime/io.js';
import { periodOption } from '../finance-options.js';
import type { Channel } from '../../statements/index.js';
import { checkPeriodCovered } from './period-check.js';
import { readStatements } from './read-files.js';
import { toUpload } from './upload.js';

export interface LoadedStatement {
  file: string;
  id: string;
  /** False when the server had the statement already and the earlier one is used. */
  loaded: boolean;
  lines: number;
  /** Finished statements that share lines with this one, and how many. */
  overlaps: { statement_id: string; file_name: string; lines: number }[];
  /** The file's SHA-256 in hex, printed only with --json. */
  file_sha256: string;
}

/**
 * Parse and store statement files. A file stored before is reported and its earlier statement
 * is used, so loading the same files again is harmless. A file that shares only some lines with
 * a stored statement is stored, with a warning naming the other statement (even under --quiet).
 */
export async function loadStatements(
  context: Context,
  files: readonly string[],
  period: string,
  channel: Channel | 'auto' = 'auto',
  mappings: readonly string[] = [],
): Promise<LoadedStatement[]> {
  // Ctrl-C aborts the request in flight, and the command then prints what was stored (exit 130).
  const interruption = new AbortController();
  const onInterrupt = () => interruption.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await storeStatements(context, files, period, channel, mappings, interruption.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function storeStatements(
  context: Context,
  files: readonly string[],
  period: string,
  channel: Channel | 'auto',
  mappings: readonly string[],
  signal: AbortSignal,
): Promise<LoadedStatement[]> {
  const client = context.client();
  const loaded: LoadedStatement[] = [];
  const reads = await readStatements(files, channel, context.language, mappings);
  for (const read of reads) checkPeriodCovered(read, period);

  for (const read of reads) {
    const upload = toUpload(read, period);
    if (signal.aborted) throw interruptedError(read.file, undefined, upload.statement.line_count, loaded);
    let sent = 0;
    try {
      const onBatch = ({ done, total }: { done: number; total: number }) => {
        sent = done;
        context.info(context.t('statement.load.progress', { file: read.file, done, total }));
      };
      const statement = await client.statements.load(upload, { signal, onBatch });
      const overlaps = statement.overlaps ?? [];
      for (const overlap of overlaps) {
        const warning = context.t('statement.load.overlap', { file: read.file, lines: overlap.lines, total: statement.line_count, other: overlap.statement_id, other_file: overlap.file_name });
        if (!context.json) writeLine(context.io.stderr, warning);
      }
      loaded.push({ file: read.file, id: statement.id, loaded: true, lines: statement.line_count, overlaps, file_sha256: upload.statement.file_sha256 });
    } catch (error) {
      if (signal.aborted) throw interruptedError(read.file, sent, upload.statement.line_count, loaded);
      const earlier = error instanceof BohConflictError && error.code === 'statement_duplicate' ? error.problem?.params?.['id'] : undefined;
      if (typeof earlier !== 'string') throw error;
      // A duplicate found by its lines is another file of the same bill (another export, or a copy
      // edited without changing a line): the server deleted the upload, and the message names the earlier file.
      const params = (error as BohConflictError).problem?.params ?? {};
      const byLines = params['by'] === 'fingerprint';
      const loadedAt = typeof params['loaded_at'] === 'string' ? formatInstant(params['loaded_at'], viewerTimeZone()) : '?';
      const message = context.t(byLines ? 'statement.load.duplicate_lines' : 'statement.load.duplicate', { file: read.file, id: earlier, earlier_file: params['file'], loaded_at: loadedAt, period: params['period'] ?? period });
      context.info(message);
      loaded.push({ file: read.file, id: earlier, loaded: false, lines: upload.statement.line_count, overlaps: [], file_sha256: upload.statement.file_sha256 });
    }
  }
  return loaded;
}

/**
 * Word a Ctrl-C during a load: how far the file in progress got (`sent` is undefined when its
 * upload had not begun), and which files were stored before it. The server keeps a file's lines
 * in an open statement that no reconciliation reads, and replaces it when the same file is
 * loaded again.
 */
function interruptedError(file: string, sent: number | undefined, total: number, loaded: readonly LoadedStatement[]): ExitError {
  const files = loaded.map((statement) => `${statement.file} (${statement.id})`);
  const stored = files.length > 0 ? { messageKey: 'statement.load.interrupted_stored', params: { files: files.join(', ') } } : '';
  if (sent === undefined) return new ExitError(ExitCode.interrupted, 'statement.load.interrupted_before', { file, stored });
  return new ExitError(ExitCode.interrupted, 'statement.load.interrupted', { file, done: sent, total, stored });
}

/** `boh statement load FILE… --period YYYY-MM [--channel …]`. */
export async function load(context: Context, files: string[], options: { period: string; channel?: string; mapping?: string[] }): Promise<void> {
  const period = periodOption('--period', options.period);
  const loaded = await loadStatements(context, files, period, (options.channel ?? 'auto') as Channel | 'auto', options.mapping);
  if (context.json) {
    context.io.stdout.write(toJson(loaded));
    return;
  }
  for (const statement of loaded) {
    context.io.stdout.write(context.t(statement.loaded ? 'statement.load.done' : 'statement.load.reused', { ...statement }) + '\n');
  }
}
