import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiTokenTable, Database } from '../db/schema.js';
import { isRole, type Principal, type Role } from './roles.js';

const SECRET_PREFIX = 'boh_';

export interface NewToken {
  name: string;
  role: Role;
  storeCodes?: string[];
  /** Name of the token that creates this one; null for `boh token create` on the database. */
  createdBy?: string | null;
}

export interface CreatedToken {
  row: ApiTokenTable;
  /** The bearer secret. Only its SHA-256 hash is stored, so this is the one chance to show it. */
  secret: string;
}

/**
 * Store a new token and return its secret. The secret is 256 random bits, so a plain SHA-256
 * hash is enough to store it safely: there is nothing to brute-force.
 */
export async function insertToken(db: Kysely<Database>, token: NewToken, now = new Date()): Promise<CreatedToken> {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row: ApiTokenTable = {
    id: `tok_${randomBytes(8).toString('hex')}`,
    name: token.name,
    role: token.role,
    store_codes: JSON.stringify(token.storeCodes ?? []),
    token_hash: hashSecret(secret),
    prefix: secret.slice(0, SECRET_PREFIX.length + 6),
    created_at: now.toISOString(),
    created_by: token.createdBy ?? null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { row, secret };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Find the principal of a bearer secret; undefined when it is unknown or revoked. */
export async function findPrincipal(db: Kysely<Database>, secret: string): Promise<Principal | undefined> {
  if (!secret.startsWith(SECRET_PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecret(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return undefined;
  return { tokenId: row.id, name: row.name, role: row.role, storeCodes: JSON.parse(row.store_codes) as string[] };
}

export function tokenToApi(row: ApiTokenTable) {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    store_codes: JSON.parse(row.store_codes) as string[],
    prefix: row.prefix,
    created_at: row.created_at,
    created_by: row.created_by,
    revoked_at: row.revoked_at,
  };
}
