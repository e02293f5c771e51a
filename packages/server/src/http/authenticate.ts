import type { Kysely } from 'kysely';
import type { Principal } from '../auth/roles.js';
import { findPrincipal } from '../auth/tokens.js';
import type { Database } from '../db/schema.js';
import { ApiError } from './api-error.js';
import type { OperationSpec } from './contract.js';

/**
 * Resolve the bearer token of a request and check that its role may call the operation.
 * Runs before validation, so an unauthenticated request gets 401 whatever its body.
 */
export async function authenticate(
  db: Kysely<Database>,
  operation: OperationSpec,
  authorization: string | undefined,
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new ApiError(401, 'unauthorized', {}, [], { 'WWW-Authenticate': 'Bearer realm="boh"' });

  const principal = await findPrincipal(db, match[1]!);
  if (!principal) {
    throw new ApiError(401, 'invalid_token', {}, [], { 'WWW-Authenticate': 'Bearer realm="boh", error="invalid_token"' });
  }

  if (!operation.roles.includes(principal.role)) {
    throw new ApiError(403, 'forbidden', {
      role: principal.role,
      operation: `${operation.method.toUpperCase()} ${operation.path}`,
      allowed: operation.roles,
    });
  }
  return principal;
}
