// Parts of an XLSX package that the reader needs before the rows: the sheets in tab order, the
// date system, and the merged ranges of the chosen sheet. The merged ranges sit after the rows in
// the sheet's XML, so they are scanned in a pass of their own.

import { openZipEntry, readZipDirectory, readZipEntryText, type ZipEntry } from './zip-entries.js';
import { TableReadError } from './issues.js';
import { parseCellRange, type CellRange } from './merged-cells.js';

export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
  /** Path of the sheet's XML part inside the package: `xl/worksheets/sheet1.xml`. */
  readonly part: string;
}

export interface WorkbookParts {
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  /** Path of the shared-strings part, when the package has one. */
  readonly sharedStringsPart: string | undefined;
  /** Path of the styles part, when the package has one. */
  readonly stylesPart: string | undefined;
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';

/** Reads the sheet list and date system of an XLSX file; undefined when it is no XLSX package. */
export async function readWorkbookParts(path: string): Promise<WorkbookParts | undefined> {
  const entries = await readZipDirectory(path);
  const workbookEntry = entries.get(WORKBOOK_PART);
  const relsEntry = entries.get(WORKBOOK_RELS_PART);
  if (workbookEntry === undefined || relsEntry === undefined) return undefined;

  const workbookXml = await readZipEntryText(path, workbookEntry);
  const targets = new Map<string, string>();
  const partsByType = new Map<string, string>();
  for (const attributes of elements(await readZipEntryText(path, relsEntry), 'Relationship')) {
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    if (id === undefined || target === undefined) continue;
    targets.set(id, resolvePart(target));
    // The type is a URI whose last segment names the part's kind: `.../sharedStrings`.
    const kind = attributes.get('Type')?.split('/').pop();
    if (kind !== undefined) partsByType.set(kind, resolvePart(target));
  }

  const sheets: SheetInfo[] = [];
  for (const attributes of elements(workbookXml, 'sheet')) {
    const relationId = [...attributes].find(([key]) => /(^|:)id$/.test(key))?.[1];
    const part = relationId === undefined ? undefined : targets.get(relationId);
    const name = attributes.get('name');
    if (part === undefined || name === undefined) continue;
    const state = attributes.get('state');
    sheets.push({ name, part, hidden: state === 'hidden' || state === 'veryHidden' });
  }

  const workbookPr = elements(workbookXml, 'workbookPr')[0];
  const date1904Flag = workbookPr?.get('date1904');
  return {
    sheets,
    entries,
    date1904: date1904Flag === '1' || date1904Flag === 'true',
    sharedStringsPart: presentPart(entries, partsByType.get('sharedStrings'), 'xl/sharedStrings.xml'),
    stylesPart: presentPart(entries, partsByType.get('styles'), 'xl/styles.xml'),
  };
}

/** Returns the related part if the package contains it, else the usual path if that exists. */
function presentPart(entries: ReadonlyMap<string, ZipEntry>, related: string | undefined, usual: string): string | undefined {
  if (related !== undefined && entries.has(related)) return related;
  return entries.has(usual) ? usual : undefined;
}

/** Collects the merged ranges of one sheet part, reading its XML as a stream. */
export async function readMergedRanges(path: string, entry: ZipEntry): Promise<CellRange[]> {
  const needle = Buffer.from('mergeCell ref="', 'latin1');
  const refs: string[] = [];
  let carry: Buffer = Buffer.alloc(0);

  for await (const chunk of await openZipEntry(path, entry)) {
    const buffer = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
    let position = 0;
    // Keep enough of the end to find a match that a chunk boundary cuts.
    let keepFrom = Math.max(0, buffer.length - needle.length - 32);
    for (;;) {
      const start = buffer.indexOf(needle, position);
      if (start === -1) break;
      const end = buffer.indexOf(0x22, start + needle.length);
      if (end === -1) {
        keepFrom = Math.min(keepFrom, start);
        break;
      }
      refs.push(buffer.toString('latin1', start + needle.length, end));
      position = end + 1;
    }
    carry = Buffer.from(buffer.subarray(Math.max(keepFrom, position)));
  }

  const ranges: CellRange[] = [];
  for (const ref of refs) {
    const range = parseCellRange(ref);
    if (range !== undefined) ranges.push(range);
  }
  return ranges;
}

/** Attributes of every element with this local name, in document order. */
export function elements(xml: string, localName: string): Map<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*)>`, 'g');
  const found: Map<string, string>[] = [];
  for (const match of xml.matchAll(pattern)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) {
      attributes.set(attribute[1] ?? '', decodeXmlEntities(attribute[2] ?? ''));
    }
    found.push(attributes);
  }
  return found;
}

function resolvePart(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, body: string) => {
    const lower = body.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return named[lower] ?? entity;
  });
}

/** Choose the requested sheet, or the first visible one; raise when there is none. */
export function chooseSheet(sheets: readonly SheetInfo[], requested: string | undefined, path: string): SheetInfo {
  if (requested !== undefined) {
    // Excel compares sheet names without regard to case, so a workbook cannot hold both Sheet1
    // and SHEET1; a name typed with other case or surrounding spaces finds its sheet too.
    const loose = requested.trim().toLowerCase();
    const found = sheets.find((sheet) => sheet.name === requested) ?? sheets.find((sheet) => sheet.name.trim().toLowerCase() === loose);
    if (found === undefined) {
      throw new TableReadError('sheet_not_found', { sheet: requested, sheets: sheets.map((sheet) => sheet.name).join(', ') });
    }
    return found;
  }
  const first = sheets.find((sheet) => !sheet.hidden);
  if (first === undefined) throw new TableReadError('sheet_missing', { path });
  return first;
}
