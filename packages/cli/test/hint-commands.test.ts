import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../server/src/i18n/catalogues.js';
import { LIST_COMMANDS } from '../../server/src/i18n/list-commands.js';
import { localiseParams } from '../../server/src/http/api-error.js';
import { buildProgram } from '../src/program.js';

const LANGUAGES = ['en', 'zh-CN'] as const;
const program = buildProgram('en');

/**
 * Check that a command line names existing commands: every word after `boh` that is not an
 * argument or an option must be a subcommand. Returns the problem, or null.
 */
function commandProblem(text: string): string | null {
  const words = text.trim().split(/\s+/).slice(1);
  let node: Command = program;
  let matched = 0;
  for (const word of words) {
    const next = node.commands.find((command) => command.name() === word || command.aliases().includes(word));
    if (next) {
      node = next;
      matched += 1;
      continue;
    }
    if (matched === 0) break;
    const plainWord = /^[a-z][a-z-]*$/.test(word);
    if (plainWord && node.commands.length > 0 && node.registeredArguments.length === 0) return `"${word}" is not a subcommand of "boh ${pathOf(node)}"`;
    break;
  }
  return matched === 0 ? `"${words[0]}" is not a boh command` : null;
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

function commandsIn(message: string): string[] {
  return [...message.matchAll(/`(boh(?: [^`]*)?)`/g)].map((match) => match[1]!);
}

describe('commands named by server messages', () => {
  it('checker rejects a missing subcommand', () => {
    expect(commandProblem('boh store list')).toBeNull();
    expect(commandProblem('boh reconcile wechat --period 2024-01')).toBeNull();
    expect(commandProblem('boh reconciliation list')).toBe('"reconciliation" is not a boh command');
    expect(commandProblem('boh ledger account list')).toBe('"list" is not a subcommand of "boh ledger account"');
  });

  it('every resource has a list command entry', () => {
    const resources = new Set<string>();
    for (const catalogue of CATALOGUES) {
      for (const key of Object.keys(catalogue.en)) if (key.startsWith('resource.')) resources.add(key.slice('resource.'.length));
    }
    expect([...resources].filter((resource) => !(resource in LIST_COMMANDS))).toEqual([]);
  });

  it('not-found hints name existing commands', () => {
    for (const language of LANGUAGES) {
      for (const resource of Object.keys(LIST_COMMANDS)) {
        const { hint } = localiseParams({ resource }, language) as { hint: string };
        const named = commandsIn(hint);
        if (LIST_COMMANDS[resource] !== null) expect(named, `${language} ${resource}: ${hint}`).not.toEqual([]);
        for (const command of named) expect(commandProblem(command), `${language} ${resource}: ${hint}`).toBeNull();
      }
    }
  });

  it('every message names existing commands', () => {
    for (const catalogue of CATALOGUES) {
      for (const language of LANGUAGES) {
        for (const [key, message] of Object.entries(catalogue[language])) {
          for (const command of commandsIn(message)) {
            // `{command}` is filled in from LIST_COMMANDS, checked above.
            if (command.includes('{command}')) continue;
            expect(commandProblem(command), `${language} ${key}: ${command}`).toBeNull();
          }
        }
      }
    }
  });
});
