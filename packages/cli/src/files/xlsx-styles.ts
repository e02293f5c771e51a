// The number formats of an XLSX package's cell styles, read from `xl/styles.xml`: enough to tell
// which numbers are dates. A style's index is the `s` attribute of a cell.

import { isBuiltInDateFormatId, isBuiltInTimeFormatId, isDateFormatCode, isTimeFormatCode } from './excel-date.js';
import { elements } from './xlsx-parts.js';

export interface CellStyle {
  /** The format code, when the package defines one for the style's format id. */
  readonly numFmt: string | undefined;
  /** True when the format shows a date or a time. */
  readonly date: boolean;
  /** True when the format shows a time or a duration and no date. */
  readonly timeOnly: boolean;
}

const GENERAL: CellStyle = { numFmt: undefined, date: false, timeOnly: false };

/** Parses the cell styles (`<cellXfs>`) of a styles part, in index order. */
export function parseCellStyles(xml: string): CellStyle[] {
  const codes = new Map<number, string>();
  for (const attributes of elements(xml, 'numFmt')) {
    const id = Number(attributes.get('numFmtId'));
    const code = attributes.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) codes.set(id, code);
  }

  // `<xf>` also appears in `<cellStyleXfs>`; only the ones in `<cellXfs>` are cell styles.
  const section = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return elements(section, 'xf').map((attributes) => {
    const id = Number(attributes.get('numFmtId') ?? 0);
    const code = codes.get(id);
    // A package may give a built-in id a code of its own; the code then decides.
    if (code === undefined) return { numFmt: code, date: isBuiltInDateFormatId(id), timeOnly: isBuiltInTimeFormatId(id) };
    return { numFmt: code, date: isDateFormatCode(code), timeOnly: isTimeFormatCode(code) };
  });
}

/** Returns the style of index `index`, or General when the package has no such style. */
export function styleAt(styles: readonly CellStyle[], index: number): CellStyle {
  return styles[index] ?? GENERAL;
}
