import type { Kysely } from 'kysely';
import type { FieldIssue } from '../http/api-error.js';

/** A field that names a record of another table by its code. */
export interface Reference {
  field: string;
  value: string | null | undefined;
  table: string;
  resource: string;
  /** The value before this change, when the record already existed. */
  previous?: string | null;
}

// Codes known to exist and be active, per transaction and table. An import fills this for a whole batch with
// one query per referenced table, so the checks of its rows need no query each. Only codes that
// exist are remembered; any other code is still looked up.
const knownCodes = new WeakMap<object, Map<string, Set<string>>>();

/** Remember that `codes` exist in `table` and are active, for the rest of the transaction `db`. */
export function rememberExistingCodes(db: Kysely<any>, table: string, codes: Iterable<string>): void {
  let tables = knownCodes.get(db);
  if (!tables) knownCodes.set(db, (tables = new Map()));
  let known = tables.get(table);
  if (!known) tables.set(table, (known = new Set()));
  for (const code of codes) known.add(code);
}

/**
 * Report each reference whose code has no row in its table, and each new link to a deactivated
 * record. A link that the change leaves as it was stays valid after its target is deactivated.
 */
export async function checkReferences(db: Kysely<any>, references: Reference[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const reference of references) {
    if (reference.value === null || reference.value === undefined) continue;
    if (knownCodes.get(db)?.get(reference.table)?.has(reference.value)) continue;
    const row = await db.selectFrom(reference.table).select(['code', 'active']).where('code', '=', reference.value).executeTakeFirst();
    const params = { resource: reference.resource, value: reference.value };
    if (!row) {
      issues.push({ field: `body.${reference.field}`, code: 'reference_not_found', params, value: reference.value });
    } else if (!row.active && reference.value !== reference.previous) {
      issues.push({ field: `body.${reference.field}`, code: 'reference_inactive', params, value: reference.value });
    }
  }
  return issues;
}

// Building an Intl.DateTimeFormat takes tens of microseconds, too slow for every row of a large
// import, and the answer for a name never changes while the process runs.
const timeZoneAnswers = new Map<string, boolean>();

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  let known = timeZoneAnswers.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = zone.includes('/') || zone === 'UTC';
    } catch {
      known = false;
    }
    if (timeZoneAnswers.size < 10_000) timeZoneAnswers.set(zone, known);
  }
  return known;
}

/** Report `later` before `earlier` when both dates are set. */
export function checkDateOrder(
  earlier: { field: string; value: string | null | undefined },
  later: { field: string; value: string | null | undefined },
): FieldIssue[] {
  if (!earlier.value || !later.value || later.value >= earlier.value) return [];
  return [
    {
      field: `body.${later.field}`,
      code: 'date_order',
      params: { other: earlier.field, other_value: earlier.value },
      value: later.value,
    },
  ];
}
