import { CommanderError } from 'commander';
import { BohApiError, BohConnectionError, BohError, BohTimeoutError } from '@boh/sdk';
import { TableReadError } from './files/issues.js';
import { t, type Language } from './i18n/index.js';
import { setZodLanguage } from './i18n/zod-language.js';
import { buildProgram } from './program.js';
import { resolveLanguage } from './runtime/context.js';
import { ExitError, SilentExit } from './runtime/errors.js';
import { commandOptionsOf, optionForField } from './runtime/field-options.js';
import { ExitCode } from './runtime/exit-codes.js';
import { processIo, writeLine, type Io } from './runtime/io.js';
import { CLI_VERSION } from './version.js';

/**
 * Run boh with the given arguments and return its exit code. Commands throw; this is the one
 * place that turns errors into messages and exit codes.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let language: Language = 'en';
  const json = argv.includes('--json');
  try {
    language = resolveLanguage(argv, io.env);
    // Mapping profiles are checked with zod, whose messages then come in the user's language.
    setZodLanguage(language);
    const args = argv[0] === 'help' && argv[1] === 'exit-codes' ? ['exit-codes', ...argv.slice(2)] : argv;
    const program = buildProgram(language, io);
    const asked = argv[0] === 'help' ? argv[1] : undefined;
    if (asked && !asked.startsWith('-') && !program.commands.some((c) => c.name() === asked || c.aliases().includes(asked))) {
      throw Object.assign(new CommanderError(2, 'commander.unknownCommand', `error: unknown command '${asked}'`), { commandPath: '' });
    }
    await program.parseAsync(args, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return report(error, language, json, io);
  }
}

function report(error: unknown, language: Language, json: boolean, io: Io): number {
  if (error instanceof SilentExit) return error.exitCode;

  if (error instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.ok;
    return print(io, language, json, { code: error.code, message: commanderMessage(error, language) }, ExitCode.usage);
  }
  if (isStartupError(error)) {
    return print(io, language, json, { code: error.code, message: t(language, `error.startup.${error.code}`, error.params) }, ExitCode.cannotStart);
  }
  if (error instanceof ExitError) {
    return print(io, language, json, { code: error.key, message: t(language, error.key, error.params) }, error.exitCode);
  }
  // A file that cannot be opened (missing, empty, encrypted, unsupported) is the caller's to fix.
  if (error instanceof TableReadError) {
    return print(io, language, json, { code: error.code, message: error.localised(language) }, ExitCode.usage);
  }
  if (error instanceof BohError) {
    const exitCode =
      error instanceof BohConnectionError || error instanceof BohTimeoutError
        ? ExitCode.unreachable
        : error.status === 401 || error.status === 403
          ? ExitCode.authentication
          : error instanceof BohApiError
            ? ExitCode.apiRejected
            : ExitCode.failure;
    if (json) return print(io, language, json, { code: error.code, message: error.message, requestId: error.requestId, fields: error.fieldErrors }, exitCode);
    return print(io, language, json, namedByOption(error, language), exitCode);
  }

  // A path the system refused (through a file, without permission, on a full disk) is the caller's to fix, not a bug.
  if (isFileSystemError(error)) {
    const reason = t(language, `fs.${error.code}`);
    return print(io, language, json, { code: error.code, message: t(language, 'error.file_system', { path: error.path, reason }) }, ExitCode.usage);
  }

  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return print(io, language, json, { code: 'unexpected', message: t(language, 'error.unexpected', { message, version: CLI_VERSION, node: process.versions.node }) }, ExitCode.failure);
}

/**
 * Word an API rejection for a person: a field the command's options set is named by its option
 * (`--reported-at`), not by the API's field path (`body.reported_at`).
 */
function namedByOption(error: BohError, language: Language): Failure {
  const flags = commandOptionsOf(error);
  let message = error.message;
  const fields = error.fieldErrors.map((field) => {
    const option = optionForField(field.field, flags);
    if (option === undefined) return field;
    message = message.split(field.field).join(option);
    const text = field.message.startsWith(`${field.field}: `) ? field.message.slice(field.field.length + 2) : field.message;
    return { ...field, message: t(language, 'error.option_rejected', { option, text }) };
  });
  return { code: error.code, message, requestId: error.requestId, fields };
}

/** Error codes of a file system call that name a problem with the path or the disk, each worded in the catalogues as `fs.<code>`. */
const FILE_SYSTEM_CODES = ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EDQUOT', 'EEXIST', 'ENAMETOOLONG'];

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; path: string } {
  if (!(error instanceof Error)) return false;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  return typeof code === 'string' && FILE_SYSTEM_CODES.includes(code) && typeof path === 'string' && typeof syscall === 'string';
}

function isStartupError(error: unknown): error is { code: string; params: Record<string, unknown> } {
  return error instanceof Error && error.name === 'StartupError' && 'code' in error && 'params' in error;
}

interface Failure {
  code: string;
  message: string;
  requestId?: string;
  fields?: { field: string; message: string }[];
}

function print(io: Io, language: Language, json: boolean, failure: Failure, exitCode: number): number {
  if (json) {
    writeLine(io.stderr, JSON.stringify({ error: { ...failure, exit_code: exitCode } }));
    return exitCode;
  }
  const separator = language === 'zh-CN' ? '' : ' ';
  writeLine(io.stderr, `${t(language, 'error.prefix')}${separator}${failure.message}`);
  for (const field of failure.fields ?? []) writeLine(io.stderr, `  - ${field.message}`);
  if (failure.requestId) writeLine(io.stderr, t(language, 'error.request_id', { id: failure.requestId }));
  return exitCode;
}

function commanderMessage(error: CommanderError, language: Language): string {
  const text = error.message.replace(/^error:\s*/, '');
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? '';
  const suggestion = /Did you mean (.+?)\?/.exec(text)?.[1];
  const hint = suggestion ? t(language, 'error.did_you_mean', { candidate: suggestion }) : '';
  const path = ((error as CommanderError & { commandPath?: string }).commandPath ?? '').trim();
  const command = path ? `boh ${path}` : 'boh';

  switch (error.code) {
    case 'commander.unknownOption':
      return t(language, 'error.commander.unknownOption', { option: quoted, suggestion: hint, command });
    case 'commander.unknownCommand':
      return t(language, 'error.commander.unknownCommand', { name: quoted, suggestion: hint, command });
    case 'commander.missingArgument':
      return t(language, 'error.commander.missingArgument', { name: quoted, command });
    case 'commander.optionMissingArgument':
      return t(language, 'error.commander.optionMissingArgument', { option: /(--?[\w-]+)/.exec(text)?.[1] ?? quoted, command });
    case 'commander.missingMandatoryOptionValue':
      return t(language, 'error.commander.requiredOption', { option: /(--?[\w-]+)/.exec(text)?.[1] ?? quoted, command });
    case 'commander.excessArguments':
      return t(language, 'error.commander.excessArguments', { command });
    case 'commander.invalidArgument': {
      const option = /option '([^' ]+)/.exec(text)?.[1];
      const value = /argument '([^']*)' is invalid/.exec(text)?.[1];
      const allowed = /Allowed choices are (.+)\.$/.exec(text)?.[1];
      if (option && value !== undefined && allowed) return t(language, 'error.commander.invalidChoice', { option, value, allowed, command });
      const argument = /command-argument value '[^']*' is invalid for argument '([^']+)'/.exec(text)?.[1];
      const argumentValue = /command-argument value '([^']*)'/.exec(text)?.[1];
      if (argument && argumentValue !== undefined && allowed) return t(language, 'error.commander.invalidArgumentChoice', { argument, value: argumentValue, allowed, command });
      return text;
    }
    default:
      return text;
  }
}
