import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors.js';
import type { Database } from '../db/schema.js';
import { ApiError } from './api-error.js';

/** Keys are remembered this long; after that the same key starts a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface IdempotentOutcome extends StoredResponse {
  replayed: boolean;
}

/** Hash what makes two requests "the same": method, path with query, and the body's JSON. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

/**
 * Run a write in one transaction, remembering its response under (token, key) in the same
 * transaction. A later request with the same key and hash gets the stored response; with another
 * hash, 409. Only successful responses are stored, so a request that failed validation can be
 * corrected and sent again with its key.
 *
 * Two concurrent requests with one key: on PostgreSQL the second insert waits for the first
 * transaction and then violates the primary key, so the second attempt replays the first's
 * response. SQLite runs one write transaction at a time, so the second sees the stored row.
 */
export async function runIdempotent(
  db: Kysely<Database>,
  scope: { tokenId: string; key: string | undefined; hash: string },
  work: (trx: Kysely<Database>) => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => runOnce(trx, scope, work));
    } catch (error) {
      if (scope.key && attempt === 1 && isUniqueViolation(error, 'idempotency_keys')) continue;
      throw error;
    }
  }
}

async function runOnce(
  trx: Kysely<Database>,
  scope: { tokenId: string; key: string | undefined; hash: string },
  work: (trx: Kysely<Database>) => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const { tokenId, key, hash } = scope;
  if (key === undefined) return { ...(await work(trx)), replayed: false };

  const now = new Date();
  const stored = await trx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .executeTakeFirst();

  if (stored && Date.parse(stored.created_at) > now.getTime() - IDEMPOTENCY_TTL_MS) {
    if (stored.request_hash !== hash) throw new ApiError(409, 'idempotency_key_reused', { key });
    if (stored.status_code === null) throw new ApiError(409, 'idempotency_in_progress', { key });
    return {
      status: stored.status_code,
      body: stored.response_body === null ? undefined : JSON.parse(stored.response_body),
      headers: JSON.parse(stored.response_headers ?? '{}') as Record<string, string>,
      replayed: true,
    };
  }
  if (stored) {
    await trx.deleteFrom('idempotency_keys').where('token_id', '=', tokenId).where('key', '=', key).execute();
  }

  await trx
    .insertInto('idempotency_keys')
    .values({ token_id: tokenId, key, request_hash: hash, status_code: null, response_body: null, response_headers: null, created_at: now.toISOString() })
    .execute();

  const response = await work(trx);

  await trx
    .updateTable('idempotency_keys')
    .set({
      status_code: response.status,
      response_body: response.body === undefined ? null : JSON.stringify(response.body),
      response_headers: JSON.stringify(response.headers),
    })
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .execute();
  return { ...response, replayed: false };
}

/** Delete keys older than the retention time; returns how many were removed. */
export async function purgeExpiredKeys(db: Kysely<Database>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
