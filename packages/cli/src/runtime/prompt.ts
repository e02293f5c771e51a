import { input, select } from '@inquirer/prompts';
import type { FieldSchema } from '../resources/contract-schema.js';
import { valueLabel } from '../resources/values.js';
import type { Context } from './context.js';
import { ExitError, UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/**
 * Ask for a field's value at a terminal: a list to pick from for enumerated values, otherwise
 * text checked as it is typed, so a wrong answer is asked again instead of failing at the end.
 * Without a terminal this is a usage error naming the option to pass.
 */
export async function askFor(context: Context, option: string, label: string, field: FieldSchema): Promise<unknown> {
  if (!context.interactive) throw new UsageError('error.missing_option', { option, prompt_hint: '' });
  const message = context.t('resource.prompt', { label });
  const output = { output: context.io.stderr };

  if (field.enum) {
    const choices = field.enum.map((value) => ({ name: `${valueLabel(value, context.language)} (${value})`, value }));
    return cancellable(() => select({ message, choices, theme: selectTheme(context) }, output));
  }

  const answer = await cancellable(() =>
    input({ message, validate: (text) => checkAnswer(context, field, text) }, output),
  );
  return field.type === 'integer' || field.type === 'number' ? Number(answer.trim()) : answer.trim();
}

/** Builds a list prompt's theme whose key help is in the user's language; inquirer writes it in English. */
export function selectTheme(context: Context): { style: { keysHelpTip: () => string } } {
  return { style: { keysHelpTip: () => context.t('prompt.keys', { move: '↑↓', choose: '⏎' }) } };
}

function checkAnswer(context: Context, field: FieldSchema, text: string): true | string {
  const value = text.trim();
  if (value === '') return context.t('prompt.required');
  if (field.type === 'integer' && !/^-?\d+$/.test(value)) return context.t('prompt.integer');
  if (field.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return context.t('prompt.number');
  if (field.pattern && !new RegExp(field.pattern).test(value)) return context.t('prompt.pattern', { value });
  return true;
}

const YES = new Set(['y', 'yes', '是', '是的', '确认']);
const NO = new Set(['', 'n', 'no', '否', '不']);

/**
 * Confirm a change to data. --yes skips the question; without a terminal and without --yes the
 * command fails instead of guessing. The answer may be y/yes/是 or n/no/否; Enter means no.
 */
export async function confirmChange(context: Context, question: string): Promise<void> {
  if (context.yes) return;
  if (!context.interactive) throw new UsageError('error.confirm_needs_yes');
  const answer = await cancellable(() =>
    input(
      {
        message: `${question} ${context.t('prompt.yes_no_hint')}`,
        validate: (text) => (YES.has(text.trim().toLowerCase()) || NO.has(text.trim().toLowerCase()) ? true : context.t('prompt.yes_no')),
      },
      { output: context.io.stderr },
    ),
  );
  if (!YES.has(answer.trim().toLowerCase())) throw new ExitError(ExitCode.usage, 'error.cancelled');
}

/** Runs a prompt, turning Ctrl-C into a usage exit with a cancellation message. */
export async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    // @inquirer/prompts rejects with ExitPromptError when the user presses Ctrl-C.
    if ((error as Error).name === 'ExitPromptError') throw new ExitError(ExitCode.usage, 'error.cancelled');
    throw error;
  }
}
