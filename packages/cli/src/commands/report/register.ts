import type { Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { reportMessages } from './messages.js';

/** Add `boh report list|month-end|<name>`. */
export function registerReportCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(reportMessages);
  const tr = (key: string) => t(language, key);
  const report = program
    .command('report')
    .description(tr('report.description'))
    .argument('[name]', tr('report.argument.name'))
    .option('--period <YYYY-MM>', tr('report.option.period'))
    .option('--out <dir>', tr('report.option.out'))
    .option('--format <list>', tr('report.option.format'))
    .option('--store <code>', tr('report.option.store'))
    .option('--region <code>', tr('report.option.region'))
    .option('--brand <name>', tr('report.option.brand'))
    .option('--compare <previous_period|previous_year>', tr('report.option.compare'))
    .addHelpText(
      'after',
      examples(language, [
        'boh report list',
        'boh report store-performance --period 2026-11 --out reports --format xlsx,html',
        'boh report store-pnl --period 2026-11 --store 0001 --compare previous_year --format csv',
        'boh report month-end --period 2026-11 --out month-end/2026-11',
      ]),
    )
    .action(
      run(async (context, command) => {
        const name = command.processedArgs[0] as string | undefined;
        if (name === undefined) {
          command.help();
          return;
        }
        const options = command.opts() as Record<string, string | undefined>;
        await requirePeriod(options.period);
        await (await import('./run.js')).reportCommand(context, name, options as never);
      }),
    );

  report
    .command('list')
    .description(tr('report.list.description'))
    .addHelpText('after', examples(language, ['boh report list', 'boh report list --json']))
    .action(run(async (context) => (await import('./list.js')).listReports(context)));

  report
    .command('month-end')
    .description(tr('report.month_end.description'))
    .option('--period <YYYY-MM>', tr('report.option.period'))
    .option('--out <dir>', tr('report.option.out'))
    .addHelpText('after', examples(language, ['boh report month-end --period 2026-11 --out month-end/2026-11']))
    .action(
      run(async (context, command) => {
        // `report` declares --period and --out too, and commander gives them to it when they
        // follow the subcommand, so both option sets are read.
        const options = { ...command.parent?.opts(), ...command.opts() } as { period?: string; out?: string };
        await requirePeriod(options.period);
        await (await import('./run.js')).monthEndCommand(context, options as { period: string; out?: string });
      }),
    );
}

async function requirePeriod(period: string | undefined): Promise<void> {
  if (period !== undefined) return;
  const { UsageError } = await import('../../runtime/errors.js');
  throw new UsageError('error.missing_option', { option: '--period', prompt_hint: '' });
}
