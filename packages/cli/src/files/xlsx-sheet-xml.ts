// SAX readers for the two large XML parts of an XLSX package: the shared strings and a sheet's
// rows. Both read the inflated part as it streams, so memory keeps one chunk of XML and, for the
// sheet, the rows of that chunk. Element names are compared without their namespace prefix,
// because some writers (the .NET Open XML SDK among them) save `<x:row>` instead of `<row>`.

import { StringDecoder } from 'node:string_decoder';

import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** One `<c>` element as stored: its type letter, style index, value text and formula text. */
export interface RawCell {
  /** 1-based column. */
  readonly column: number;
  /** The `t` attribute: `s`, `str`, `inlineStr`, `b`, `e`, `d`, `n`, or undefined for a number. */
  readonly type: string | undefined;
  readonly style: number;
  /** Text of `<v>`, or the joined text of an inline string; undefined when the cell has none. */
  readonly value: string | undefined;
  /** Text of `<f>`, or undefined when the cell has no formula. */
  readonly formula: string | undefined;
  /** Row and column of the cell that contains the text of the shared formula this cell copies. */
  readonly sharedFormulaCell?: { readonly row: number; readonly column: number };
}

export interface RawRow {
  readonly number: number;
  readonly cells: readonly RawCell[];
}

/** Reads every `<si>` of a shared-strings part as plain text, phonetic runs left out. */
export async function readSharedStrings(source: AsyncIterable<Buffer>): Promise<string[]> {
  const strings: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  let text: string | undefined;
  let inText = false;
  let phoneticDepth = 0;

  parser.on('opentag', (tag) => {
    const name = localName(tag);
    if (name === 'si') text = '';
    else if (name === 'rPh') phoneticDepth += 1;
    else if (name === 't' && phoneticDepth === 0) inText = true;
  });
  const onText = (chunk: string): void => {
    if (inText && text !== undefined) text += chunk;
  };
  parser.on('text', onText);
  // Hand-written or generated XML may wrap text in CDATA sections, which saxes reports apart.
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = localName(tag);
    if (name === 't') inText = false;
    else if (name === 'rPh') phoneticDepth -= 1;
    else if (name === 'si') {
      strings.push(decodeEscapedCharacters(text ?? ''));
      text = undefined;
    }
  });

  await feed(parser, source);
  return strings;
}

/** Streams the rows of a sheet part in document order, each with its cells as stored. */
export async function* readSheetRows(source: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const ready: RawRow[] = [];
  const state = new SheetState(ready);
  parser.on('opentag', (tag) => state.open(tag));
  parser.on('text', (chunk) => state.text(chunk));
  parser.on('cdata', (chunk) => state.text(chunk));
  parser.on('closetag', (tag) => state.close(tag));

  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    parser.write(decoder.write(chunk));
    if (ready.length === 0) continue;
    const rows = ready.splice(0, ready.length);
    yield* rows;
  }
  parser.write(decoder.end());
  parser.close();
  yield* ready;
}

/** Parser state of a sheet: the enclosing elements, and the row and cell being built. */
class SheetState {
  private rowNumber = 0;
  private cells: RawCell[] | undefined;
  private column = 0;
  private inCell = false;
  private type: string | undefined;
  private style = 0;
  private value: string | undefined;
  private formula: string | undefined;
  /** Group id (`si`) of the shared formula in the current cell's `<f t="shared">`, if any. */
  private sharedIndex: string | undefined;
  /** The cell containing each shared formula's text, by group id. */
  private readonly sharedFormulaCells = new Map<string, { row: number; column: number }>();
  /** Element that receives text: `v`, `f`, an inline string's `t`, or none. */
  private target: 'v' | 'f' | 't' | undefined;
  private phoneticDepth = 0;

  constructor(private readonly ready: RawRow[]) {}

  open(tag: SaxesTagPlain): void {
    switch (localName(tag)) {
      case 'row': {
        const number = Number.parseInt(attribute(tag, 'r') ?? '', 10);
        this.rowNumber = Number.isInteger(number) && number > 0 ? number : this.rowNumber + 1;
        this.cells = [];
        this.column = 0;
        break;
      }
      case 'c': {
        if (this.cells === undefined) return;
        const reference = attribute(tag, 'r');
        const column = reference === undefined ? 0 : columnOfReference(reference);
        this.column = column > 0 ? column : this.column + 1;
        const style = Number.parseInt(attribute(tag, 's') ?? '0', 10);
        this.inCell = true;
        this.type = attribute(tag, 't');
        this.style = Number.isInteger(style) ? style : 0;
        this.value = undefined;
        this.formula = undefined;
        this.sharedIndex = undefined;
        break;
      }
      case 'v':
        if (!this.inCell) return;
        this.value = '';
        this.target = 'v';
        break;
      case 'f':
        if (!this.inCell) return;
        this.formula = '';
        this.target = 'f';
        if (attribute(tag, 't') === 'shared') this.sharedIndex = attribute(tag, 'si');
        break;
      case 'is':
        if (this.inCell) this.value = '';
        break;
      case 'rPh':
        this.phoneticDepth += 1;
        break;
      case 't':
        if (this.inCell && this.phoneticDepth === 0) this.target = 't';
        break;
    }
  }

  text(chunk: string): void {
    if (this.target === 'v' || this.target === 't') this.value = (this.value ?? '') + chunk;
    else if (this.target === 'f') this.formula = (this.formula ?? '') + chunk;
  }

  close(tag: SaxesTagPlain): void {
    switch (localName(tag)) {
      case 'v':
      case 'f':
        this.target = undefined;
        break;
      case 't':
        if (this.target === 't') this.target = undefined;
        break;
      case 'rPh':
        this.phoneticDepth -= 1;
        break;
      case 'is':
        if (this.inCell && this.value !== undefined) this.value = decodeEscapedCharacters(this.value);
        break;
      case 'c':
        // SheetJS writes text cells as `t="str"` with a `<v>`, escapes included.
        if (this.type === 'str' && this.value !== undefined) this.value = decodeEscapedCharacters(this.value);
        if (this.inCell && this.cells !== undefined) {
          this.cells.push({ column: this.column, type: this.type, style: this.style, value: this.value, formula: this.formula, ...this.sharedFormula() });
        }
        this.inCell = false;
        this.target = undefined;
        break;
      case 'row':
        if (this.cells !== undefined && this.cells.length > 0) this.ready.push({ number: this.rowNumber, cells: this.cells });
        this.cells = undefined;
        break;
    }
  }

  /** Records the cell that contains a shared formula's text, and links the cells that copy it. */
  private sharedFormula(): Pick<RawCell, 'sharedFormulaCell'> {
    if (this.sharedIndex === undefined) return {};
    if (this.formula !== undefined && this.formula !== '') {
      this.sharedFormulaCells.set(this.sharedIndex, { row: this.rowNumber, column: this.column });
      return {};
    }
    const cell = this.sharedFormulaCells.get(this.sharedIndex);
    return cell === undefined ? {} : { sharedFormulaCell: cell };
  }
}

async function feed(parser: SaxesParser, source: AsyncIterable<Buffer>): Promise<void> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) parser.write(decoder.write(chunk));
  parser.write(decoder.end());
  parser.close();
}

function localName(tag: { readonly name: string }): string {
  const colon = tag.name.indexOf(':');
  return colon === -1 ? tag.name : tag.name.slice(colon + 1);
}

// SpreadsheetML attributes carry no prefix even where its elements do (`<x:c r="A1">`).
function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  return tag.attributes[name];
}

/** 1-based column of a cell reference such as `AB12`; 0 when it has no column letters. */
export function columnOfReference(reference: string): number {
  let column = 0;
  for (let index = 0; index < reference.length; index += 1) {
    const code = reference.charCodeAt(index);
    const letter = code >= 97 ? code - 32 : code;
    if (letter < 65 || letter > 90) break;
    column = column * 26 + (letter - 64);
  }
  return column;
}

/** Undoes the `_x000D_` escapes that OOXML uses for characters XML cannot hold. */
function decodeEscapedCharacters(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
