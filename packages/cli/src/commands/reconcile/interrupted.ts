import { rm } from 'node:fs/promises';
import { ExitError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';

/** The step `boh reconcile` was in when Ctrl-C came, after its statements were stored. */
export type ReconcileStep =
  /** Running the reconciliation; `started` is false when the request had not been sent. */
  | { step: 'run'; started: boolean }
  /** Writing `file`; `written` lists the files finished before it. */
  | { step: 'files'; reconciliationId: string; file: string; written: readonly string[] };

export interface RunScope {
  channel: string;
  period: string;
  statementIds: readonly string[];
}

/** The error a step raises when Ctrl-C was pressed, so the command stops where it is. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted by Ctrl-C');
    this.name = 'Interrupted';
  }
}

/**
 * Delete the file that was being written, which is incomplete, and word what the server kept. The
 * statements are stored either way. A run the server had started goes on, because the server does
 * not stop a request when its client goes away, so it shows in `boh reconcile list` when done.
 */
export async function interruptedError(at: ReconcileStep, scope: RunScope): Promise<ExitError> {
  const params = { channel: scope.channel, period: scope.period, statements: scope.statementIds.join(', ') };
  if (at.step === 'run') return new ExitError(ExitCode.interrupted, at.started ? 'reconcile.interrupted_run' : 'reconcile.interrupted_before_run', params);

  await rm(at.file, { force: true });
  const written = at.written.length > 0 ? { messageKey: 'reconcile.interrupted_written', params: { files: at.written.join(', ') } } : '';
  return new ExitError(ExitCode.interrupted, 'reconcile.interrupted_files', { ...params, id: at.reconciliationId, file: at.file, written });
}
