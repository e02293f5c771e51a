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

/**
 * Report each reference whose code has no row in its table, and each new link to a deactivated
 * record. A link that the change leaves as it was stays valid after its target is deactivated.
 */
export async function checkReferences(db: Kysely<any>, references: Reference[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const reference of references) {
    if (reference.value === null || reference.value === undefined) continue;
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

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
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
