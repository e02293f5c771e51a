import { formatIssue, parseCode, parseDate, normaliseText, type Cell, type Normalised } from '../../files/index.js';
import type { Context } from '../../runtime/context.js';
import { messages } from './messages.js';
import { STAGES, type Stage } from './format.js';

/** The outcome of reading one cell: the value, or a message naming what is wrong. */
export type CellValue<T> = { ok: true; value: T } | { ok: false; message: string };

function fromNormalised<T>(context: Context, result: Normalised<T>): CellValue<T> {
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: formatIssue(context.language, result.issue) };
}

export function readCode(context: Context, cell: Cell): CellValue<string> {
  if (cell === null || cell === '') return { ok: false, message: context.t('file.missing_value') };
  return fromNormalised(context, parseCode(cell));
}

export function readText(context: Context, cell: Cell): CellValue<string | null> {
  return fromNormalised(context, normaliseText(cell));
}

export function readDate(context: Context, cell: Cell): CellValue<string | null> {
  if (cell === null || cell === '') return { ok: true, value: null };
  return fromNormalised(context, parseDate(cell));
}

/** Read a stage written as its id (operating), or its English or Chinese name (Operating, 运营). */
export function readStage(context: Context, cell: Cell): CellValue<Stage> {
  const text = cell === null ? '' : String(cell).trim();
  if (text === '') return { ok: false, message: context.t('file.missing_value') };
  const found = STAGES.find(
    (stage) => stage === text.toLowerCase() || messages.en[`stage.${stage}`].toLowerCase() === text.toLowerCase() || messages['zh-CN'][`stage.${stage}`] === text,
  );
  return found ? { ok: true, value: found } : { ok: false, message: context.t('file.invalid_stage', { value: text, stages: STAGES.join(', ') }) };
}
