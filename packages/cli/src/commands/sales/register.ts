import { Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { collect } from '../finance-options.js';
import { salesMessages } from './messages.js';

const CHANNELS = ['dine_in', 'takeaway', 'delivery_meituan', 'delivery_eleme', 'delivery_other', 'mini_program'];

/** Add `boh order post|refund|list|get`. */
export function registerSalesCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(salesMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const order = program.command('order').description(tr('order.description'));

  order
    .command('post')
    .description(tr('order.post.description'))
    .argument('<files...>', tr('order.post.argument.files'))
    .option('--batch-size <n>', tr('order.post.option.batch_size'), '1000')
    .option('--atomic', tr('order.post.option.atomic'))
    .addHelpText('after', examples(language, ['boh order post orders-2024-01.json', 'cat orders.json | boh order post - --json', 'boh order post day1.json day2.json --batch-size 5000']))
    .action(run(async (context, command) => (await import('./post.js')).post(context, command.processedArgs[0] as string[], command.opts())));

  order
    .command('refund')
    .description(tr('order.refund.description'))
    .argument('<store>', tr('order.refund.argument.store'))
    .argument('<number>', tr('order.refund.argument.number'))
    .requiredOption('--refund-number <number>', tr('order.refund.option.refund_number'))
    .option('--at <time>', tr('order.refund.option.at'))
    .option('--line <line:quantity>', tr('order.refund.option.line'), collect)
    .option('--amount <yuan>', tr('order.refund.option.amount'))
    .option('--payment <sequence:yuan>', tr('order.refund.option.payment'), collect)
    .option('--reason <text>', tr('order.refund.option.reason'))
    .option('--no-return-stock', tr('order.refund.option.no_return_stock'))
    .addHelpText(
      'after',
      examples(language, [
        'boh order refund 0001 20240105-0001 --refund-number R0001',
        'boh order refund 0001 20240105-0001 --refund-number R0002 --line 1:1 --reason 做错',
        'boh order refund 0001 20240105-0001 --refund-number R0003 --amount 5.00 --payment 1:5.00',
      ]),
    )
    .action(run(async (context, command) => {
      const [store, number] = command.processedArgs as [string, string];
      await (await import('./refund.js')).refund(context, store, number, command.opts());
    }));

  order
    .command('list')
    .description(tr('order.list.description'))
    .option('--store <code>', tr('order.option.store'))
    .option('--from <date>', tr('order.option.from'))
    .option('--to <date>', tr('order.option.to'))
    .addOption(new Option('--channel <channel>', tr('order.option.channel')).choices(CHANNELS))
    .addOption(new Option('--status <status>', tr('order.option.status')).choices(['posted', 'partially_refunded', 'refunded']))
    .option('--limit <n>', tr('order.option.limit'), '100')
    .option('--all', tr('order.option.all'))
    .addHelpText('after', examples(language, ['boh order list --store 0001 --from 2024-01-01 --to 2024-01-31', 'boh order list --status refunded --all --json']))
    .action(run(async (context, command) => (await import('./list.js')).list(context, command.opts())));

  order
    .command('get')
    .description(tr('order.get.description'))
    .argument('<store>', tr('order.refund.argument.store'))
    .argument('<number>', tr('order.refund.argument.number'))
    .addHelpText('after', examples(language, ['boh order get 0001 20240105-0001', 'boh order get 0001 20240105-0001 --json']))
    .action(run(async (context, command) => {
      const [store, number] = command.processedArgs as [string, string];
      await (await import('./get.js')).get(context, store, number);
    }));
}
