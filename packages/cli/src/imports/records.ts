import type { Cell } from '../files/types.js';
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

/**
 * Turns built rows into records. Without a child list each row is a record. With one (recipe
 * lines of a menu item), consecutive rows with the same key are one record whose list gets one
 * item per row; the record's own columns must repeat the same values on each of its rows.
 */
export class RecordAssembler {
  private current: PendingRecord | undefined;
  private currentKey: string | undefined;
  private readonly seenKeys = new Map<string, number>();

  constructor(
    private readonly childList: string | undefined,
    private readonly keyField: string,
  ) {}

  /** Add a row; returns the records it completes (the previous one, for grouped layouts). */
  add(source: SourceLine, built: BuiltRow): PendingRecord[] {
    const issues = built.issues.map((issue) => ({ ...issue, line: source.line }));
    if (!this.childList) return [{ line: source.line, fields: built.parent, lines: [source], childLines: [], issues }];

    const key = typeof built.parent[this.keyField] === 'string' ? (built.parent[this.keyField] as string) : `line:${source.line}`;
    const done: PendingRecord[] = [];
    if (this.current && key === this.currentKey) {
      this.extend(this.current, source, built, issues);
      return done;
    }
    if (this.current) done.push(this.current);

    const first = this.seenKeys.get(key);
    if (first !== undefined) issues.push({ line: source.line, field: this.keyField, code: 'group_not_contiguous', params: { value: key, first } });
    this.seenKeys.set(key, source.line);
    if (this.seenKeys.size > 1_000_000) this.seenKeys.clear();

    this.current = { line: source.line, fields: { ...built.parent, [this.childList]: [] }, lines: [], childLines: [], issues: [] };
    this.currentKey = key;
    this.extend(this.current, source, built, issues);
    return done;
  }

  /** The record still open at the end of the file. */
  finish(): PendingRecord[] {
    const last = this.current;
    this.current = undefined;
    return last ? [last] : [];
  }

  private extend(record: PendingRecord, source: SourceLine, built: BuiltRow, issues: LineIssue[]): void {
    record.lines.push(source);
    record.issues.push(...issues);
    if (record.lines.length > 1) {
      for (const [field, value] of Object.entries(built.parent)) {
        if (field === this.keyField || !(field in record.fields)) continue;
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

/** The line of a server field path such as `components[2].quantity` within a record. */
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
