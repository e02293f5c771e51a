import { confirm, input } from '@inquirer/prompts';
import type { Context } from './context.js';
import { ExitError, UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/** Ask for a value at a terminal; without one, fail naming the option to pass instead. */
export async function askFor(context: Context, option: string, label: string): Promise<string> {
  if (!context.interactive) {
    throw new UsageError('error.missing_option', { option, prompt_hint: '' });
  }
  return cancellable(() => input({ message: context.t('resource.prompt', { label }), required: true }, { output: context.io.stderr }));
}

/**
 * Confirm a change to data. --yes skips the question; without a terminal and without --yes the
 * command fails instead of guessing.
 */
export async function confirmChange(context: Context, question: string): Promise<void> {
  if (context.yes) return;
  if (!context.interactive) throw new UsageError('error.confirm_needs_yes');
  const answer = await cancellable(() => confirm({ message: question, default: false }, { output: context.io.stderr }));
  if (!answer) throw new ExitError(ExitCode.usage, 'error.cancelled');
}

async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    // @inquirer/prompts rejects with ExitPromptError when the user presses Ctrl-C.
    if ((error as Error).name === 'ExitPromptError') throw new ExitError(ExitCode.usage, 'error.cancelled');
    throw error;
  }
}
