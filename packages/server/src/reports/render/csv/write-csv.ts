// CSV output: one file per section, UTF-8 with a byte order mark (Excel on Chinese Windows reads
// a file without one as GBK), CRLF line ends, RFC 4180 quoting, header in the report language.

import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';

import { documentTimeZone } from '../cover.js';
import { isNumericColumnType, type ReportDocument, type ReportSection } from '../document.js';
import { localize, renderLabel } from '../labels.js';
import { normalizeRow, readSectionRows } from '../rows.js';
import { BatchedTextOutput } from '../stream-output.js';
import { assertValidReportDocument } from '../validate.js';
import type { NormalizedCell } from '../values/cell-value.js';
import { type CellTextOptions, formatCellText } from '../values/format-cell.js';
import { csvField, csvRecord } from './csv-field.js';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Write one section as CSV to `output` and end it. Money is yuan with 2 decimals and no
 * thousands separators, datetimes are `YYYY-MM-DD HH:mm:ss` in the column's time zone, and the
 * totals, when present, follow the rows. If rendering fails the promise rejects and `output`
 * is left open and incomplete: the caller must discard it.
 */
export async function writeCsvSection(document: ReportDocument, sectionKey: string, output: Writable): Promise<void> {
  assertValidReportDocument(document);
  const section = findSection(document, sectionKey);
  const textOptions: CellTextOptions = { grouping: false, seconds: true, timeZone: documentTimeZone(document) };
  const out = new BatchedTextOutput(output);

  const header = section.columns.map((column) => csvField(localize(column.label, document.language), false));
  await out.write(BYTE_ORDER_MARK + csvRecord(header));

  for await (const cells of readSectionRows(section)) {
    await out.write(csvRecord(csvFields(section, cells, textOptions)));
  }

  if (section.totals) {
    const cells = normalizeRow(section.columns, section.totals, `section ${section.key}, totals`, true);
    const fields = csvFields(section, cells, textOptions);
    if (cells[0] === null) fields[0] = csvField(renderLabel(document.language, 'total'), false);
    await out.write(csvRecord(fields));
  }

  await out.end();
}

/**
 * Write every section to `directory`, each under the file name the caller gives for its key,
 * and return the paths in section order. A file that failed half-way is deleted.
 */
export async function writeCsvFiles(
  document: ReportDocument,
  directory: string,
  fileNames: Readonly<Record<string, string>>,
): Promise<string[]> {
  checkFileNames(document, fileNames);

  const paths: string[] = [];
  for (const section of document.sections) {
    const path = join(directory, fileNames[section.key] as string);
    const output = createWriteStream(path);
    try {
      await writeCsvSection(document, section.key, output);
    } catch (error) {
      output.destroy();
      await rm(path, { force: true });
      throw error;
    }
    paths.push(path);
  }
  return paths;
}

function csvFields(section: ReportSection, cells: readonly NormalizedCell[], options: CellTextOptions): string[] {
  return section.columns.map((column, index) =>
    csvField(formatCellText(column, cells[index] ?? null, options), isNumericColumnType(column.type)),
  );
}

function findSection(document: ReportDocument, sectionKey: string): ReportSection {
  const section = document.sections.find((candidate) => candidate.key === sectionKey);
  if (!section) {
    const known = document.sections.map((candidate) => candidate.key).join(', ');
    throw new Error(`The report has no section ${JSON.stringify(sectionKey)}; its sections are: ${known}`);
  }
  return section;
}

function checkFileNames(document: ReportDocument, fileNames: Readonly<Record<string, string>>): void {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const section of document.sections) {
    const name = fileNames[section.key];
    if (name === undefined) problems.push(`section ${section.key} has no file name`);
    else if (name === '' || basename(name) !== name || name === '.' || name === '..') {
      problems.push(`${JSON.stringify(name)} (section ${section.key}) is not a plain file name`);
    } else if (used.has(name.toLowerCase())) {
      problems.push(`${JSON.stringify(name)} is given to more than one section`);
    } else used.add(name.toLowerCase());
  }
  if (problems.length > 0) throw new Error(`Invalid CSV file names: ${problems.join('; ')}`);
}
