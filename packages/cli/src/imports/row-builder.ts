import { isAbsolute, join } from 'node:path';
import { existsSync } from 'node:fs';
import { openTable } from '../files/open-table.js';
import { describeCell, isBlankCell, normaliseText, trimText } from '../files/text.js';
import type { Cell } from '../files/types.js';
import type { DateOrder } from '../files/date.js';
import { UsageError } from '../runtime/errors.js';
import type { FieldSpec, ResourceLayout } from './field-spec.js';
import { allSpecs, headerText, normaliseHeader, type HeaderBinding } from './header.js';
import { declaredOrder, profileSources, type FieldSource, type MappingProfile } from './mapping-profile.js';
import { readValue, type ReadSettings, type ValueResult } from './values.js';

/** A reason a cell could not be read, with its location. */
export interface CellIssue {
  code: string;
  params: Record<string, string | number>;
  field: string;
  /** 1-based column of the source file, when one column is the source. */
  column?: number;
  header?: string;
}

/** One source row read into record fields and, for flat child layouts, the fields of one child. */
export interface BuiltRow {
  parent: Record<string, unknown>;
  /** Child fields of this line; null when its child columns are blank. */
  child: Record<string, unknown> | null;
  issues: CellIssue[];
}

interface FieldReader {
  spec: FieldSpec;
  column?: number;
  header?: string;
  read(cells: readonly Cell[], line: number): ValueResult;
}

export interface BuilderSettings {
  dateOrder?: DateOrder;
  timeZone?: string;
  /** The input file's folder, where lookup files are looked for first. */
  inputFolder: string;
}

/** Reads source rows into fields with readers compiled once for the whole file. */
export class RowBuilder {
  constructor(private readonly readers: FieldReader[]) {}

  /** The fields this builder fills. */
  get fields(): FieldSpec[] {
    return this.readers.map((reader) => reader.spec);
  }

  /** Find the source column of a record field (or a child field with `child`) read from one column. */
  locate(field: string, child: boolean): { column: number; header: string } | undefined {
    const reader = this.readers.find((candidate) => candidate.spec.field === field && (candidate.spec.child !== undefined) === child);
    return reader?.column ? { column: reader.column, header: reader.header! } : undefined;
  }

  build(cells: readonly Cell[], line: number): BuiltRow {
    const parent: Record<string, unknown> = {};
    const child: Record<string, unknown> = {};
    const issues: CellIssue[] = [];
    let childSeen = false;

    for (const reader of this.readers) {
      const result = reader.read(cells, line);
      if (!result.ok) {
        if (reader.spec.child) childSeen = true;
        issues.push({ code: result.code, params: result.params, field: reader.spec.field, ...(reader.column ? { column: reader.column, header: reader.header! } : {}) });
        continue;
      }
      const target = reader.spec.child ? child : parent;
      if (result.value === null) {
        // A blank cell clears a nullable field. A field that cannot be null is left out, so a
        // new record gets its default and an existing one keeps its value.
        if (reader.spec.nullable && !reader.spec.child) target[reader.spec.field] = null;
        continue;
      }
      if (reader.spec.child) childSeen = true;
      target[reader.spec.field] = result.value;
    }
    return { parent, child: childSeen ? child : null, issues };
  }
}

/** Compile readers from a header binding: each bound column read as its field's kind. */
export function builderFromHeaders(binding: HeaderBinding, settings: BuilderSettings): RowBuilder {
  // Read-only columns (version, created_at) are recognised, so they are not reported as unknown,
  // but never sent: an exported file imports without editing.
  return new RowBuilder(
    binding.columns.filter((bound) => !bound.spec.readOnly).map((bound) => {
      const readSettings: ReadSettings = { unit: bound.unit, dateOrder: settings.dateOrder, timeZone: settings.timeZone };
      return { spec: bound.spec, column: bound.index + 1, header: bound.header, read: (cells) => readValue(cells[bound.index] ?? null, bound.spec, readSettings) };
    }),
  );
}

/** Compile readers from a mapping profile against the file's header row. */
export async function builderFromProfile(layout: ResourceLayout, profile: MappingProfile, header: readonly Cell[], settings: BuilderSettings): Promise<RowBuilder> {
  const positions = headerPositions(header);
  const specs = new Map<string, FieldSpec>();
  for (const spec of allSpecs(layout)) specs.set(spec.child ? `${spec.child.list}.${spec.field}` : spec.field, spec);

  const readers: FieldReader[] = [];
  for (const [name, source] of profileSources(profile)) {
    const spec = specs.get(name);
    if (!spec || spec.readOnly) throw new UsageError('import.error.profile_unknown_field', { field: name, resource: layout.resource, fields: [...specs.keys()].join(', ') });
    readers.push(await compileSource(spec, source, positions, profile, settings));
  }
  return new RowBuilder(readers);
}

/** Positions of the header's columns by normalised name; the first column of a repeated name wins. */
export function headerPositions(header: readonly Cell[]): Map<string, { index: number; header: string }> {
  const positions = new Map<string, { index: number; header: string }>();
  header.forEach((cell, index) => {
    const text = headerText(cell);
    const key = normaliseHeader(text);
    if (key !== '' && !positions.has(key)) positions.set(key, { index, header: text });
  });
  return positions;
}

function columnOf(name: string, positions: Map<string, { index: number; header: string }>, field: string): { index: number; header: string } {
  const found = positions.get(normaliseHeader(name));
  if (!found) throw new UsageError('import.error.profile_column_missing', { column: name, field, headers: [...positions.values()].map((p) => p.header).join(', ') });
  return found;
}

async function compileSource(
  spec: FieldSpec,
  source: FieldSource,
  positions: Map<string, { index: number; header: string }>,
  profile: MappingProfile,
  settings: BuilderSettings,
): Promise<FieldReader> {
  const readSettings: ReadSettings = {
    unit: source.unit,
    dateOrder: declaredOrder(source) ?? settings.dateOrder,
    timeZone: settings.timeZone ?? profile.read?.time_zone,
  };
  const lookup = source.lookup ? await loadLookup(source.lookup, profile, settings.inputFolder) : undefined;
  const textSteps = source.line || source.join !== undefined || source.split || source.regex || source.map || source.prefix || source.suffix || source.slug || lookup;

  let raw: (cells: readonly Cell[], line: number) => Cell;
  let column: { index: number; header: string } | undefined;
  if (source.constant !== undefined) {
    const constant = source.constant;
    raw = () => constant;
  } else if (source.line) {
    raw = (_cells, line) => String(line);
  } else if (source.columns) {
    const indexes = source.columns.map((name) => columnOf(name, positions, spec.field).index);
    const separator = source.join ?? ' ';
    raw = (cells) => indexes.map((index) => cellString(cells[index] ?? null)).filter((text) => text !== '').join(separator);
  } else {
    column = columnOf(source.column!, positions, spec.field);
    const index = column.index;
    raw = (cells) => cells[index] ?? null;
  }

  const read = (cells: readonly Cell[], line: number): ValueResult => {
    let cell = raw(cells, line);
    if (cell === null || isBlankCell(cell)) cell = source.default ?? null;
    else if (textSteps) {
      const transformed = transformText(cellString(cell), source, lookup);
      if (!transformed.ok) return transformed;
      cell = transformed.value;
    }
    return readValue(cell, spec, readSettings);
  };
  return { spec, read, ...(column ? { column: column.index + 1, header: column.header } : {}) };
}

function cellString(cell: Cell): string {
  const text = normaliseText(cell);
  return text.ok ? (text.value ?? '') : describeCell(cell);
}

function transformText(input: string, source: FieldSource, lookup: Map<string, Cell> | undefined): { ok: true; value: Cell } | { ok: false; code: string; params: Record<string, string | number> } {
  let text = input;
  if (source.split) {
    const parts = text.split(source.split.separator);
    const index = source.split.index < 0 ? parts.length + source.split.index : source.split.index;
    text = trimText(parts[index] ?? '');
  }
  if (source.regex) {
    const pattern = new RegExp(source.regex.pattern, 'u');
    if (pattern.test(text)) text = text.replace(pattern, source.regex.replace);
  }
  if (source.map && Object.hasOwn(source.map, text)) {
    const mapped = source.map[text]!;
    if (typeof mapped !== 'string') return { ok: true, value: mapped };
    text = mapped;
  }
  if (source.slug) text = text.toUpperCase().replace(/[^A-Z0-9]+/g, '').slice(0, 40);
  if (lookup) {
    const found = lookup.get(text);
    if (found === undefined) return { ok: false, code: 'lookup_missing', params: { value: text, file: source.lookup!.file, key: source.lookup!.key } };
    return { ok: true, value: found };
  }
  if (text !== '') text = `${source.prefix ?? ''}${text}${source.suffix ?? ''}`;
  return { ok: true, value: text };
}

/** Read a lookup table into memory: its key column's text → its value column's cell. */
export async function loadLookup(lookup: NonNullable<FieldSource['lookup']>, profile: MappingProfile, inputFolder: string): Promise<Map<string, Cell>> {
  const candidates = isAbsolute(lookup.file) ? [lookup.file] : [join(inputFolder, lookup.file), join(profile.folder, lookup.file)];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) throw new UsageError('import.error.lookup_file_missing', { file: lookup.file, folders: candidates.join(', ') });

  const table = await openTable(path, { ...(lookup.encoding ? { encoding: lookup.encoding } : {}), ...(lookup.sheet ? { sheet: lookup.sheet } : {}) });
  const values = new Map<string, Cell>();
  const valueColumns = Array.isArray(lookup.value) ? lookup.value : [lookup.value];
  let keyIndex = -1;
  let valueIndexes: number[] = [];
  for await (const row of table.rows) {
    if (keyIndex < 0) {
      const positions = headerPositions(row.cells);
      keyIndex = columnOf(lookup.key, positions, lookup.key).index;
      valueIndexes = valueColumns.map((name) => columnOf(name, positions, name).index);
      continue;
    }
    const key = cellString(row.cells[keyIndex] ?? null);
    if (key === '' || values.has(key)) continue;
    // Several value columns (a date and a time) are joined with a space into one text.
    const value = valueIndexes.length === 1 ? (row.cells[valueIndexes[0]!] ?? null) : valueIndexes.map((index) => cellString(row.cells[index] ?? null)).join(' ');
    values.set(key, value);
  }
  return values;
}
