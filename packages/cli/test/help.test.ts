import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { appendNotes } from '../src/i18n/help.js';
import { buildProgram } from '../src/program.js';

/** List every command of the tree with its path, `boh` first. */
function commands(command: Command, path = 'boh'): [string, Command][] {
  return [[path, command], ...command.commands.flatMap((sub) => commands(sub, `${path} ${sub.name()}`))];
}

describe('option help', () => {
  it('describes --lang with one bracketed note', () => {
    const english = buildProgram('en');
    const chinese = buildProgram('zh-CN');
    const lang = (program: Command) => program.createHelp().optionDescription(program.options.find((option) => option.long === '--lang')!);
    expect(lang(english)).toBe('language of messages; without it, BOH_LANG or else the locale decides (choices: zh-CN, en)');
    expect(lang(chinese)).toBe('消息语言；未指定时取环境变量 BOH_LANG，再取系统区域设置（可选值：zh-CN, en）');
  });

  it('puts notes inside a closing bracket', () => {
    expect(appendNotes('at most this many records (all with --all)', ['default: "100"'], 'en')).toBe('at most this many records (all with --all; default: "100")');
    expect(appendNotes('最多显示的记录数（--all 显示全部）', ['默认："100"'], 'zh-CN')).toBe('最多显示的记录数（--all 显示全部；默认："100"）');
    expect(appendNotes('the store', ['required'], 'en')).toBe('the store (required)');
    expect(appendNotes('门店', ['必填'], 'zh-CN')).toBe('门店（必填）');
    expect(appendNotes('the store', [], 'en')).toBe('the store');
  });

  it.each(['en', 'zh-CN'] as const)('never adds a second bracketed group (%s)', (language) => {
    const doubled: string[] = [];
    for (const [path, command] of commands(buildProgram(language))) {
      const help = command.createHelp();
      for (const option of command.options) {
        const text = help.optionDescription(option);
        if (text !== option.description && /[)）]\s*[(（][^()（）]*[)）]$/.test(text)) doubled.push(`${path} ${option.flags}: ${text}`);
      }
    }
    expect(doubled).toEqual([]);
  });
});
