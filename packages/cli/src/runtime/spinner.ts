import ora from 'ora';
import type { Context } from './context.js';

/** Run `work` behind a spinner on stderr when a person is watching; silently otherwise. */
export async function withSpinner<T>(context: Context, text: string, work: () => Promise<T>): Promise<T> {
  if (!context.interactive || context.quiet || !context.io.stderr.isTTY) return work();
  // discardStdin would put the terminal in raw mode, where Ctrl-C no longer interrupts.
  const spinner = ora({ text, stream: context.io.stderr, discardStdin: false }).start();
  try {
    const result = await work();
    spinner.stop();
    return result;
  } catch (error) {
    spinner.stop();
    throw error;
  }
}
