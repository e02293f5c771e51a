import type { Context } from '../runtime/context.js';
import { writeLine } from '../runtime/io.js';
import { ExitCode } from '../runtime/exit-codes.js';

/** Print the exit codes of boh and what each means. */
export async function exitCodes(context: Context): Promise<void> {
  writeLine(context.io.stdout, context.t('exit_codes.title'));
  for (const code of Object.values(ExitCode)) {
    writeLine(context.io.stdout, `  ${String(code).padStart(3)}  ${context.t(`exit_codes.${code}`)}`);
  }
}
