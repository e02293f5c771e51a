// Reads a written workbook twice: as raw sheet XML (exact serials, cell types, formulas) and
// through exceljs, the way a consumer would.

import ExcelJS from 'exceljs';

import { readZipEntries } from './zip-entries.js';

export interface RawCell {
  /** The `t` attribute: `str`, `s`, `inlineStr`, `b`, `e`, or undefined for a number. */
  readonly type: string | undefined;
  /** The text of `<v>`, XML entities decoded. */
  readonly value: string | undefined;
  readonly hasFormula: boolean;
  readonly styleId: number | undefined;
}

/** Return each sheet's cells by address, with sheets keyed by name. */
export function readRawSheets(xlsx: Buffer): Map<string, Map<string, RawCell>> {
  const entries = readZipEntries(xlsx);
  const workbookXml = required(entries, 'xl/workbook.xml');
  const relsXml = required(entries, 'xl/_rels/workbook.xml.rels');

  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<Relationship\b([^>]*)\/>/g)) {
    const attributes = match[1] ?? '';
    const id = attribute(attributes, 'Id');
    const target = attribute(attributes, 'Target');
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }

  const sheets = new Map<string, Map<string, RawCell>>();
  for (const match of workbookXml.matchAll(/<sheet\b([^>]*)\/>/g)) {
    const attributes = match[1] ?? '';
    const name = decodeXml(attribute(attributes, 'name') ?? '');
    const target = targets.get(attribute(attributes, 'r:id') ?? '');
    if (!target) throw new Error(`sheet ${name} has no relationship target`);
    sheets.set(name, parseCells(required(entries, target)));
  }
  return sheets;
}

/** Return the style's number format code for each cell style id, from xl/styles.xml. */
export function readNumberFormats(xlsx: Buffer): Map<number, string> {
  const styles = required(readZipEntries(xlsx), 'xl/styles.xml');
  // Built-in formats (ECMA-376 part 1, 18.8.30) that exceljs refers to by id.
  const formatCodes = new Map<number, string>([
    [0, 'General'],
    [1, '0'],
    [2, '0.00'],
    [3, '#,##0'],
    [4, '#,##0.00'],
    [9, '0%'],
    [10, '0.00%'],
    [14, 'mm-dd-yy'],
    [49, '@'],
  ]);
  for (const match of styles.matchAll(/<numFmt\b([^>]*)\/>/g)) {
    const id = Number(attribute(match[1] ?? '', 'numFmtId'));
    formatCodes.set(id, decodeXml(attribute(match[1] ?? '', 'formatCode') ?? ''));
  }

  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const result = new Map<number, string>();
  [...cellXfs.matchAll(/<xf\b([^>]*?)\/?>/g)].forEach((match, index) => {
    const id = Number(attribute(match[1] ?? '', 'numFmtId') ?? 0);
    result.set(index, formatCodes.get(id) ?? `builtin:${id}`);
  });
  return result;
}

export async function readWithExcelJs(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its parameter as an older Buffer declaration.
  await workbook.xlsx.load(xlsx as never);
  return workbook;
}

function parseCells(sheetXml: string): Map<string, RawCell> {
  const cells = new Map<string, RawCell>();
  for (const match of sheetXml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    const address = attribute(attributes, 'r');
    if (!address) continue;
    const style = attribute(attributes, 's');
    const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    cells.set(address, {
      type: attribute(attributes, 't'),
      value: value === undefined ? undefined : decodeXml(value),
      hasFormula: /<f[\s>/]/.test(body),
      styleId: style === undefined ? undefined : Number(style),
    });
  }
  return cells;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity] ?? '';
  });
}

function required(entries: Map<string, string>, path: string): string {
  const text = entries.get(path);
  if (text === undefined) throw new Error(`the workbook has no ${path}; entries: ${[...entries.keys()].join(', ')}`);
  return text;
}
