import { Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { t, type Language } from '../../i18n/index.js';
import { exportResources, importResources } from '../../imports/resources.js';
import '../../imports/messages.js';
import type { Runner } from '../../program.js';
import { UsageError } from '../../runtime/errors.js';

/** Add `boh import`, `boh import list|show`, `boh export` and `boh template`. */
export function registerImportCommands(program: Command, language: Language, run: Runner): void {
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const resources = importResources().join(', ');

  const importCommand = program
    .command('import')
    .description(tr('import.description'))
    .argument('[resource]', tr('import.argument.resource', { values: resources }))
    .argument('[file]', tr('import.argument.file'))
    .addOption(new Option('--mode <mode>', tr('import.option.mode')).choices(['insert', 'upsert', 'update']))
    .option('--match-on <fields>', tr('import.option.match_on'))
    .option('--dry-run', tr('import.option.dry_run'))
    .option('--mapping <profile.json>', tr('import.option.mapping'))
    .option('--template <name>', tr('import.option.template'))
    .option('--encoding <name>', tr('import.option.encoding'))
    .option('--delimiter <char>', tr('import.option.delimiter'))
    .option('--sheet <name>', tr('import.option.sheet'))
    .addOption(new Option('--date-order <order>', tr('import.option.date_order')).choices(['DMY', 'MDY', 'YMD']))
    .option('--time-zone <zone>', tr('import.option.time_zone'))
    .option('--max-errors <n>', tr('import.option.max_errors'))
    .option('--batch-size <n>', tr('import.option.batch_size'))
    .option('--resume', tr('import.option.resume'))
    .option('--canonical <rows.jsonl>', tr('import.option.canonical'))
    .option('--no-files', tr('import.option.no_files'))
    .addHelpText(
      'after',
      examples(language, [
        'boh import store stores.xlsx',
        'boh import store 门店.csv --dry-run',
        'boh import menu_item menu.xlsx --mode update --max-errors 50',
        'boh import store directory.csv --mapping templates/imports/starbucks-store-directory.json --json',
        'boh import store stores.csv --resume',
        'boh import sales_order 订单明细.xlsx',
        'boh import sales_order order_details.csv --template maven-pizza-sales-orders',
      ]),
    )
    .action(
      run(async (context, command) => {
        const [resource, file] = command.processedArgs as [string | undefined, string | undefined];
        // Both arguments are optional only so that `boh import list` parses as a subcommand.
        if (!resource || !file) throw new UsageError('error.commander.missingArgument', { name: resource ? 'file' : 'resource', command: 'import' });
        await (await import('../../imports/run-import.js')).importFile(context, resource, file, command.opts());
      }),
    );

  importCommand
    .command('list')
    .description(tr('import.list.description'))
    .option('--limit <n>', tr('resource.option.limit'), '20')
    .addHelpText('after', examples(language, ['boh import list', 'boh import list --json']))
    .action(run(async (context, command) => (await import('./list.js')).listJobs(context, command.opts())));

  importCommand
    .command('show')
    .argument('<id>', tr('import.argument.id'))
    .description(tr('import.show.description'))
    .addHelpText('after', examples(language, ['boh import show imp_0123456789abcdef', 'boh import show imp_0123456789abcdef --json']))
    .action(run(async (context, command) => (await import('./show.js')).showJob(context, command.processedArgs[0] as string)));

  program
    .command('export')
    .description(tr('export.description'))
    .argument('<resource>', tr('export.argument.resource', { values: exportResources().join(', ') }))
    .addOption(new Option('--format <format>', tr('export.option.format')).choices(['csv', 'xlsx', 'jsonl']))
    .option('--output <file>', tr('export.option.output'))
    .option('--from <date>', tr('export.option.from'))
    .option('--to <date>', tr('export.option.to'))
    .option('--store <code>', tr('export.option.store'))
    .addHelpText(
      'after',
      examples(language, [
        'boh export store',
        'boh export menu_item --format xlsx --output 菜品.xlsx --lang zh-CN',
        'boh export item --format jsonl --output -',
        'boh export sales_order --from 2024-03-01 --to 2024-03-31 --store S01 --output 订单.xlsx',
      ]),
    )
    .action(run(async (context, command) => (await import('../export/export.js')).exportResource(context, command.processedArgs[0] as string, command.opts())));

  program
    .command('template')
    .description(tr('template.description'))
    .argument('<resource>', tr('template.argument.resource', { values: resources }))
    .option('--output <file>', tr('template.option.output'))
    .addHelpText('after', examples(language, ['boh template store', 'boh template menu_item --lang zh-CN --output 菜品导入模板.xlsx']))
    .action(run(async (context, command) => (await import('../template/template.js')).writeTemplate(context, command.processedArgs[0] as string, command.opts())));
}
