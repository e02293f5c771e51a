import type { FieldIssue } from './api-error.js';

// C0 controls other than TAB, LF and CR, DEL, and C1 controls. NUL cannot be stored by
// PostgreSQL at all, and ESC sequences in a stored name would take over a user's terminal when
// the name is printed, so none of them is accepted in any text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Either kind of character above, or any surrogate: text without one needs neither exact check.
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/;

/**
 * Trim every string of a parsed request body or query in place, and report each string that
 * holds a control character or half of a UTF-16 surrogate pair. Trimming first means a name of
 * spaces fails its `minLength`, like an empty one.
 */
export function cleanRequestText(value: unknown, path: string, issues: FieldIssue[]): unknown {
  return cleanValue(value, { root: path, segments: [] }, issues);
}

/** A field path as the root and the indexes and keys below it, joined only when needed. */
interface FieldPath {
  readonly root: string;
  readonly segments: (number | string)[];
}

function joinPath(path: FieldPath): string {
  return path.root + path.segments.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('');
}

/**
 * Clean one value. The field path is kept as segments and joined only for an issue, because a
 * body of thousands of statement lines has about a hundred thousand values to visit. Strings
 * inside arrays and objects are cleaned in the loop, and a segment is pushed for one only when
 * it has an issue, because most values of a large body are short strings, numbers and nulls.
 */
function cleanValue(value: unknown, path: FieldPath, issues: FieldIssue[]): unknown {
  if (typeof value === 'string') return cleanString(value, path, undefined, issues);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (typeof element === 'string') {
        const cleaned = cleanString(element, path, i, issues);
        if (cleaned !== element) value[i] = cleaned;
      } else if (element !== null && typeof element === 'object') {
        path.segments.push(i);
        value[i] = cleanValue(element, path, issues);
        path.segments.pop();
      }
    }
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const field = record[key];
      if (typeof field === 'string') {
        const cleaned = cleanString(field, path, key, issues);
        if (cleaned !== field) record[key] = cleaned;
      } else if (field !== null && typeof field === 'object') {
        path.segments.push(key);
        record[key] = cleanValue(field, path, issues);
        path.segments.pop();
      }
    }
    return value;
  }
  return value;
}

/** Trim a string and report it when it contains a control character or a lone surrogate. `segment` is its index or key under `path`. */
function cleanString(value: string, path: FieldPath, segment: number | string | undefined, issues: FieldIssue[]): string {
  const trimmed = value.trim();
  if (!SUSPECT.test(trimmed)) return trimmed;
  if (segment !== undefined) path.segments.push(segment);
  const control = CONTROL.exec(trimmed);
  if (control) {
    issues.push({ field: joinPath(path), code: 'control_character', params: { code_point: codePoint(control[0]) } });
  } else if (LONE_SURROGATE.test(trimmed)) {
    issues.push({ field: joinPath(path), code: 'invalid_unicode' });
  }
  if (segment !== undefined) path.segments.pop();
  return trimmed;
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
