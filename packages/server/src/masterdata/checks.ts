import type { Kysely } from 'kysely';
import type { FieldIssue } from '../http/api-error.js';

/** A field that names a record of another table by its code. */
export interface Reference {
  field: string;
  value: string | null | undefined;
  table: string;
  resource: string;
}

/** Report each reference whose code has no row in its table. */
export async function checkReferences(db: Kysely<any>, references: Reference[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const reference of references) {
    if (reference.value === null || reference.value === undefined) continue;
    const row = await db.selectFrom(reference.table).select('code').where('code', '=', reference.value).executeTakeFirst();
    if (!row) {
      issues.push({
        field: `body.${reference.field}`,
        code: 'reference_not_found',
        params: { resource: reference.resource, value: reference.value },
        value: reference.value,
      });
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
