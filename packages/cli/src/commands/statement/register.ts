import { Argument, Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { collect } from '../finance-options.js';
import { statementMessages } from './messages.js';

const STATEMENT_CHANNELS = ['auto', 'wechat', 'alipay', 'unionpay', 'bank', 'meituan', 'jd'];
const RECONCILED_CHANNELS = ['wechat', 'alipay', 'unionpay', 'meituan', 'jd', 'bank'];
const SETTINGS_CHANNELS = ['wechat', 'alipay', 'unionpay', 'meituan', 'jd'];

/** Add `boh statement parse|load`, `boh reconcile <channel>` and `boh reconcile-settings`. */
export function registerStatementCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(statementMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const statement = program.command('statement').description(tr('statement.description'));

  statement
    .command('parse')
    .description(tr('statement.parse.description'))
    .argument('<files...>', tr('statement.argument.files'))
    .addOption(new Option('--channel <channel>', tr('statement.option.channel')).choices(STATEMENT_CHANNELS).default('auto'))
    .addHelpText('after', examples(language, ['boh statement parse wechat-2024-01.csv', 'boh statement parse *.xlsx --channel bank --json']))
    .action(run(async (context, command) => (await import('./parse.js')).parse(context, command.processedArgs[0] as string[], command.opts())));

  statement
    .command('load')
    .description(tr('statement.load.description'))
    .argument('<files...>', tr('statement.argument.files'))
    .requiredOption('--period <YYYY-MM>', tr('statement.option.period'))
    .addOption(new Option('--channel <channel>', tr('statement.option.channel')).choices(STATEMENT_CHANNELS).default('auto'))
    .addHelpText('after', examples(language, ['boh statement load wechat-2024-01.csv --period 2024-01']))
    .action(run(async (context, command) => (await import('./load.js')).load(context, command.processedArgs[0] as string[], command.opts())));

  program
    .command('reconcile')
    .description(tr('reconcile.description'))
    .addArgument(new Argument('<channel>', tr('reconcile.argument.channel')).choices(RECONCILED_CHANNELS))
    .requiredOption('--statement <file>', tr('reconcile.option.statement'), collect)
    .requiredOption('--period <YYYY-MM>', tr('statement.option.period'))
    .option('--store <code>', tr('reconcile.option.store'))
    .option('--out <dir>', tr('reconcile.option.out'))
    .option('--fail-on <what>', tr('reconcile.option.fail_on'))
    .option('--tolerance-fen <fen>', tr('reconcile.option.tolerance_fen'))
    .option('--window-seconds <seconds>', tr('reconcile.option.window_seconds'))
    .option('--write-off-account <code>', tr('reconcile.option.write_off_account'))
    .option('--lag-days <days>', tr('reconcile.option.lag_days'))
    .option('--channel-statement <file>', tr('reconcile.option.channel_statement'), collect)
    .addHelpText(
      'after',
      examples(language, [
        'boh reconcile wechat --statement wechat-2024-01.csv --period 2024-01',
        'boh reconcile alipay --statement a.csv --statement b.csv --period 2024-01 --out reports --fail-on unexplained',
        'boh reconcile bank --statement icbc-2024-01.csv --period 2024-01',
      ]),
    )
    .action(run(async (context, command) => (await import('../reconcile/command.js')).reconcile(context, command.processedArgs[0] as string, command.opts())));

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
