import { Command, Option } from 'commander';
import { examples, LocalisedCommand } from './i18n/help.js';
import { t, type Language } from './i18n/index.js';
import { createContext, type Context, type GlobalOptions } from './runtime/context.js';
import { rememberCommandOptions } from './runtime/field-options.js';
import type { Io } from './runtime/io.js';
import { registerMasterDataCommands } from './commands/masterdata/register.js';
import { registerLifecycleCommands } from './commands/lifecycle/register.js';
import { registerTicketCommands } from './commands/ticket/register.js';
import { registerImportCommands } from './commands/import/register.js';
import { registerLedgerCommands } from './commands/ledger/register.js';
import { registerCloseCommands } from './commands/close/register.js';
import { registerSalesCommands } from './commands/sales/register.js';
import { registerStockCommands } from './commands/stock/register.js';
import { registerReportCommands } from './commands/report/register.js';
import { registerMonthEndCommands } from './commands/month-end/register.js';
import { registerStatementCommands } from './commands/statement/register.js';
import { HISTORY_RESOURCES } from './commands/history.js';
import { CLI_VERSION } from './version.js';

/** Wrap a command's work: build its context from the global options, run it, release the client. */
export type Runner = (work: (context: Context, command: Command) => Promise<void>) => (...args: unknown[]) => Promise<void>;

function runner(language: Language, io: Io | undefined): Runner {
  return (work) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const context = createContext(command.optsWithGlobals<GlobalOptions>(), language, io);
      try {
        await work(context, command);
      } catch (error) {
        rememberCommandOptions(error, command.options.map((option) => option.long ?? '').filter((flag) => flag !== ''));
        throw error;
      } finally {
        await context.close();
      }
    };
}

/**
 * Build the `boh` command tree in one language. Each action imports its command module only
 * when it runs, so `boh --help` stays fast.
 */
export function buildProgram(language: Language, io?: Io): Command {
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const run = runner(language, io);

  const program = new LocalisedCommand(language, 'boh')
    .description(tr('program.description'))
    .version(CLI_VERSION, '-V, --version', tr('option.version'))
    .helpOption('-h, --help', tr('help.option'))
    .helpCommand('help [command]', tr('help.command'))
    .showSuggestionAfterError(true)
    .exitOverride(function (this: Command, error) {
      // Commander calls this as a method of the command that failed; remember which one, so the
      // message can point at its help.
      throw Object.assign(error, { commandPath: commandPath(this) });
    })
    .configureOutput({ outputError: () => undefined })
    .addOption(new Option('--base-url <url>', tr('option.base_url')))
    .addOption(new Option('--token <token>', tr('option.token')))
    .addOption(new Option('--profile <name>', tr('option.profile')))
    .addOption(new Option('--lang <language>', tr('option.lang')).choices(['zh-CN', 'en']))
    .option('--timeout <seconds>', tr('option.timeout'))
    .option('--json', tr('option.json'))
    .option('-q, --quiet', tr('option.quiet'))
    .option('-y, --yes', tr('option.yes'))
    .addHelpText('after', `\n${tr('help.exit_codes_hint')}`);

  program
    .command('serve')
    .description(tr('serve.description'))
    .option('--port <port>', tr('serve.option.port'))
    .option('--host <address>', tr('serve.option.host'))
    .option('--database <path-or-url>', tr('serve.option.database'))
    .addHelpText('after', examples(language, ['boh serve', 'boh serve --port 8080 --database postgres://127.0.0.1:5432/boh']))
    .action(run(async (context, command) => (await import('./commands/serve.js')).serve(context, command.opts())));

  const token = program.command('token').description(tr('token.description'));
  token
    .command('create')
    .description(tr('token.create.description'))
    .requiredOption('--role <role>', tr('token.create.option.role', { roles: 'admin, finance, ops, store_manager, technician, readonly' }))
    .option('--name <name>', tr('token.create.option.name'))
    .option('--store <code>', tr('token.create.option.store'), (value: string, previous: string[] = []) => [...previous, value])
    .option('--database <path-or-url>', tr('token.create.option.database'))
    .option('--api', tr('token.create.option.api'))
    .addHelpText('after', examples(language, ['boh token create --role admin --name it-admin', 'boh token create --role store_manager --store 0001 --store 0002 --name manager-0001']))
    .action(run(async (context, command) => (await import('./commands/token/create.js')).create(context, command.opts())));
  token
    .command('list')
    .description(tr('token.list.description'))
    .action(run(async (context) => (await import('./commands/token/list.js')).list(context)));
  token
    .command('revoke <id>')
    .description(tr('token.revoke.description'))
    .action(run(async (context, command) => (await import('./commands/token/revoke.js')).revoke(context, command.processedArgs[0] as string)));

  program
    .command('me')
    .description(tr('me.description'))
    .action(run(async (context) => (await import('./commands/me.js')).me(context)));

  program
    .command('history')
    .description(tr('history.description'))
    .argument('<resource>', tr('history.argument.resource', { values: HISTORY_RESOURCES.join(', ') }))
    .argument('<key>', tr('history.argument.key'))
    .addHelpText('after', examples(language, ['boh history store 0001', 'boh history store 0001 --json']))
    .action(run(async (context, command) => {
      const [resource, key] = command.processedArgs as [string, string];
      await (await import('./commands/history.js')).history(context, resource, key);
    }));

  const profile = program.command('profile').description(tr('profile.description'));
  profile
    .command('save <name>')
    .description(tr('profile.save.description'))
    .addHelpText('after', examples(language, ['boh profile save default --base-url http://127.0.0.1:4010 --token boh_… --lang zh-CN']))
    .action(run(async (context, command) => (await import('./commands/profile/save.js')).save(context, command.processedArgs[0] as string, command.optsWithGlobals())));
  profile
    .command('list')
    .description(tr('profile.list.description'))
    .action(run(async (context) => (await import('./commands/profile/list.js')).list(context)));

  program
    .command('exit-codes', { hidden: true })
    .action(run(async (context) => (await import('./commands/exit-codes.js')).exitCodes(context)));

  registerMasterDataCommands(program, language, run);
  registerLifecycleCommands(program, language, run);
  registerTicketCommands(program, language, run);
  registerImportCommands(program, language, run);
  registerSalesCommands(program, language, run);
  registerStockCommands(program, language, run);
  registerReportCommands(program, language, run);
  registerLedgerCommands(program, language, run);
  registerCloseCommands(program, language, run);
  registerMonthEndCommands(program, language, run);
  registerStatementCommands(program, language, run);
  return program;
}

function commandPath(command: Command | undefined): string {
  const names: string[] = [];
  for (let current = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}
