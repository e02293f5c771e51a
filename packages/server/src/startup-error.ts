/**
 * A failure to open the database or start listening that the operator can fix: a wrong path,
 * an unreachable PostgreSQL, a port in use. `code` names it and `params` fill the message, which
 * the CLI prints in the user's language instead of a stack trace.
 */
export class StartupError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;

  constructor(code: string, params: Record<string, string | number>, cause?: unknown) {
    super(`${code}: ${JSON.stringify(params)}`, { cause });
    this.name = 'StartupError';
    this.code = code;
    this.params = params;
  }
}

/** Classify an error from opening, migrating or querying a database as a StartupError. */
export function databaseStartupError(error: unknown, location: string): StartupError | undefined {
  if (error instanceof StartupError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const reason = error instanceof Error ? error.message : String(error);
  const params = { location, reason };

  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') return new StartupError('postgres_unreachable', params, error);
  if (code === '28P01' || code === '28000') return new StartupError('postgres_auth_failed', params, error);
  if (code === '3D000') return new StartupError('postgres_database_missing', params, error);
  if (code === '42501') return new StartupError('database_permission_denied', params, error);
  if (code === 'SQLITE_NOTADB') return new StartupError('sqlite_not_a_database', params, error);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || /directory does not exist/i.test(reason)) {
    return new StartupError('sqlite_cannot_open', params, error);
  }
  if (/corrupted migrations/i.test(reason)) return new StartupError('database_too_new', params, error);
  return undefined;
}
