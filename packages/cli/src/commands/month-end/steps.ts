import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { makeDirectorySync } from '../../files/make-directory.js';
import { dirname } from 'node:path';
import type { Context } from '../../runtime/context.js';
import { writeLine } from '../../runtime/io.js';

/** The outcome of a step: figures for the summary and whether the run may go on. */
export interface StepOutcome {
  /** Figures shown to the user and kept in the state file, such as counts and amounts. */
  summary: Record<string, unknown>;
  /** False when the step found something the user must act on; the run stops after it. */
  ok: boolean;
  /** The exit code for a step that is not ok. */
  exitCode?: number;
  /** A message key explaining why the step is not ok. */
  reasonKey?: string;
  reasonParams?: Record<string, unknown>;
  /**
   * Set when the step ran but did not reach its goal, such as a close that left the period
   * open. The run goes on, the progress line says the step is unfinished and why, and the step
   * is not recorded as done.
   */
  unfinished?: { key: string; params?: Record<string, unknown> };
}

/** One step of a multi-step job such as the month-end close. */
export interface Step {
  id: string;
  /** The step's name in the user's language, shown in progress lines. */
  title: string;
  /**
   * The inputs that decide the step's result (file hashes, options). A step whose inputs did not
   * change since it last succeeded is not run again.
   */
  inputs: Record<string, unknown>;
  /** True for a step that only reads or that must see the latest state: it runs on every re-run. */
  repeat?: boolean;
  run(): Promise<StepOutcome>;
}

interface SavedStep {
  inputs: string;
  summary: Record<string, unknown>;
  finished_at: string;
}

/** The state file of a job: which steps succeeded, with which inputs and what they found. */
export interface JobState {
  job: string;
  steps: Record<string, SavedStep>;
}

export interface RunResult {
  completed: { id: string; summary: Record<string, unknown>; skipped: boolean }[];
  failed?: { id: string; outcome?: StepOutcome; error?: unknown };
}

/**
 * Run steps in order, stopping at the first that fails or is not ok. Progress goes to stderr:
 * a line per step for people, or a JSON line per event with --json (stdout then holds only the
 * final summary). The state file makes a re-run skip the steps that already succeeded with the
 * same inputs, so a job resumes where it stopped and never does a step twice.
 */
/** Formats the line of a step's state: `2/5 WeChat Pay reconciliation: done in 4.9 s`. */
function stepLine(context: Context, index: number, of: number, title: string, status: string): string {
  return context.t('steps.line', { index: index + 1, of, title, status });
}

export async function runSteps(context: Context, job: string, steps: Step[], statePath: string): Promise<RunResult> {
  const state = readState(statePath, job);
  const result: RunResult = { completed: [] };

  for (const [index, step] of steps.entries()) {
    const inputs = hashInputs(step.inputs);
    const title = step.title;
    const saved = state.steps[step.id];
    if (saved && saved.inputs === inputs && !step.repeat) {
      progress(context, { event: 'step', step: step.id, status: 'skipped', index: index + 1, of: steps.length }, stepLine(context, index, steps.length, title, context.t('steps.already_done')));
      result.completed.push({ id: step.id, summary: saved.summary, skipped: true });
      continue;
    }

    progress(context, { event: 'step', step: step.id, status: 'started', index: index + 1, of: steps.length }, context.t('steps.started', { index: index + 1, of: steps.length, title }));
    const started = performance.now();
    let outcome: StepOutcome;
    try {
      outcome = await step.run();
    } catch (error) {
      progress(context, { event: 'step', step: step.id, status: 'failed', index: index + 1, of: steps.length }, stepLine(context, index, steps.length, title, context.t('steps.failed')));
      result.failed = { id: step.id, error };
      return result;
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;

    if (!outcome.ok) {
      progress(context, { event: 'step', step: step.id, status: 'stopped', index: index + 1, of: steps.length, summary: outcome.summary }, stepLine(context, index, steps.length, title, context.t('steps.stopped')));
      result.failed = { id: step.id, outcome };
      return result;
    }

    if (outcome.unfinished) {
      const reason = context.t(outcome.unfinished.key, outcome.unfinished.params);
      progress(context, { event: 'step', step: step.id, status: 'unfinished', index: index + 1, of: steps.length, seconds, summary: outcome.summary }, stepLine(context, index, steps.length, title, context.t('steps.unfinished', { reason })));
      result.completed.push({ id: step.id, summary: outcome.summary, skipped: false });
      continue;
    }

    state.steps[step.id] = { inputs, summary: outcome.summary, finished_at: new Date().toISOString() };
    writeState(statePath, state);
    progress(context, { event: 'step', step: step.id, status: 'done', index: index + 1, of: steps.length, seconds, summary: outcome.summary }, stepLine(context, index, steps.length, title, context.t('steps.done', { seconds })));
    result.completed.push({ id: step.id, summary: outcome.summary, skipped: false });
  }
  return result;
}

function progress(context: Context, event: Record<string, unknown>, line: string): void {
  if (context.json) writeLine(context.io.stderr, JSON.stringify({ ...event, at: new Date().toISOString() }));
  else if (!context.quiet) writeLine(context.io.stderr, line);
}

function hashInputs(inputs: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

function readState(path: string, job: string): JobState {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as JobState;
    if (state.job === job) return state;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { job, steps: {} };
}

// Written to a temporary file and renamed, so a crash mid-write leaves the old state intact.
function writeState(path: string, state: JobState): void {
  makeDirectorySync(dirname(path));
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

/** Hash a file's bytes with SHA-256, for a step's inputs. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
