import { Argument, Option, type Command } from 'commander';
import { examples } from '../../i18n/help.js';
import { registerMessages, t, type Language } from '../../i18n/index.js';
import type { Runner } from '../../program.js';
import { ticketCliMessages } from './messages.js';

const CATEGORIES = ['refrigeration', 'coffee_machine', 'oven', 'fryer', 'dishwasher', 'ice_machine', 'hvac', 'electrical', 'plumbing', 'pos_hardware', 'other'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const STEPS = ['accepted', 'travelling', 'on_site', 'waiting_parts', 'waiting_store', 'resumed', 'resolved', 'verified', 'closed', 'reopened', 'cancelled'];
const STATUSES = ['new', 'assigned', 'accepted', 'travelling', 'on_site', 'waiting_parts', 'waiting_store', 'resolved', 'verified', 'closed', 'cancelled', 'reopened'];

/** Add `boh ticket create|list|show|assign|transition|dispatch|import`. */
export function registerTicketCommands(program: Command, language: Language, run: Runner): void {
  registerMessages(ticketCliMessages);
  const tr = (key: string) => t(language, key);
  const ticket = program.command('ticket').description(tr('ticket.description'));

  ticket
    .command('create')
    .description(tr('ticket.create.description'))
    .requiredOption('--store <code>', tr('ticket.option.store'))
    .addOption(new Option('--category <category>', tr('ticket.option.category')).choices(CATEGORIES).makeOptionMandatory())
    .requiredOption('--title <text>', tr('ticket.option.title'))
    .option('--asset <code>', tr('ticket.option.asset'))
    .addOption(new Option('--priority <priority>', tr('ticket.option.priority')).choices(PRIORITIES))
    .option('--description <text>', tr('ticket.option.description'))
    .option('--reporter <name>', tr('ticket.option.reporter'))
    .addOption(new Option('--reporter-language <language>', tr('ticket.option.reporter_language')).choices(['zh-CN', 'en']))
    .option('--reported-at <time>', tr('ticket.option.reported_at'))
    .addHelpText('after', examples(language, ['boh ticket create --store 0001 --asset A-FRY-1 --category fryer --priority high --title 炸炉不加热']))
    .action(run(async (context, command) => (await import('./create.js')).create(context, command.opts())));

  ticket
    .command('list')
    .description(tr('ticket.list.description'))
    .option('--store <code>', tr('ticket.option.store'))
    .addOption(new Option('--status <status>', tr('ticket.option.status')).choices(STATUSES))
    .option('--open', tr('ticket.option.open'))
    .option('--assignee <code>', tr('ticket.option.assignee'))
    .addOption(new Option('--priority <priority>', tr('ticket.option.priority')).choices(PRIORITIES))
    .option('--limit <n>', t(language, 'resource.option.limit'), '100')
    .option('--all', t(language, 'resource.option.all'))
    .addHelpText('after', examples(language, ['boh ticket list --open --store 0001', 'boh ticket list --assignee T01 --json']))
    .action(run(async (context, command) => (await import('./list.js')).list(context, command.opts())));

  ticket
    .command('show')
    .argument('<code>', tr('ticket.argument.code'))
    .description(tr('ticket.show.description'))
    .option('--at <time>', tr('ticket.option.at'))
    .action(run(async (context, command) => (await import('./show.js')).show(context, command.processedArgs[0] as string, command.opts())));

  ticket
    .command('assign')
    .argument('<code>', tr('ticket.argument.code'))
    .description(tr('ticket.assign.description'))
    .option('--technician <code>', tr('ticket.option.technician'))
    .option('--auto', tr('ticket.option.auto'))
    .option('--note <text>', tr('ticket.option.note'))
    .addHelpText('after', examples(language, ['boh ticket assign WO-000042 --technician T01', 'boh ticket assign WO-000042 --auto']))
    .action(run(async (context, command) => (await import('./assign.js')).assign(context, command.processedArgs[0] as string, command.opts())));

  ticket
    .command('transition')
    .argument('<code>', tr('ticket.argument.code'))
    .addArgument(new Argument('<step>', tr('ticket.argument.step')).choices(STEPS))
    .description(tr('ticket.transition.description'))
    .option('--at <time>', tr('ticket.option.at'))
    .option('--note <text>', tr('ticket.option.note'))
    .option('--rating <n>', tr('ticket.option.rating'))
    .addOption(new Option('--reason <reason>', tr('ticket.option.reason')).choices(['parts', 'store']))
    .addHelpText('after', examples(language, ['boh ticket transition WO-000042 on_site', 'boh ticket transition WO-000042 verified --rating 5']))
    .action(run(async (context, command) => {
      const [code, step] = command.processedArgs as [string, string];
      await (await import('./transition.js')).transition(context, code, step, command.opts());
    }));

  ticket
    .command('dispatch')
    .argument('[code]', tr('ticket.argument.code'))
    .description(tr('ticket.dispatch.description'))
    .option('--open', tr('ticket.option.dispatch_open'))
    .option('--store <code>', tr('ticket.option.store'), (value: string, previous: string[] = []) => [...previous, value])
    .addHelpText('after', examples(language, ['boh ticket dispatch WO-000042', 'boh ticket dispatch --open', 'boh ticket dispatch --open --yes --json']))
    .action(run(async (context, command) => (await import('./dispatch.js')).dispatch(context, command.processedArgs[0] as string | undefined, command.opts())));

  ticket
    .command('import')
    .argument('<file>', tr('ticket.argument.file'))
    .description(tr('ticket.import.description'))
    .option('--dry-run', tr('ticket.option.dry_run'))
    .addHelpText('after', examples(language, ['boh ticket import tickets.xlsx --dry-run', 'boh ticket import tickets.csv --json']))
    .action(run(async (context, command) => (await import('./import.js')).importTickets(context, command.processedArgs[0] as string, command.opts())));
}
