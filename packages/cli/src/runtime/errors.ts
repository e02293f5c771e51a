import type { ExitCodeValue } from './exit-codes.js';
import { ExitCode } from './exit-codes.js';

/**
 * Thrown by commands to end with a message and an exit code; `src/index.ts` prints it and exits.
 * `key` and `params` select the message from the catalogue.
 */
export class ExitError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly key: string;
  readonly params: Record<string, unknown>;

  constructor(exitCode: ExitCodeValue, key: string, params: Record<string, unknown> = {}) {
    super(key);
    this.name = 'ExitError';
    this.exitCode = exitCode;
    this.key = key;
    this.params = params;
  }
}

/** A mistake in how the command was called: a missing option or a value of the wrong type. */
export class UsageError extends ExitError {
  constructor(key: string, params: Record<string, unknown> = {}) {
    super(ExitCode.usage, key, params);
    this.name = 'UsageError';
  }
}

/** Ends a command that already reported what happened, with a non-zero exit code. */
export class SilentExit extends Error {
  readonly exitCode: ExitCodeValue;

  constructor(exitCode: ExitCodeValue) {
    super(`exit ${exitCode}`);
    this.exitCode = exitCode;
  }
}
