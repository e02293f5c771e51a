import { Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { t, type Language } from '../../i18n/index.js';
import { RESOURCES, type ResourceDescriptor } from '../../resources/catalog.js';
import { queryParameterEnum, schemaFields } from '../../resources/contract-schema.js';
import { fieldLabel, loadTemplate } from '../../resources/templates.js';
import type { Runner } from '../../program.js';
import { addFieldOptions, optionFlag } from './field-options.js';

/** Add `boh <resource> list|get|create|update|deactivate|history` for every master-data resource. */
export function registerMasterDataCommands(program: Command, language: Language, run: Runner): void {
  for (const resource of RESOURCES) registerResource(program, resource, language, run);
}

function registerResource(program: Command, resource: ResourceDescriptor, language: Language, run: Runner): void {
  const template = loadTemplate(resource.name);
  const title = template.title[language];
  const tr = (key: string, params?: Record<string, unknown>) => t(language, key, { title, name: template.name[language], ...params });
  const group = program.command(resource.command).description(title);
  const name = resource.command;

  const list = group
    .command('list')
    .description(tr('resource.list.description'))
    .option('--limit <n>', tr('resource.option.limit'), '100')
    .option('--all', tr('resource.option.all'))
    .addOption(new Option('--active <bool>', tr('resource.option.active')).choices(['true', 'false']))
    .option('--q <text>', tr('resource.option.q'))
    .option('--updated-since <time>', tr('resource.option.updated_since'))
    .addOption(new Option('--sort <field>', tr('resource.option.sort')).choices(queryParameterEnum(resource.listOperation, 'sort') ?? []));
  for (const filter of resource.filters) {
    const option = new Option(`${optionFlag(filter)} <value>`, tr('resource.option.filter', { label: fieldLabel(template, filter, language) }));
    const choices = queryParameterEnum(resource.listOperation, filter);
    if (choices) option.choices(choices);
    list.addOption(option);
  }
  list
    .addHelpText('after', examples(language, [`boh ${name} list`, `boh ${name} list --q 上海 --json`, `boh ${name} list --all --sort -updated_at`]))
    .action(run(async (context, command) => (await import('./list.js')).list(context, resource, command.opts())));

  group
    .command('get')
    .argument('<code>', tr('resource.argument.code'))
    .description(tr('resource.get.description'))
    .addHelpText('after', examples(language, [`boh ${name} get 0001`, `boh ${name} get 0001 --json`]))
    .action(run(async (context, command) => (await import('./get.js')).get(context, resource, command.processedArgs[0] as string)));

  const create = group.command('create').description(tr('resource.create.description'));
  addFieldOptions(create, schemaFields(resource.createSchema), template, language);
  create
    .option('--from-json <file>', tr('resource.option.from_json'))
    .addHelpText('after', examples(language, createExamples(resource)))
    .action(run(async (context, command) => (await import('./create.js')).create(context, resource, command.opts())));

  const update = group.command('update').argument('<code>', tr('resource.argument.code')).description(tr('resource.update.description'));
  addFieldOptions(update, schemaFields(resource.updateSchema), template, language);
  update
    .option('--if-version <n>', tr('resource.option.if_version'))
    .option('--from-json <file>', tr('resource.option.from_json'))
    .addHelpText('after', examples(language, [`boh ${name} update 0001 --name 新名称`, `boh ${name} update 0001 --if-version 3 --json`]))
    .action(run(async (context, command) => (await import('./update.js')).update(context, resource, command.processedArgs[0] as string, command.opts())));

  group
    .command('deactivate')
    .argument('<code>', tr('resource.argument.code'))
    .description(tr('resource.deactivate.description'))
    .addHelpText('after', examples(language, [`boh ${name} deactivate 0001`, `boh ${name} deactivate 0001 --yes --json`]))
    .action(run(async (context, command) => (await import('./deactivate.js')).deactivate(context, resource, command.processedArgs[0] as string)));

  group
    .command('history')
    .argument('<code>', tr('resource.argument.code'))
    .description(tr('resource.history.description'))
    .action(run(async (context, command) => (await import('../history.js')).history(context, resource.name, command.processedArgs[0] as string)));
}

function createExamples(resource: ResourceDescriptor): string[] {
  const template = loadTemplate(resource.name);
  const required = schemaFields(resource.createSchema).filter((field) => field.required);
  const flags = required.map((field) => {
    const example = template.columns.find((column) => column.field === field.name)?.example;
    return `${optionFlag(field.name)} ${String(example ?? field.name)}`;
  });
  return [`boh ${resource.command} create ${flags.join(' ')}`, `boh ${resource.command} create --from-json ${resource.name}.json --json`];
}
