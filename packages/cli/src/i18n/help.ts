import { Command, Help, type Option } from 'commander';
import { t, type Language } from './index.js';

const HEADINGS: Record<string, string> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.global_options',
};

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
    if (option.mandatory) notes.push(t(this.language, 'help.required'));
    if (option.argChoices) notes.push(t(this.language, 'help.choices', { values: option.argChoices.join(', ') }));
    if (option.defaultValue !== undefined && option.defaultValue !== false) {
      notes.push(t(this.language, 'help.default', { value: option.defaultValueDescription ?? JSON.stringify(option.defaultValue) }));
    }
    if (option.envVar) notes.push(t(this.language, 'help.env', { name: option.envVar }));
    const separator = this.language === 'zh-CN' ? '；' : '; ';
    return notes.length > 0 ? `${option.description} (${notes.join(separator)})` : option.description;
  }
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
