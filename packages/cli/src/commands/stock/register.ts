import { Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { collect } from '../finance-options.js';
import { stockMessages } from './messages.js';

const MOVEMENT_KINDS = ['opening', 'receipt', 'sale', 'refund_return', 'transfer_out', 'transfer_in', 'waste', 'count_adjustment', 'maintenance'];

/** Add `boh stock on-hand|movements|receive|opening|waste|transfer|count|policy`. */
export function registerStockCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(stockMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const stock = program.command('stock').description(tr('stock.description'));

  stock
    .command('on-hand')
    .description(tr('stock.on_hand.description'))
    .option('--store <code>', tr('stock.option.store'))
    .option('--item <code>', tr('stock.option.item'))
    .option('--negative', tr('stock.on_hand.option.negative'))
    .option('--limit <n>', tr('stock.option.limit'), '500')
    .option('--all', tr('stock.option.all'))
    .addHelpText('after', examples(language, ['boh stock on-hand --store 0001', 'boh stock on-hand --negative --all --json']))
    .action(run(async (context, command) => (await import('./on-hand.js')).onHand(context, command.opts())));

  stock
    .command('movements')
    .description(tr('stock.movements.description'))
    .option('--store <code>', tr('stock.option.store'))
    .option('--item <code>', tr('stock.option.item'))
    .addOption(new Option('--kind <kind>', tr('stock.movements.option.kind')).choices(MOVEMENT_KINDS))
    .option('--from <date>', tr('stock.movements.option.from'))
    .option('--to <date>', tr('stock.movements.option.to'))
    .option('--limit <n>', tr('stock.option.limit'), '500')
    .option('--all', tr('stock.option.all'))
    .addHelpText('after', examples(language, ['boh stock movements --store 0001 --item BEANS', 'boh stock movements --kind waste --from 2024-01-01 --to 2024-01-31 --json']))
    .action(run(async (context, command) => (await import('./movements.js')).movements(context, command.opts())));

  const documents = [
    ['receive', 'receipt', 'boh stock receive --store 0001 --line BEANS:2:袋:240.00 --tax BEANS:31.20 --reference GR-0001'],
    ['opening', 'opening', 'boh stock opening --store 0001 --line WATER:24:瓶:36.00'],
    ['waste', 'waste', 'boh stock waste --store 0001 --line MILK:1:盒 --note 过期'],
    ['transfer', 'transfer', 'boh stock transfer --store 0001 --to 0002 --line BEANS:500'],
  ] as const;
  for (const [name, kind, example] of documents) {
    const command = stock
      .command(name)
      .description(tr(`stock.document.${name}`))
      .requiredOption('--store <code>', tr('stock.document.option.store'))
      .requiredOption('--line <spec>', tr('stock.document.option.line'), collect)
      .option('--at <time>', tr('stock.document.option.at'))
      .option('--reference <number>', tr('stock.document.option.reference'))
      .option('--note <text>', tr('stock.document.option.note'));
    if (kind === 'transfer') command.requiredOption('--to <code>', tr('stock.document.option.to'));
    if (kind === 'receipt') command.option('--tax <item:yuan>', tr('stock.document.option.tax'), collect).option('--account <code>', tr('stock.document.option.account'));
    command
      .addHelpText('after', examples(language, [example, `${example} --json`]))
      .action(run(async (context, cmd) => (await import('./document.js')).document(context, kind, cmd.opts())));
  }

  const count = stock.command('count').description(tr('stock.count.description'));
  count
    .command('create')
    .description(tr('stock.count.create.description'))
    .requiredOption('--store <code>', tr('stock.option.store'))
    .option('--item <code>', tr('stock.count.create.option.item'), collect)
    .option('--date <date>', tr('stock.count.create.option.date'))
    .addOption(new Option('--uncounted <rule>', tr('stock.count.create.option.uncounted')).choices(['skip', 'zero']))
    .addHelpText('after', examples(language, ['boh stock count create --store 0001', 'boh stock count create --store 0001 --item BEANS --item MILK --uncounted zero']))
    .action(run(async (context, command) => (await import('./count.js')).createCount(context, command.opts())));
  count
    .command('enter')
    .description(tr('stock.count.enter.description'))
    .argument('<id>', tr('stock.count.argument.id'))
    .option('--line <spec>', tr('stock.count.enter.option.line'), collect)
    .option('--file <path>', tr('stock.count.enter.option.file'))
    .addHelpText('after', examples(language, ['boh stock count enter 12 --line BEANS:17:袋 --line MILK:2500', 'boh stock count enter 12 --file 盘点表.xlsx']))
    .action(run(async (context, command) => (await import('./count.js')).enterCount(context, command.processedArgs[0] as string, command.opts())));
  count
    .command('show')
    .description(tr('stock.count.show.description'))
    .argument('<id>', tr('stock.count.argument.id'))
    .addHelpText('after', examples(language, ['boh stock count show 12', 'boh stock count show 12 --json']))
    .action(run(async (context, command) => (await import('./count.js')).showCount(context, command.processedArgs[0] as string)));
  count
    .command('post')
    .description(tr('stock.count.post.description'))
    .argument('<id>', tr('stock.count.argument.id'))
    .addHelpText('after', examples(language, ['boh stock count post 12', 'boh stock count post 12 --yes --json']))
    .action(run(async (context, command) => (await import('./count.js')).postCount(context, command.processedArgs[0] as string)));
  count
    .command('cancel')
    .description(tr('stock.count.cancel.description'))
    .argument('<id>', tr('stock.count.argument.id'))
    .action(run(async (context, command) => (await import('./count.js')).cancelCount(context, command.processedArgs[0] as string)));
  count
    .command('list')
    .description(tr('stock.count.list.description'))
    .option('--store <code>', tr('stock.option.store'))
    .action(run(async (context, command) => (await import('./count.js')).listCounts(context, command.opts())));

  stock
    .command('policy')
    .description(tr('stock.policy.description'))
    .addOption(new Option('--negative <policy>', tr('stock.policy.option.negative')).choices(['allow', 'reject']))
    .addHelpText('after', examples(language, ['boh stock policy', 'boh stock policy --negative reject --yes']))
    .action(run(async (context, command) => (await import('./policy.js')).policy(context, command.opts())));
}
