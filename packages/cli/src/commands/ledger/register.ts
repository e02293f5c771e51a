import { Argument, Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { ledgerMessages } from './messages.js';

const RULES = ['payment', 'revenue', 'output_vat', 'input_vat', 'cogs', 'inventory', 'stock_receipt', 'stock_count', 'waste', 'opening_balance', 'maintenance_expense', 'maintenance_labour'];

/** Add `boh ledger trial-balance|detail|period|accounts|account|rules|rule|tax-rates|tax-rate|entries|entry`. */
export function registerLedgerCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(ledgerMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const ledger = program.command('ledger').description(tr('ledger.description'));

  ledger
    .command('trial-balance')
    .description(tr('ledger.trial_balance.description'))
    .requiredOption('--period <YYYY-MM>', tr('ledger.option.period'))
    .option('--to <YYYY-MM>', tr('ledger.option.to'))
    .option('--store <code>', tr('ledger.option.store'))
    .option('--leaves', tr('ledger.trial_balance.option.leaves'))
    .option('--level <n>', tr('ledger.trial_balance.option.level'))
    .addHelpText('after', examples(language, ['boh ledger trial-balance --period 2024-01', 'boh ledger trial-balance --period 2024-01 --to 2024-03 --store 0001 --level 1', 'boh ledger trial-balance --period 2024-01 --json']))
    .action(run(async (context, command) => (await import('./trial-balance.js')).trialBalance(context, command.opts())));

  ledger
    .command('detail')
    .description(tr('ledger.detail.description'))
    .requiredOption('--account <code>', tr('ledger.detail.option.account'))
    .requiredOption('--period <YYYY-MM>', tr('ledger.option.period'))
    .option('--to <YYYY-MM>', tr('ledger.option.to'))
    .option('--store <code>', tr('ledger.option.store'))
    .addHelpText('after', examples(language, ['boh ledger detail --account 1012.01 --period 2024-01', 'boh ledger detail --account 5001 --period 2024-01 --to 2024-03 --store 0001 --json']))
    .action(run(async (context, command) => (await import('./detail.js')).detail(context, command.opts())));

  const period = ledger.command('period').description(tr('ledger.period.description'));
  period
    .command('list')
    .description(tr('ledger.period.list.description'))
    .action(run(async (context) => (await import('./period.js')).listPeriods(context)));
  for (const action of ['close', 'lock', 'reopen'] as const) {
    const command = period
      .command(action)
      .description(tr(`ledger.period.${action}.description`))
      .argument('<period>', tr('ledger.period.argument'));
    if (action === 'reopen') command.requiredOption('--reason <text>', tr('ledger.period.option.reason'));
    if (action === 'close') command.option('--accept <check>', tr('ledger.period.option.accept'), (value: string, previous: string[] = []) => [...previous, value]);
    command
      .addHelpText('after', examples(language, action === 'reopen' ? ['boh ledger period reopen 2024-01 --reason 补录发票 --yes'] : [`boh ledger period ${action} 2024-01`, `boh ledger period ${action} 2024-01 --yes --json`]))
      .action(run(async (context, cmd) => (await import('./period.js')).changePeriod(context, action, cmd.processedArgs[0] as string, cmd.opts())));
  }

  ledger
    .command('accounts')
    .description(tr('ledger.accounts.description'))
    .option('--q <text>', tr('ledger.accounts.option.q'))
    .addHelpText('after', examples(language, ['boh ledger accounts', 'boh ledger accounts --q 应收账款 --json']))
    .action(run(async (context, command) => (await import('./accounts.js')).listAccounts(context, command.opts())));
  const account = ledger.command('account').description(tr('ledger.account.description'));
  account
    .command('create')
    .description(tr('ledger.account.create.description'))
    .requiredOption('--code <code>', tr('ledger.account.option.code'))
    .requiredOption('--name-zh <name>', tr('ledger.account.option.name_zh'))
    .requiredOption('--name-en <name>', tr('ledger.account.option.name_en'))
    .addHelpText('after', examples(language, ['boh ledger account create --code 1122.03 --name-zh 应收账款-抖音 --name-en "Accounts receivable - Douyin"']))
    .action(run(async (context, command) => (await import('./accounts.js')).createAccount(context, command.opts())));
  account
    .command('update')
    .description(tr('ledger.account.update.description'))
    .argument('<code>', tr('ledger.account.option.code'))
    .option('--name-zh <name>', tr('ledger.account.option.name_zh'))
    .option('--name-en <name>', tr('ledger.account.option.name_en'))
    .addOption(new Option('--active <bool>', tr('ledger.account.option.active')).choices(['true', 'false']))
    .addHelpText('after', examples(language, ['boh ledger account update 1122.03 --name-zh 应收账款-抖音来客', 'boh ledger account update 1122.03 --active false']))
    .action(run(async (context, command) => (await import('./accounts.js')).updateAccount(context, command.processedArgs[0] as string, command.opts())));

  ledger
    .command('rules')
    .description(tr('ledger.rules.description'))
    .action(run(async (context) => (await import('./rules.js')).listRules(context)));
  const rule = ledger.command('rule').description(tr('ledger.rule.description'));
  rule
    .command('set')
    .description(tr('ledger.rule.set.description'))
    .addArgument(new Argument('<rule>', tr('ledger.rule.argument.rule', { rules: RULES.join(', ') })).choices(RULES))
    .argument('<qualifier>', tr('ledger.rule.argument.qualifier'))
    .argument('<account>', tr('ledger.rule.argument.account'))
    .addHelpText('after', examples(language, ['boh ledger rule set payment platform.delivery_other 1122.03', 'boh ledger rule set revenue takeaway 5001.02']))
    .action(run(async (context, command) => {
      const [name, qualifier, code] = command.processedArgs as [string, string, string];
      await (await import('./rules.js')).setRule(context, name, qualifier, code);
    }));
  rule
    .command('delete')
    .description(tr('ledger.rule.delete.description'))
    .addArgument(new Argument('<rule>', tr('ledger.rule.argument.rule', { rules: RULES.join(', ') })).choices(RULES))
    .argument('<qualifier>', tr('ledger.rule.argument.qualifier'))
    .action(run(async (context, command) => {
      const [name, qualifier] = command.processedArgs as [string, string];
      await (await import('./rules.js')).deleteRule(context, name, qualifier);
    }));

  ledger
    .command('tax-rates')
    .description(tr('ledger.tax_rates.description'))
    .action(run(async (context) => (await import('./rules.js')).listTaxRates(context)));
  const taxRate = ledger.command('tax-rate').description(tr('ledger.tax_rate.description'));
  taxRate
    .command('set')
    .description(tr('ledger.tax_rate.set.description'))
    .argument('<category>', tr('ledger.tax_rate.argument.category'))
    .argument('<from>', tr('ledger.tax_rate.argument.from'))
    .argument('<rate>', tr('ledger.tax_rate.argument.rate'))
    .addHelpText('after', examples(language, ['boh ledger tax-rate set catering_service 2024-01-01 3%', 'boh ledger tax-rate set catering_service 2016-05-01 0.06']))
    .action(run(async (context, command) => {
      const [category, from, rate] = command.processedArgs as [string, string, string];
      await (await import('./rules.js')).setTaxRate(context, category, from, rate);
    }));
  taxRate
    .command('delete')
    .description(tr('ledger.tax_rate.delete.description'))
    .argument('<category>', tr('ledger.tax_rate.argument.category'))
    .argument('<from>', tr('ledger.tax_rate.argument.from'))
    .action(run(async (context, command) => {
      const [category, from] = command.processedArgs as [string, string];
      await (await import('./rules.js')).deleteTaxRate(context, category, from);
    }));

  ledger
    .command('entries')
    .description(tr('ledger.entries.description'))
    .option('--period <YYYY-MM>', tr('ledger.option.period'))
    .option('--store <code>', tr('ledger.option.store'))
    .option('--source <type>', tr('ledger.entries.option.source'))
    .option('--account <code>', tr('ledger.entries.option.account'))
    .addHelpText('after', examples(language, ['boh ledger entries --period 2024-01 --source manual', 'boh ledger entries --period 2024-01 --account 1012.01 --json']))
    .action(run(async (context, command) => (await import('./entries.js')).listEntries(context, command.opts())));
  const entry = ledger.command('entry').description(tr('ledger.entry.description'));
  entry
    .command('show')
    .description(tr('ledger.entry.show.description'))
    .argument('<id>', tr('ledger.entry.argument.id'))
    .action(run(async (context, command) => (await import('./entries.js')).showEntry(context, command.processedArgs[0] as string)));
  entry
    .command('post')
    .description(tr('ledger.entry.post.description'))
    .requiredOption('--file <path>', tr('ledger.entry.option.file'))
    .addHelpText('after', examples(language, ['boh ledger entry post --file 房租凭证.json']))
    .action(run(async (context, command) => (await import('./entries.js')).postEntry(context, command.opts())));
  entry
    .command('reverse')
    .description(tr('ledger.entry.reverse.description'))
    .argument('<id>', tr('ledger.entry.argument.id'))
    .requiredOption('--reason <text>', tr('ledger.entry.option.reason'))
    .option('--date <date>', tr('ledger.entry.option.date'))
    .addHelpText('after', examples(language, ['boh ledger entry reverse 42 --reason 金额有误 --yes']))
    .action(run(async (context, command) => (await import('./entries.js')).reverseEntry(context, command.processedArgs[0] as string, command.opts())));
}
