import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSteps, type Step } from '../../src/commands/month-end/steps.js';
import { registerMessages } from '../../src/i18n/index.js';
import { monthEndMessages } from '../../src/commands/month-end/messages.js';
import { createContext, type Context } from '../../src/runtime/context.js';

registerMessages(monthEndMessages);

let folder: string;
let statePath: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'boh-steps-'));
  statePath = join(folder, 'state.json');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function makeContext(json: boolean, language: 'en' | 'zh-CN' = 'en'): { context: Context; stderr: () => string } {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {} };
  const context = createContext({ json }, language, io);
  return { context, stderr: () => Buffer.concat(chunks).toString('utf8') };
}

/** A step that counts its runs and ends as `ok` says. */
function countingStep(id: string, runs: Map<string, number>, options: { ok?: boolean; input?: string; repeat?: boolean; fail?: boolean } = {}): Step {
  return {
    id,
    title: `step ${id}`,
    inputs: { input: options.input ?? 'same' },
    repeat: options.repeat,
    run: async () => {
      runs.set(id, (runs.get(id) ?? 0) + 1);
      if (options.fail) throw new Error(`step ${id} broke`);
      return { ok: options.ok ?? true, summary: { id }, exitCode: 7, reasonKey: 'month_end.not_ok' };
    },
  };
}

describe('runSteps', () => {
  it('skips steps that succeeded with the same inputs', async () => {
    const runs = new Map<string, number>();
    const { context } = makeContext(false);
    await runSteps(context, 'job', [countingStep('a', runs), countingStep('b', runs)], statePath);
    const again = await runSteps(context, 'job', [countingStep('a', runs), countingStep('b', runs)], statePath);

    expect(runs.get('a')).toBe(1);
    expect(runs.get('b')).toBe(1);
    expect(again.completed.map((step) => step.skipped)).toEqual([true, true]);
  });

  it('runs a step again when its inputs changed', async () => {
    const runs = new Map<string, number>();
    const { context } = makeContext(false);
    await runSteps(context, 'job', [countingStep('a', runs, { input: 'v1' })], statePath);
    await runSteps(context, 'job', [countingStep('a', runs, { input: 'v2' })], statePath);
    expect(runs.get('a')).toBe(2);
  });

  it('runs a repeat step every time', async () => {
    const runs = new Map<string, number>();
    const { context } = makeContext(false);
    await runSteps(context, 'job', [countingStep('a', runs, { repeat: true })], statePath);
    await runSteps(context, 'job', [countingStep('a', runs, { repeat: true })], statePath);
    expect(runs.get('a')).toBe(2);
  });

  it('stops at a step that is not ok and resumes there', async () => {
    const runs = new Map<string, number>();
    const { context } = makeContext(false);
    const first = await runSteps(context, 'job', [countingStep('a', runs), countingStep('b', runs, { ok: false }), countingStep('c', runs)], statePath);

    expect(first.failed?.id).toBe('b');
    expect(first.failed?.outcome?.exitCode).toBe(7);
    expect(runs.get('c')).toBeUndefined();

    const second = await runSteps(context, 'job', [countingStep('a', runs), countingStep('b', runs), countingStep('c', runs)], statePath);
    expect(second.failed).toBeUndefined();
    expect(runs.get('a')).toBe(1);
    expect(runs.get('b')).toBe(2);
    expect(runs.get('c')).toBe(1);
  });

  it('keeps the error of a step that throws and saves nothing for it', async () => {
    const runs = new Map<string, number>();
    const { context } = makeContext(false);
    const result = await runSteps(context, 'job', [countingStep('a', runs, { fail: true })], statePath);

    expect((result.failed?.error as Error).message).toBe('step a broke');
    expect(() => readFileSync(statePath, 'utf8')).toThrow();
  });

  it('writes one JSON progress line per event with --json', async () => {
    const runs = new Map<string, number>();
    const { context, stderr } = makeContext(true);
    await runSteps(context, 'job', [countingStep('a', runs), countingStep('b', runs)], statePath);

    const events = stderr().trim().split('\n').map((line) => JSON.parse(line) as { step: string; status: string });
    expect(events.map((event) => `${event.step}:${event.status}`)).toEqual(['a:started', 'a:done', 'b:started', 'b:done']);
  });

  it('says a step is not done when it did not reach its goal', async () => {
    const unfinished: Step = {
      id: 'close',
      title: 'Close 2026-11',
      inputs: {},
      run: async () => ({ ok: true, summary: {}, unfinished: { key: 'month_end.checks_not_met', params: { checks: 'reconciliations' } } }),
    };
    const runs = new Map<string, number>();
    for (const [language, line] of [
      ['en', '1/2 Close 2026-11: not done: the period stays open, because these checklist items are not met: reconciliations'],
      ['zh-CN', '1/2 Close 2026-11：未完成：期间仍未结账，以下检查项未通过：reconciliations'],
    ] as const) {
      const { context, stderr } = makeContext(false, language);
      const result = await runSteps(context, `job-${language}`, [unfinished, countingStep(`after-${language}`, runs)], statePath);

      expect(stderr().split('\n')).toContain(line);
      expect(result.failed).toBeUndefined();
      expect(runs.get(`after-${language}`)).toBe(1);
    }
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { steps: Record<string, unknown> };
    expect(Object.keys(saved.steps)).toEqual(['after-zh-CN']);
  });

  it('ignores the state of another job', async () => {
    const runs = new Map<string, number>();
    const { context } = makeContext(false);
    await runSteps(context, 'job-one', [countingStep('a', runs)], statePath);
    await runSteps(context, 'job-two', [countingStep('a', runs)], statePath);
    expect(runs.get('a')).toBe(2);
  });
});

describe('runSteps progress lines', () => {
  it('uses the language punctuation', async () => {
    const english = makeContext(false, 'en');
    await runSteps(english.context, 'job', [countingStep('a', new Map())], join(folder, 'en.json'));
    expect(english.stderr()).toMatch(/^1\/1 step a: done in [\d.]+ s$/m);

    const chinese = makeContext(false, 'zh-CN');
    await runSteps(chinese.context, 'job', [countingStep('a', new Map())], join(folder, 'zh.json'));
    expect(chinese.stderr()).toMatch(/^1\/1 step a：完成，用时 [\d.]+ 秒$/m);
  });
});
