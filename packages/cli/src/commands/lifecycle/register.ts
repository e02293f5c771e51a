import { Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { CATEGORIES, STAGES } from './format.js';
import { messages } from './messages.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Add the lifecycle commands to `boh store` (transition, checklist, stages, budget, cost,
 * lifecycle-context) and the `boh site` group. Call after the master-data commands, which
 * create `boh store`.
 */
export function registerLifecycleCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(messages);
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const store = program.commands.find((command) => command.name() === 'store') ?? program.command('store');

  store
    .command('transition')
    .description(tr('lifecycle.transition.description'))
    .argument('[code]', tr('lifecycle.transition.argument.code'))
    .argument('[stage]', tr('lifecycle.transition.argument.stage', { stages: STAGES.join(', ') }))
    .option('--note <text>', tr('lifecycle.option.note'))
    .option('--override <reason>', tr('lifecycle.option.override'))
    .option('--effective-on <date>', tr('lifecycle.option.effective_on'))
    .option('--if-version <n>', tr('lifecycle.option.if_version'))
    .option('--file <path>', tr('lifecycle.option.file'))
    .option('--sheet <name>', tr('lifecycle.option.sheet'))
    .option('--dry-run', tr('lifecycle.option.dry_run'))
    .option('--partial', tr('lifecycle.option.partial'))
    .addHelpText('after', examples(language, [
      'boh store transition 0001 renovating --note 夏季调优',
      'boh store transition 0001 closed --override "房东已书面确认押金退还"',
      'boh store transition --file changes.xlsx --dry-run',
      'boh store transition --file changes.csv --json',
    ]))
    .action(run(async (context, command) => {
      const [code, stage] = command.processedArgs as [string | undefined, string | undefined];
      await (await import('./transition.js')).transition(context, code, stage, command.opts());
    }));

  store
    .command('checklist')
    .description(tr('lifecycle.checklist.description'))
    .argument('<code>', tr('resource.argument.code'))
    .addOption(new Option('--stage <stage>', tr('lifecycle.checklist.option.stage')).choices([...STAGES]))
    .option('--tick <key>', tr('lifecycle.checklist.option.tick'), collect)
    .option('--untick <key>', tr('lifecycle.checklist.option.untick'), collect)
    .option('--note <text>', tr('lifecycle.checklist.option.note'))
    .option('--evidence <reference>', tr('lifecycle.checklist.option.evidence'))
    .addHelpText('after', examples(language, [
      'boh store checklist 0001',
      'boh store checklist 0001 --tick food_licence --evidence JY13101050012345',
      'boh store checklist 0001 --tick fit_out --tick equipment_installed --note 验收单已签',
      'boh store checklist 0001 --stage construction --json',
    ]))
    .action(run(async (context, command) => (await import('./checklist.js')).checklist(context, command.processedArgs[0] as string, command.opts())));

  store
    .command('stages')
    .description(tr('lifecycle.stages.description'))
    .argument('<code>', tr('resource.argument.code'))
    .addHelpText('after', examples(language, ['boh store stages 0001', 'boh store stages 0001 --json']))
    .action(run(async (context, command) => (await import('./stages.js')).stages(context, command.processedArgs[0] as string)));

  store
    .command('budget')
    .description(tr('lifecycle.budget.description'))
    .argument('<code>', tr('resource.argument.code'))
    .option('--set <category=yuan>', tr('lifecycle.budget.option.set'), collect)
    .option('--if-version <n>', tr('lifecycle.option.if_version'))
    .addHelpText('after', examples(language, ['boh store budget 0001', 'boh store budget 0001 --set fit_out=450000 --set equipment=280,000.00']))
    .action(run(async (context, command) => (await import('./budget.js')).budget(context, command.processedArgs[0] as string, command.opts())));

  const cost = store.command('cost').description(tr('lifecycle.cost.description'));
  cost
    .command('add')
    .description(tr('lifecycle.cost.add.description'))
    .argument('<code>', tr('resource.argument.code'))
    .addOption(new Option('--category <category>', tr('lifecycle.cost.option.category', { categories: CATEGORIES.join(', ') })).choices([...CATEGORIES]).makeOptionMandatory())
    .requiredOption('--amount <yuan>', tr('lifecycle.cost.option.amount'))
    .requiredOption('--on <date>', tr('lifecycle.cost.option.on'))
    .option('--reference <number>', tr('lifecycle.cost.option.reference'))
    .option('--supplier <code>', tr('lifecycle.cost.option.supplier'))
    .option('--note <text>', tr('lifecycle.checklist.option.note'))
    .addHelpText('after', examples(language, ['boh store cost add 0001 --category fit_out --amount 185,000.00 --on 2025-04-10 --reference FP-0002']))
    .action(run(async (context, command) => (await import('./cost.js')).addCost(context, command.processedArgs[0] as string, command.opts())));
  cost
    .command('list')
    .description(tr('lifecycle.cost.list.description'))
    .argument('<code>', tr('resource.argument.code'))
    .action(run(async (context, command) => (await import('./cost.js')).listCosts(context, command.processedArgs[0] as string)));

  store
    .command('lifecycle-context')
    .description(tr('lifecycle.context.description'))
    .requiredOption('--from <date>', tr('lifecycle.context.option.from'))
    .requiredOption('--to <date>', tr('lifecycle.context.option.to'))
    .addOption(new Option('--cohort <cohort>', tr('lifecycle.context.option.cohort')).choices(['comparable', 'new', 'not_open', 'closed']))
    .option('--region <code>', tr('lifecycle.context.option.region'))
    .addHelpText('after', examples(language, ['boh store lifecycle-context --from 2025-02-01 --to 2025-02-28', 'boh store lifecycle-context --from 2025-02-01 --to 2025-02-28 --cohort comparable --json']))
    .action(run(async (context, command) => (await import('./context.js')).lifecycleContext(context, command.opts())));

  registerSiteCommands(program, language, run);
}

function addAttributeOptions(command: Command, tr: (key: string) => string): Command {
  return command
    .option('--rent <yuan>', tr('site.option.rent'))
    .option('--footfall <people>', tr('site.option.footfall'))
    .option('--population <people>', tr('site.option.population'))
    .option('--competitors <count>', tr('site.option.competitors'))
    .option('--surveyed-on <date>', tr('site.option.surveyed_on'))
    .option('--source <text>', tr('site.option.source'))
    .option('--note <text>', tr('lifecycle.checklist.option.note'));
}

function registerSiteCommands(program: Command, language: Language, run: Runner): void {
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, params);
  const site = program.command('site').description(tr('site.description'));

  const add = site
    .command('add')
    .description(tr('site.add.description'))
    .argument('<code>', tr('resource.argument.code'))
    .requiredOption('--name <name>', tr('site.option.name'))
    .option('--city <city>', tr('site.option.city'))
    .option('--address <address>', tr('site.option.address'))
    .option('--latitude <degrees>', tr('site.option.latitude'))
    .option('--longitude <degrees>', tr('site.option.longitude'))
    .option('--area <m2>', tr('site.option.area'));
  addAttributeOptions(add, tr)
    .addHelpText('after', examples(language, ['boh site add C-2025-01 --name 前滩太古里候选 --city 上海市 --latitude 31.151 --longitude 121.472 --area 120 --rent 450 --footfall 18000 --population 60000 --competitors 3']))
    .action(run(async (context, command) => (await import('./site/add.js')).addSite(context, command.processedArgs[0] as string, command.opts())));

  site
    .command('list')
    .description(tr('site.list.description'))
    .addOption(new Option('--stage <stage>', tr('site.option.stage')).choices([...STAGES]))
    .option('--city <city>', tr('site.option.city'))
    .addHelpText('after', examples(language, ['boh site list', 'boh site list --stage operating --city 上海市 --json']))
    .action(run(async (context, command) => (await import('./site/list.js')).listSites(context, command.opts())));

  const attributes = site.command('attributes').description(tr('site.attributes.description')).argument('<code>', tr('resource.argument.code'));
  addAttributeOptions(attributes, tr)
    .addHelpText('after', examples(language, ['boh site attributes 0001', 'boh site attributes 0001 --rent 380 --footfall 12000 --population 45000 --competitors 2']))
    .action(run(async (context, command) => (await import('./site/attributes.js')).siteAttributes(context, command.processedArgs[0] as string, command.opts())));

  site
    .command('import-attributes')
    .description(tr('site.import.description'))
    .requiredOption('--file <path>', tr('lifecycle.option.file'))
    .option('--sheet <name>', tr('lifecycle.option.sheet'))
    .option('--dry-run', tr('lifecycle.option.dry_run'))
    .addHelpText('after', examples(language, ['boh site import-attributes --file 门店选址属性.xlsx --dry-run', 'boh site import-attributes --file attributes.csv']))
    .action(run(async (context, command) => {
      const options = command.opts();
      await (await import('./site/import-attributes.js')).importAttributes(context, options.file as string, options);
    }));

  const windowOptions = (command: Command) =>
    command.option('--from <date>', tr('site.option.from')).option('--to <date>', tr('site.option.to'));
  windowOptions(site.command('score').description(tr('site.score.description')))
    .option('--level <fraction>', tr('site.option.level'))
    .option('--radius <metres>', tr('site.option.radius'))
    .option('--store <code>', tr('site.option.store'))
    .addHelpText('after', examples(language, ['boh site score', 'boh site score --radius 800 --level 0.9', 'boh site score --from 2025-01-01 --to 2025-06-30 --json']))
    .action(run(async (context, command) => (await import('./site/score.js')).scoreSites(context, command.opts())));
  windowOptions(site.command('model').description(tr('site.model.description')))
    .addHelpText('after', examples(language, ['boh site model', 'boh site model --from 2025-01-01 --to 2025-06-30 --json']))
    .action(run(async (context, command) => (await import('./site/score.js')).showModel(context, command.opts())));

  for (const [name, stage] of [['approve', 'construction'], ['reject', 'rejected']] as const) {
    site
      .command(name)
      .description(tr(`site.${name}.description`))
      .argument('<code>', tr('resource.argument.code'))
      .option('--note <text>', tr('lifecycle.option.note'))
      .option('--override <reason>', tr('lifecycle.option.override'))
      .addHelpText('after', examples(language, [`boh site ${name} C-2025-01 --note 投资决策会纪要2025-07`]))
      .action(run(async (context, command) => (await import('./transition.js')).transition(context, command.processedArgs[0] as string, stage, command.opts())));
  }
}
