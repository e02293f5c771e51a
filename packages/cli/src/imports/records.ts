import type { Cell } from '../files/types.js';
import { KeyLines } from './key-lines.js';
import type { BuiltRow, CellIssue } from './row-builder.js';

/** A source row kept until its record's outcome is known, for the error and result files. */
export interface SourceLine {
  line: number;
  cells: readonly Cell[];
}

/** A problem of a record found before sending, located at one source line. */
export interface LineIssue extends CellIssue {
  line: number;
}

/** One record to send: its fields, the lines it came from, and the problems found on them. */
export interface PendingRecord {
  line: number;
  fields: Record<string, unknown>;
  /** Source lines in order; for a record with child lines, one per child. */
  lines: SourceLine[];
  /** The source line of each child, by index in the child list. */
  childLines: number[];
  issues: LineIssue[];
}

/** A record still taking rows; `sent` once it has been handed on. */
interface OpenRecord {
  record: PendingRecord;
  lastRow: number;
  sent: boolean;
}

/** Rows a record's lines may lie apart from each other and still be gathered into it. */
export const GROUP_WINDOW_ROWS = 10_000;

/**
 * Turns built rows into records. Without a child list each row is a record. With one (recipe
 * lines of a menu item, lines of an order), rows with the same key are one record whose list
 * gets one item per row. The record's own columns must repeat the same values on each of its
 * rows. The rows need not be next to each other: a record stays open until
 * GROUP_WINDOW_ROWS rows have passed without one of its lines, which keeps memory bounded, and
 * a line of a record that was already sent is rejected. Records come out in the order of their
 * first lines.
 */
export class RecordAssembler {
  private readonly open = new Map<string, OpenRecord>();
  /** The first line of each record sent, by key, outside the JavaScript heap (see KeyLines). */
  private readonly closed = new KeyLines();
  private rows = 0;
  /** The open record that took the previous row, for rows that continue it without a key. */
  private previous: OpenRecord | undefined;

  private readonly keyFields: readonly (readonly string[])[];

  /**
   * `keyFields` names the record's key: one field (`code`), or several (an order number per
   * store). A list in place of a field stands for the first of its fields that is filled, so
   * `[['refund_no', 'order_no'], 'store_code']` gathers a refund's rows apart from its order's.
   */
  constructor(
    private readonly childList: string | undefined,
    keyFields: string | readonly (string | readonly string[])[],
    private readonly window = GROUP_WINDOW_ROWS,
  ) {
    this.keyFields = (typeof keyFields === 'string' ? [keyFields] : keyFields).map((field) => (typeof field === 'string' ? [field] : field));
  }

  /** Add a row; returns the records that are complete now. */
  add(source: SourceLine, built: BuiltRow): PendingRecord[] {
    const issues = built.issues.map((issue) => ({ ...issue, line: source.line }));
    if (!this.childList) return [{ line: source.line, fields: built.parent, lines: [source], childLines: [], issues }];

    this.rows += 1;
    // A row without a key, whose record cells are blank or repeat the record above, continues
    // that record. Excel leaves a merged numeric code blank after its first row, and many
    // exports write an order's columns on its first line only.
    const keyValues = this.keyValues(built.parent);
    const continued = this.previous !== undefined && built.child !== null && continues(this.previous.record, built.parent, keyValues);
    const key = keyText(keyValues) ?? `line:${source.line}`;
    const open = continued ? this.previous : this.open.get(key);
    if (open !== undefined && !open.sent) {
      this.extend(open.record, source, built, issues);
      open.lastRow = this.rows;
      this.previous = open;
      return this.completed();
    }

    const first = this.closed.get(key);
    if (first !== undefined) {
      const value = keyValues.join(' ');
      issues.push({ line: source.line, field: this.keyFields[0]![0]!, code: 'group_not_contiguous', params: { value, first, window: this.window } });
    }
    const record: PendingRecord = { line: source.line, fields: { ...built.parent, [this.childList]: [] }, lines: [], childLines: [], issues: [] };
    this.extend(record, source, built, issues);
    // A repeated key after its record was sent gets a record of its own, rejected.
    const entry: OpenRecord = { record, lastRow: this.rows, sent: false };
    this.open.set(first === undefined ? key : `${key}#${source.line}`, entry);
    this.previous = entry;
    return this.completed();
  }

  /** Return the records still open at the end of the file. */
  finish(): PendingRecord[] {
    for (const entry of this.open.values()) entry.sent = true;
    const rest = [...this.open.values()].map((entry) => entry.record);
    this.open.clear();
    return rest;
  }

  private keyValues(parent: Record<string, unknown>): unknown[] {
    return this.keyFields.map((fields) => parent[fields.find((field) => typeof parent[field] === 'string' && parent[field] !== '') ?? fields[0]!]);
  }

  /** Records at the head of the open list that no later row can extend any more. */
  private completed(): PendingRecord[] {
    const done: PendingRecord[] = [];
    for (const [key, entry] of this.open) {
      if (this.rows - entry.lastRow < this.window) break;
      this.open.delete(key);
      entry.sent = true;
      if (this.closed.size >= 1_000_000) this.closed.clear();
      this.closed.set(key, entry.record.line);
      done.push(entry.record);
    }
    return done;
  }

  private extend(record: PendingRecord, source: SourceLine, built: BuiltRow, issues: LineIssue[]): void {
    record.lines.push(source);
    record.issues.push(...issues);
    if (record.lines.length > 1) {
      for (const [field, value] of Object.entries(built.parent)) {
        if (this.keyFields.some((fields) => fields.includes(field)) || !(field in record.fields)) continue;
        // A blank cell on a later row repeats the first row's value. Excel leaves every cell of a
        // merged range but the first one blank, and many exports fill a record's columns once.
        if (value === null || value === undefined) continue;
        if (JSON.stringify(record.fields[field]) !== JSON.stringify(value)) {
          record.issues.push({ line: source.line, field, code: 'group_field_differs', params: { field, first: record.line } });
        }
      }
    }
    if (built.child) {
      (record.fields[this.childList!] as unknown[]).push(built.child);
      record.childLines.push(source.line);
    }
  }
}

/** Returns the text that identifies a row's record; undefined when a key value is not text. */
function keyText(values: readonly unknown[]): string | undefined {
  return values.every((value) => typeof value === 'string') ? JSON.stringify(values) : undefined;
}

/** Checks that a row lacks a key part and that each of its record cells is blank or repeats `record`. */
function continues(record: PendingRecord, parent: Record<string, unknown>, keyValues: readonly unknown[]): boolean {
  if (!keyValues.some(isBlank)) return false;
  return Object.entries(parent).every(([field, value]) => isBlank(value) || JSON.stringify(value) === JSON.stringify(record.fields[field]));
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** Find the source line of a server field path such as `components[2].quantity` within a record. */
export function lineOfField(record: PendingRecord, field: string | null | undefined, childList: string | undefined): number {
  if (!field || !childList) return record.line;
  const match = new RegExp(`^${childList}\\[(\\d+)\\]`).exec(field);
  return match ? (record.childLines[Number(match[1])] ?? record.line) : record.line;
}

/** Fields of a JSON Lines record that an import sends: those of the layout, children trimmed to their own fields. */
export function fieldsFromJson(object: Record<string, unknown>, fields: Set<string>, childList: string | undefined, childFields: Set<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    if (name === childList && Array.isArray(value)) {
      result[name] = value.map((item) => Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([key]) => childFields.has(key))));
    } else if (fields.has(name)) {
      result[name] = value;
    }
  }
  return result;
}
