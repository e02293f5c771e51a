/**
 * True when `error` is a unique-constraint violation from either driver; with `table`, only when
 * the violated constraint belongs to that table.
 */
export function isUniqueViolation(error: unknown, table?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; table?: unknown; constraint?: unknown };

  if (e.code === '23505') {
    if (!table) return true;
    return e.table === table || (typeof e.constraint === 'string' && e.constraint.startsWith(`${table}_`));
  }
  if (e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return !table || (typeof e.message === 'string' && e.message.includes(` ${table}.`));
  }
  return false;
}

/** True when the database refused a write because another transaction holds the lock. */
export function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || code === '40001' || code === '40P01';
}
