import { Command, Help, type Option } from 'commander';
import { t, type Language } from './index.js';

const HEADINGS: Record<string, string> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.global_options',
};

const REQUIRED_IN_HELP = new WeakSet<Option>();

/**
 * Mark options of `command` as required in its help, for a command that checks them itself:
 * commander checks a parent's required options before running any of its subcommands, so a
 * command with subcommands cannot declare them with `requiredOption`.
 */
export function showRequiredInHelp(command: Command, ...flags: string[]): void {
  for (const flag of flags) {
    const option = command.options.find((candidate) => candidate.long === flag);
    if (option === undefined) throw new Error(`${command.name()} has no option ${flag}`);
    REQUIRED_IN_HELP.add(option);
  }
}

/** Commander's help, with its headings and option notes in the chosen language. */
export class LocalisedHelp extends Help {
  readonly language: Language;

  constructor(language: Language) {
    super();
    this.language = language;
    this.showGlobalOptions = true;
  }

  override styleTitle(title: string): string {
    const key = HEADINGS[title];
    return key ? t(this.language, key) : title;
  }

  override optionDescription(option: Option): string {
    const notes: string[] = [];
    if (option.mandatory || REQUIRED_IN_HELP.has(option)) notes.push(t(this.language, 'help.required'));
    if (option.argChoices) notes.push(t(this.language, 'help.choices', { values: option.argChoices.join(', ') }));
    if (option.defaultValue !== undefined && option.defaultValue !== false) {
      notes.push(t(this.language, 'help.default', { value: option.defaultValueDescription ?? JSON.stringify(option.defaultValue) }));
    }
    if (option.envVar) notes.push(t(this.language, 'help.env', { name: option.envVar }));
    return appendNotes(option.description, notes, this.language);
  }
}

/**
 * Append notes to a description in brackets: `(a; b)` in English, `（a；b）` in Chinese. A
 * description that already ends in brackets gets the notes inside them, so help never shows two
 * bracketed groups in a row.
 */
export function appendNotes(description: string, notes: readonly string[], language: Language): string {
  if (notes.length === 0) return description;
  const [open, close, separator] = language === 'zh-CN' ? ['（', '）', '；'] : [' (', ')', '; '];
  const trailing = /[)）]$/.exec(description);
  if (trailing) return `${description.slice(0, -1)}${separator}${notes.join(separator)}${trailing[0]}`;
  return `${description}${open}${notes.join(separator)}${close}`;
}

/** Format a command's examples, each line starting with `$ boh`. */
export function examples(language: Language, lines: string[]): string {
  return `\n${t(language, 'help.examples')}\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** A commander Command whose help, and that of every subcommand, is in one language. */
export class LocalisedCommand extends Command {
  readonly language: Language;

  constructor(language: Language, name?: string) {
    super(name);
    this.language = language;
  }

  override createCommand(name?: string): LocalisedCommand {
    return new LocalisedCommand(this.language, name);
  }

  override createHelp(): Help {
    return Object.assign(new LocalisedHelp(this.language), this.configureHelp());
  }
}
