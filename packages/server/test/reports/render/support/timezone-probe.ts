// Renders a document with every writer and reduces the output to comparable values. Run as a
// script (`node timezone-probe.js document.json`) it prints them as JSON, so tests can run it
// under different TZ settings and compare.

import { readFile } from 'node:fs/promises';

import { renderHtml, type ReportDocument, writeCsvSection, writeJson, writeXlsx } from '../../../../src/reports/render/index.js';
import { renderToBuffer } from './output-sink.js';
import { readRawSheets, readWithExcelJs } from './xlsx-inspect.js';

export interface ProbeResult {
  /** Raw `<v>` text of every cell, by sheet and address. */
  readonly xlsxRaw: Record<string, Record<string, string | null>>;
  /** exceljs's reading of every cell: Dates as ISO strings, other values as they are. */
  readonly xlsxRead: Record<string, Record<string, unknown>>;
  readonly csv: Record<string, string>;
  readonly json: string;
  readonly html: string;
}

export async function probe(document: ReportDocument): Promise<ProbeResult> {
  const xlsx = await renderToBuffer((out) => writeXlsx(document, out));

  const xlsxRaw: ProbeResult['xlsxRaw'] = {};
  for (const [sheet, cells] of readRawSheets(xlsx)) {
    xlsxRaw[sheet] = Object.fromEntries([...cells].map(([address, cell]) => [address, cell.value ?? null]));
  }
  const xlsxRead: ProbeResult['xlsxRead'] = {};
  (await readWithExcelJs(xlsx)).eachSheet((sheet) => {
    const cells: Record<string, unknown> = {};
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells[cell.address] = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
      }),
    );
    xlsxRead[sheet.name] = cells;
  });

  const csv: Record<string, string> = {};
  for (const section of document.sections) {
    csv[section.key] = (await renderToBuffer((out) => writeCsvSection(document, section.key, out))).toString('utf8');
  }
  const json = (await renderToBuffer((out) => writeJson(document, out))).toString('utf8');
  return { xlsxRaw, xlsxRead, csv, json, html: await renderHtml(document) };
}

if (process.argv[1]?.endsWith('timezone-probe.js')) {
  const document = JSON.parse(await readFile(process.argv[2] as string, 'utf8')) as ReportDocument;
  const result = await probe(document);
  const environment = {
    tz: process.env.TZ,
    resolvedTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    // Minutes behind UTC of local midnight on 31 January 2024, as Date computes it in the process time zone.
    localOffsetMinutes: new Date(2024, 0, 31).getTimezoneOffset(),
  };
  process.stdout.write(JSON.stringify({ environment, result }));
}
