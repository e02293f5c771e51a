import { Argument, Option, type Command } from 'commander';
import { examples, showRequiredInHelp } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { collect } from '../finance-options.js';
import { statementMessages } from './messages.js';
import { reconcileListMessages } from '../reconcile/messages.js';

const STATEMENT_CHANNELS = ['auto', 'wechat', 'alipay', 'unionpay', 'bank', 'meituan', 'jd'];
const RECONCILED_CHANNELS = ['wechat', 'alipay', 'unionpay', 'meituan', 'jd', 'bank'];
const SETTINGS_CHANNELS = ['wechat', 'alipay', 'unionpay', 'meituan', 'jd'];
const STATES = ['matched', 'timing_difference', 'amount_mismatch', 'missing_in_statement', 'missing_in_pos', 'duplicate', 'written_off', 'unrelated'];

/** Add `boh statement parse|load|list`, `boh reconcile <channel>|list|items|resolve` and `boh reconcile-settings`. */
export function registerStatementCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(statementMessages);
  registerMessages(reconcileListMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const statement = program.command('statement').description(tr('statement.description'));

  statement
    .command('parse')
    .description(tr('statement.parse.description'))
    .argument('<files...>', tr('statement.argument.files'))
    .addOption(new Option('--channel <channel>', tr('statement.option.channel')).choices(STATEMENT_CHANNELS).default('auto'))
    .option('--mapping <profile>', tr('statement.option.mapping'), collect)
    .addHelpText(
      'after',
      examples(language, [
        'boh statement parse wechat-2024-01.csv',
        'boh statement parse *.xlsx --channel bank --json',
        'boh statement parse acquirer-2024-01.csv --mapping acquirer.json',
      ]),
    )
    .action(run(async (context, command) => (await import('./parse.js')).parse(context, command.processedArgs[0] as string[], command.opts())));

  statement
    .command('load')
    .description(tr('statement.load.description'))
    .argument('<files...>', tr('statement.argument.files'))
    .requiredOption('--period <YYYY-MM>', tr('statement.option.period'))
    .addOption(new Option('--channel <channel>', tr('statement.option.channel')).choices(STATEMENT_CHANNELS).default('auto'))
    .option('--mapping <profile>', tr('statement.option.mapping'), collect)
    .addHelpText('after', examples(language, ['boh statement load wechat-2024-01.csv --period 2024-01']))
    .action(run(async (context, command) => (await import('./load.js')).load(context, command.processedArgs[0] as string[], command.opts())));

  statement
    .command('list')
    .description(tr('statement.list.description'))
    .option('--period <YYYY-MM>', tr('reconcile.list.option.period'))
    .addOption(new Option('--channel <channel>', tr('reconcile.list.option.channel')).choices(RECONCILED_CHANNELS))
    .option('--limit <n>', tr('reconcile.option.limit'), '20')
    .addHelpText('after', examples(language, ['boh statement list --period 2024-01', 'boh statement list --channel wechat --json']))
    .action(run(async (context, command) => (await import('./list.js')).listStatements(context, command.opts())));

  const reconcile = program
    .command('reconcile')
    .description(tr('reconcile.description'))
    .addArgument(new Argument('<channel>', tr('reconcile.argument.channel')).choices(RECONCILED_CHANNELS))
    // Required, yet added with option(), because commander checks a parent's required options
    // before running any of its subcommands. `reconcile` checks them itself, and help marks them.
    .option('--statement <file>', tr('reconcile.option.statement'), collect)
    .option('--period <YYYY-MM>', tr('statement.option.period'))
    .option('--store <code>', tr('reconcile.option.store'))
    .option('--out <dir>', tr('reconcile.option.out'))
    .option('--fail-on <what>', tr('reconcile.option.fail_on'))
    .option('--tolerance-fen <fen>', tr('reconcile.option.tolerance_fen'))
    .option('--window-seconds <seconds>', tr('reconcile.option.window_seconds'))
    .option('--write-off-account <code>', tr('reconcile.option.write_off_account'))
    .option('--lag-days <days>', tr('reconcile.option.lag_days'))
    .option('--channel-statement <file>', tr('reconcile.option.channel_statement'), collect)
    .option('--mapping <profile>', tr('statement.option.mapping'), collect)
    .addHelpText(
      'after',
      examples(language, [
        'boh reconcile wechat --statement wechat-2024-01.csv --period 2024-01',
        'boh reconcile alipay --statement a.csv --statement b.csv --period 2024-01 --out reports --fail-on unexplained',
        'boh reconcile bank --statement icbc-2024-01.csv --period 2024-01',
      ]),
    )
    .action(run(async (context, command) => (await import('../reconcile/command.js')).reconcile(context, command.processedArgs[0] as string, command.opts())));
  showRequiredInHelp(reconcile, '--statement', '--period');
  registerReconcileSubcommands(reconcile, language, run);

  program
    .command('reconcile-settings')
    .description(tr('reconcile_settings.description'))
    .addArgument(new Argument('[channel]', tr('reconcile_settings.argument.channel')).choices(SETTINGS_CHANNELS))
    .option('--tolerance-fen <fen>', tr('reconcile_settings.option.tolerance_fen'))
    .option('--window-seconds <seconds>', tr('reconcile_settings.option.window_seconds'))
    .option('--write-off-account <code>', tr('reconcile_settings.option.write_off_account'))
    .option('--lag-days <days>', tr('reconcile_settings.option.lag_days'))
    .option('--bank-name <text>', tr('reconcile_settings.option.bank_name'), collect)
    .addHelpText('after', examples(language, ['boh reconcile-settings', 'boh reconcile-settings wechat --tolerance-fen 1 --lag-days 1 --bank-name 财付通 --bank-name 微信']))
    .action(run(async (context, command) => (await import('../reconcile/settings.js')).reconcileSettings(context, command.processedArgs[0] as string | undefined, command.opts())));
}

/**
 * Add `boh reconcile list|items|resolve`. Commander dispatches to them before it checks the
 * parent's `<channel>` argument and required options. The parent parses its own options
 * (`--period`, `--store`) wherever they appear, so `list` reads them with `optsWithGlobals`.
 */
function registerReconcileSubcommands(reconcile: Command, language: Language, run: Runner): void {
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  reconcile
    .command('list')
    .description(tr('reconcile.list.description'))
    .option('--period <YYYY-MM>', tr('reconcile.list.option.period'))
    .addOption(new Option('--channel <channel>', tr('reconcile.list.option.channel')).choices(RECONCILED_CHANNELS))
    .option('--limit <n>', tr('reconcile.option.limit'), '20')
    .addHelpText('after', examples(language, ['boh reconcile list --period 2024-01', 'boh reconcile list --channel wechat --json']))
    .action(run(async (context, command) => (await import('../reconcile/list.js')).listReconciliations(context, command.optsWithGlobals())));

  reconcile
    .command('items')
    .description(tr('reconcile.items.description'))
    .argument('<id>', tr('reconcile.items.argument.id'))
    .addOption(new Option('--state <state>', tr('reconcile.items.option.state')).choices(STATES))
    .option('--unexplained', tr('reconcile.items.option.unexplained'))
    .option('--limit <n>', tr('reconcile.option.limit'), '50')
    .addHelpText('after', examples(language, ['boh reconcile items rec_0123456789abcdef --unexplained', 'boh reconcile items rec_0123456789abcdef --state missing_in_pos --json']))
    .action(run(async (context, command) => (await import('../reconcile/items.js')).listItems(context, command.processedArgs[0] as string, command.opts())));

  reconcile
    .command('resolve')
    .description(tr('reconcile.resolve.description'))
    .argument('<id>', tr('reconcile.items.argument.id'))
    .argument('<item>', tr('reconcile.resolve.argument.item'))
    .option('--note <text>', tr('reconcile.resolve.option.note'))
    .option('--debit <account>', tr('reconcile.resolve.option.debit'))
    .option('--credit <account>', tr('reconcile.resolve.option.credit'))
    .option('--amount <yuan>', tr('reconcile.resolve.option.amount'))
    .option('--entry-date <date>', tr('reconcile.resolve.option.entry_date'))
    .addHelpText(
      'after',
      examples(language, [
        'boh reconcile resolve rec_0123456789abcdef 12 --note 顾客当场退款，POS 已冲销',
        'boh reconcile resolve rec_0123456789abcdef 7 --note 手续费差额 --debit 5603 --credit 1012.01 --amount 0.35 --json',
      ]),
    )
    .action(run(async (context, command) => {
      const [id, item] = command.processedArgs as [string, string];
      await (await import('../reconcile/resolve.js')).resolveItem(context, id, item, command.opts());
    }));
}
