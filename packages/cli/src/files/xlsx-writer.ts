// A lean streaming XLSX writer for large, plain sheets: inline strings, numbers and a fixed set
// of cell styles. Each sheet's rows go straight into the ZIP entry as XML text, so memory stays
// flat however many rows there are. It writes what the reconciliation workbook needs and nothing
// more (no formulas, merged cells or shared strings).

import { createOutputStream } from './output-stream.js';
import { ZipStreamWriter, type ZipEntryWriter } from './zip-writer.js';

/** A cell style: `bold` text, or a number format. */
export type XlsxStyle = 'plain' | 'bold' | 'yuan' | 'fee';

// The index of each style in cellXfs of STYLES. Number formats 164 and 165 are defined there too.
const STYLE_INDEX: Record<XlsxStyle, number> = { plain: 0, bold: 1, yuan: 2, fee: 3 };

/** The number formats of the `yuan` and `fee` styles. */
const XLSX_NUMBER_FORMATS = { yuan: '#,##0.00', fee: '#,##0.00000' } as const;

export type XlsxValue = string | number | null | undefined;

export interface XlsxColumn {
  readonly width: number;
  /** The style of the column's cells, and of the empty column. */
  readonly style?: XlsxStyle;
}

/** One sheet being written; `addRow` returns a promise only when the output needs to drain. */
export interface XlsxSheetWriter {
  addRow(values: readonly XlsxValue[], style?: XlsxStyle | readonly (XlsxStyle | undefined)[]): Promise<void> | undefined;
}

const MAX_COLUMNS = 702;
// Excel's limits on sheet names.
const MAX_SHEET_NAME = 31;
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/u;
// Characters XML 1.0 does not allow, which some exports carry in free text.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;
const ESCAPED = /[<>&"]/gu;
// Either of the two above, to return most texts unchanged after one test.
const NEEDS_ESCAPING = /[<>&"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** Writes an XLSX file sheet by sheet, with the rows of one sheet streamed as they are added. */
export class XlsxStreamWriter {
  private readonly zip: ZipStreamWriter;
  private readonly sheetNames: string[] = [];

  constructor(path: string) {
    this.zip = new ZipStreamWriter(createOutputStream(path));
  }

  /** Adds a sheet; `fill` adds its rows through the writer it receives. */
  async addSheet(name: string, columns: readonly XlsxColumn[], fill: (sheet: XlsxSheetWriter) => Promise<void> | void): Promise<void> {
    if (columns.length > MAX_COLUMNS) throw new Error(`sheet ${name} has ${columns.length} columns, but at most ${MAX_COLUMNS} are supported`);
    if (name === '' || name.length > MAX_SHEET_NAME || FORBIDDEN_IN_SHEET_NAME.test(name)) {
      throw new Error(`invalid sheet name "${name}": use 1 to ${MAX_SHEET_NAME} characters without [ ] : * ? / \\`);
    }
    this.sheetNames.push(name);
    const letters = columns.map((_, index) => columnLetters(index));
    const columnStyles = columns.map((column) => STYLE_INDEX[column.style ?? 'plain']);

    await this.guard(() => this.zip.addEntry(`xl/worksheets/sheet${this.sheetNames.length}.xml`, async (entry) => {
      entry.write(sheetHead(columns));
      let rowNumber = 0;
      const sheet: XlsxSheetWriter = {
        addRow(values, style) {
          rowNumber += 1;
          return entry.write(rowXml(rowNumber, values, letters, columnStyles, style));
        },
      };
      await fill(sheet);
      await entry.write('</sheetData></worksheet>');
    }));
  }

  /** Writes the workbook parts and ends the file. */
  async finish(): Promise<void> {
    const names = this.sheetNames;
    await this.guard(async () => {
      await this.zip.addEntry('[Content_Types].xml', (entry) => void entry.write(contentTypes(names.length)));
      await this.zip.addEntry('_rels/.rels', (entry) => void entry.write(ROOT_RELATIONSHIPS));
      await this.zip.addEntry('xl/workbook.xml', (entry) => void entry.write(workbookXml(names)));
      await this.zip.addEntry('xl/_rels/workbook.xml.rels', (entry) => void entry.write(workbookRelationships(names.length)));
      await this.zip.addEntry('xl/styles.xml', (entry) => void entry.write(STYLES));
      await this.zip.finish();
    });
  }

  /** Runs a step and, when it fails, closes the file before raising the error. */
  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.zip.abort();
      throw error;
    }
  }
}

function rowXml(
  rowNumber: number,
  values: readonly XlsxValue[],
  letters: readonly string[],
  columnStyles: readonly number[],
  style: XlsxStyle | readonly (XlsxStyle | undefined)[] | undefined,
): string {
  let xml = `<row r="${rowNumber}">`;
  for (let index = 0; index < values.length && index < letters.length; index++) {
    const value = values[index];
    if (value === null || value === undefined) continue;
    const cellStyle = typeof style === 'string' ? style : style?.[index];
    const styleIndex = cellStyle === undefined ? columnStyles[index]! : STYLE_INDEX[cellStyle];
    const reference = `${letters[index]}${rowNumber}`;
    const styleAttribute = styleIndex === 0 ? '' : ` s="${styleIndex}"`;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`cell ${reference} is not a finite number: ${value}`);
      xml += `<c r="${reference}"${styleAttribute}><v>${value}</v></c>`;
    } else {
      xml += `<c r="${reference}"${styleAttribute} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
    }
  }
  return `${xml}</row>`;
}

function escapeXml(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(INVALID_XML, '').replace(ESCAPED, (character) => ENTITIES[character]!);
}

/** Returns the letters of a 0-based column index: A … Z, AA … ZZ. */
function columnLetters(index: number): string {
  const letter = (offset: number) => String.fromCharCode(65 + offset);
  return index < 26 ? letter(index) : letter(Math.floor(index / 26) - 1) + letter(index % 26);
}

function sheetHead(columns: readonly XlsxColumn[]): string {
  const cols = columns
    .map((column, index) => {
      const style = STYLE_INDEX[column.style ?? 'plain'];
      return `<col min="${index + 1}" max="${index + 1}" width="${column.width}" customWidth="1"${style === 0 ? '' : ` style="${style}"`}/>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetFormatPr defaultRowHeight="15"/>${cols === '' ? '' : `<cols>${cols}</cols>`}<sheetData>`
  );
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `${sheets}</Types>`
  );
}

const ROOT_RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

function workbookXml(names: readonly string[]): string {
  const sheets = names.map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets>${sheets}</sheets></workbook>`
  );
}

function workbookRelationships(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) => `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
  ).join('');
  const styles = `<Relationship Id="rId${sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}${styles}</Relationships>`
  );
}

// cellXfs in STYLE_INDEX order: plain, bold, yuan (numFmt 164), fee (numFmt 165).
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="${XLSX_NUMBER_FORMATS.yuan}"/><numFmt numFmtId="165" formatCode="${XLSX_NUMBER_FORMATS.fee}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
