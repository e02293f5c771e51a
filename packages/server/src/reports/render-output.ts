// Renders a stored run into one output format, in memory, for the output endpoint and the CLI.

import { PassThrough } from 'node:stream';

import type { ReportLanguage } from './render/document.js';
import { renderHtml, writeCsvSection, writeJson, writeXlsx } from './render/index.js';
import type { RunResult } from './engine/run-result.js';
import { runDocument } from './to-document.js';

export const OUTPUT_FORMATS = ['xlsx', 'csv', 'json', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<OutputFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
};

/** Render the run; CSV holds one section (`sectionKey`, default the first). */
export async function renderRunOutput(run: RunResult, format: OutputFormat, language: ReportLanguage, sectionKey?: string): Promise<Buffer> {
  const document = runDocument(run, language);
  if (format === 'html') return Buffer.from(await renderHtml(document), 'utf8');

  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  if (format === 'xlsx') await writeXlsx(document, output);
  else if (format === 'json') await writeJson(document, output);
  else await writeCsvSection(document, sectionKey ?? run.sections[0]!.key, output);
  return Buffer.concat(chunks);
}
