import { toHalfWidth, trimText } from '../files/text.js';
import type { Cell } from '../files/types.js';
import type { FieldSpec, ResourceLayout } from './field-spec.js';

/**
 * Normalise a header for comparison: half-width, lower case, without spaces, `_`, `-` and
 * `.`, with Chinese brackets read as ASCII ones. `Store Code`, `store_code` and `STORE-CODE`
 * are the same header, and so are `售价（元）` and `售价(元)`.
 */
export function normaliseHeader(text: string): string {
  return toHalfWidth(trimText(text))
    .toLowerCase()
    .replace(/[\s_\-.·]+/g, '')
    .replace(/[【\[]/g, '(')
    .replace(/[】\]]/g, ')');
}

/** Return the text of a header cell. */
export function headerText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return trimText(cell.replace(/^\uFEFF/, ''));
  if (typeof cell === 'object') return 'text' in cell ? cell.text : '';
  return String(cell);
}

/** A column of the file bound to a field, with the money unit its header implies. */
export interface BoundColumn {
  spec: FieldSpec;
  index: number;
  header: string;
  unit?: 'fen' | 'yuan';
}

export interface HeaderBinding {
  columns: BoundColumn[];
  /** Headers that name no field, with their 1-based column numbers. */
  unknown: { header: string; column: number }[];
  /** Headers naming a field that an earlier column already fills. */
  duplicates: { header: string; column: number; field: string }[];
}

/** List every spec of a layout, children included. */
export function allSpecs(layout: ResourceLayout): FieldSpec[] {
  return [...layout.fields, ...(layout.children?.fields ?? [])];
}

/** List the names of a field: its labels, its aliases and, for record fields, its API name. */
function namesOf(spec: FieldSpec): { name: string; unit?: 'fen' | 'yuan' }[] {
  const names: { name: string; unit?: 'fen' | 'yuan' }[] = [];
  if (!spec.child) names.push({ name: spec.field, ...(spec.unit ? { unit: spec.unit } : {}) });
  for (const label of Object.values(spec.label)) names.push({ name: label, ...(spec.unit ? { unit: spec.unit } : {}) });
  for (const alias of spec.aliases) names.push({ name: alias, ...(spec.unit ? { unit: spec.unit } : {}) });
  for (const alias of spec.yuanAliases) names.push({ name: alias, unit: 'yuan' });
  return names;
}

/** Bind a header row to the layout's fields by labels and aliases in either language. */
export function bindHeaders(layout: ResourceLayout, header: readonly Cell[]): HeaderBinding {
  const byName = new Map<string, { spec: FieldSpec; unit?: 'fen' | 'yuan' }>();
  for (const spec of allSpecs(layout)) {
    for (const { name, unit } of namesOf(spec)) {
      const key = normaliseHeader(name);
      if (!byName.has(key)) byName.set(key, { spec, ...(unit ? { unit } : {}) });
    }
  }

  const binding: HeaderBinding = { columns: [], unknown: [], duplicates: [] };
  const bound = new Set<FieldSpec>();
  header.forEach((cell, index) => {
    const text = headerText(cell);
    if (text === '') return;
    const match = byName.get(normaliseHeader(text));
    if (!match) binding.unknown.push({ header: text, column: index + 1 });
    else if (bound.has(match.spec)) binding.duplicates.push({ header: text, column: index + 1, field: match.spec.field });
    else {
      bound.add(match.spec);
      binding.columns.push({ spec: match.spec, index, header: text, ...(match.unit ? { unit: match.unit } : {}) });
    }
  });
  return binding;
}
