import type { Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { ledgerMessages } from '../ledger/messages.js';
import { closeMessages } from './messages.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Add `boh close`, `boh period reopen` and `boh voucher export`. */
export function registerCloseCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(ledgerMessages);
  registerMessages(closeMessages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);

  program
    .command('close')
    .description(tr('close.description'))
    .requiredOption('--period <YYYY-MM>', tr('close.option.period'))
    .option('--dry-run', tr('close.option.dry_run'))
    .option('--accept <check>', tr('close.option.accept'), collect)
    .addHelpText('after', examples(language, ['boh close --period 2026-11 --dry-run', 'boh close --period 2026-11 --yes', 'boh close --period 2026-11 --accept stock_counts_posted --yes --json']))
    .action(run(async (context, command) => (await import('./close.js')).closeCommand(context, command.opts())));

  const period = program.command('period').description(tr('period.description'));
  period
    .command('reopen')
    .description(tr('period.reopen.description'))
    .requiredOption('--period <YYYY-MM>', tr('period.option.period'))
    .requiredOption('--reason <text>', tr('period.option.reason'))
    .addHelpText('after', examples(language, ['boh period reopen --period 2026-11 --reason 补录发票 --yes']))
    .action(run(async (context, command) => {
      const options = command.opts<{ period: string; reason: string }>();
      await (await import('../ledger/period.js')).changePeriod(context, 'reopen', options.period, { reason: options.reason });
    }));

  const voucher = program.command('voucher').description(tr('voucher.description'));
  voucher
    .command('export')
    .description(tr('voucher.export.description'))
    .requiredOption('--period <YYYY-MM>', tr('voucher.option.period'))
    .requiredOption('--layout <layout>', tr('voucher.option.layout'))
    .option('--out <dir>', tr('voucher.option.out'))
    .addHelpText('after', examples(language, ['boh voucher export --period 2026-11 --layout kingdee --out 月结', 'boh voucher export --period 2026-11 --layout csv --json']))
    .action(run(async (context, command) => (await import('../voucher/export.js')).exportVouchersCommand(context, command.opts())));
}
