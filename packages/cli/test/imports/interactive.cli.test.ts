// Interactive mapping at a real terminal: `script` gives `boh import` a pseudo-terminal, and the
// test answers its prompts with keystrokes. Without a terminal the same file is rejected.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BOH_BIN } from '../../../../test-support/cli.js';
import { importHarness } from './support.js';

const h = importHarness();
const DOWN = '\u001b[B';
const ENTER = '\r';

/** Run a command under `script` and answer each prompt when its text appears. */
async function atTerminal(command: string, answers: [string, string][]): Promise<{ code: number | null; output: string }> {
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: h.folder,
    env: { PATH: process.env.PATH ?? '', HOME: h.folder, TERM: 'xterm', NO_COLOR: '1', ...h.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  let seen = 0;
  for (const [prompt, keys] of answers) {
    for (let waited = 0; output.indexOf(prompt, seen) === -1; waited += 50) {
      if (waited > 20_000) throw new Error(`No prompt "${prompt}" in:\n${output}`);
      await sleep(50);
    }
    seen = output.indexOf(prompt, seen) + prompt.length;
    await sleep(100);
    child.stdin.write(keys);
  }
  return { code: await exited, output };
}

describe('interactive mapping', () => {
  it('asks for unknown columns and saves a profile', async () => {
    const file = h.file('mystery.csv', '店号,名字,Manager Mood\nT01,终端店,happy\n');
    const command = `${process.execPath} ${BOH_BIN} import store mystery.csv`;
    const result = await atTerminal(command, [
      ['Column "名字"', `${DOWN}${ENTER}`],
      ['Column "Manager Mood"', ENTER],
      ['Save this mapping', ENTER],
      ['Profile file', ENTER],
    ]);
    expect(result.code, result.output).toBe(0);
    expect(await h.get('/stores/T01')).toMatchObject({ name: '终端店' });
    expect(result.output).toMatch(/rows\/s/);

    const saved = join(h.folder, 'mystery.mapping.json');
    expect(existsSync(saved)).toBe(true);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({ resource: 'store', fields: { code: '店号', name: '名字' } });

    const again = await h.boh(['import', 'store', file, '--mapping', saved, '--json']);
    expect(JSON.parse(again.stdout).job.counts.unchanged).toBe(1);
  });

  it('asks in Chinese, key help included', async () => {
    const file = h.file('mystery-zh.csv', '店号,名字\nT03,中文店\n');
    const command = `BOH_LANG=zh-CN ${process.execPath} ${BOH_BIN} import store ${file}`;
    const result = await atTerminal(command, [
      ['列“名字”', `${DOWN}${ENTER}`],
      ['保存为文件', `n${ENTER}`],
    ]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('↑↓ 移动，⏎ 选择');
    expect(result.output).not.toContain('navigate');
    expect(await h.get('/stores/T03')).toMatchObject({ name: '中文店' });
  });

  it('never prompts without a terminal', async () => {
    const file = h.file('mystery-ci.csv', '店号,名字\nT02,管道店\n');
    const result = await h.boh(['import', 'store', file], { CI: 'true' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The file has no column for Store name.');
  });
});
