import type { Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { demoMessages } from '../demo/messages.js';
import { monthEndMessages } from './messages.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Add `boh month-end` and `boh demo`, which runs month-end on a generated chain. */
export function registerMonthEndCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(monthEndMessages);
  registerMessages(demoMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);

  program
    .command('month-end')
    .description(tr('month_end.description'))
    .requiredOption('--period <YYYY-MM>', tr('month_end.option.period'))
    .option('--orders <file>', tr('month_end.option.orders'), collect)
    .option('--orders-mapping <profile>', tr('month_end.option.orders_mapping'))
    .option('--statement <file>', tr('month_end.option.statement'), collect)
    .option('--statement-mapping <profile>', tr('month_end.option.statement_mapping'), collect)
    .option('--out <dir>', tr('month_end.option.out'))
    .option('--no-close', tr('month_end.option.no_close'))
    .option('--accept <check>', tr('month_end.option.accept'), collect)
    .addHelpText('after', examples(language, [
      'boh month-end --period 2026-11 --orders pos-orders-2026-11.csv --statement wechat-2026-11.csv --statement alipay-2026-11.csv --statement icbc-2026-11.csv',
      'boh month-end --period 2026-11 --orders orders.xlsx --statement alipay-2026-11.csv --no-close --json',
    ]))
    .action(run(async (context, command) => (await import('./month-end.js')).monthEnd(context, command.opts())));

  program
    .command('demo')
    .description(tr('demo.description'))
    .option('--out <dir>', tr('demo.option.out'))
    .option('--period <YYYY-MM>', tr('demo.option.period'))
    .option('--stores <n>', tr('demo.option.stores'))
    .option('--seed <n>', tr('demo.option.seed'))
    .addHelpText('after', examples(language, ['boh demo', 'boh --lang zh-CN demo --out 演示 --stores 12']))
    .action(run(async (context, command) => (await import('../demo/demo.js')).demo(context, command.opts())));
}
