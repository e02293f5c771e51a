import { recordChange } from '../audit/record.js';
import { createToken as createTokenRecord } from '../auth/create-token.js';
import { tokenToApi } from '../auth/tokens.js';
import { ApiError, notFound } from '../http/api-error.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Handler } from '../http/handler.js';

export const listTokens: Handler<'listTokens'> = async (c) => {
  const limit = c.query.limit ?? 50;
  let query = c.db.selectFrom('api_tokens').selectAll();
  if (c.query.revoked !== undefined) {
    query = query.where('revoked_at', c.query.revoked ? 'is not' : 'is', null);
  }
  if (c.query.cursor) {
    const position = decodeCursor(c.query.cursor, '-created_at');
    const at = String(position.value);
    query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', position.key)])]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sort: '-created_at', value: last.created_at, key: last.id }) : null;
  return { status: 200, body: { data: page.map(tokenToApi), next_cursor: next } };
};

export const createToken: Handler<'createToken'> = async (c) => {
  const { row, secret } = await createTokenRecord(c.db, { name: c.body.name, role: c.body.role, storeCodes: c.body.store_codes ?? [] }, c.actor);
  return { status: 201, body: { ...tokenToApi(row), secret } };
};

export const revokeToken: Handler<'revokeToken'> = async (c) => {
  const row = await c.db.selectFrom('api_tokens').selectAll().where('id', '=', c.params.id).executeTakeFirst();
  if (!row) throw notFound('token', c.params.id);
  if (row.revoked_at) return { status: 200, body: tokenToApi(row) };
  if (row.id === c.principal.tokenId) {
    throw new ApiError(409, 'token_self_revoke', { id: row.id });
  }

  const revokedAt = new Date().toISOString();
  await c.db.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', row.id).execute();
  await recordChange(c.db, {
    resource: 'token',
    key: row.id,
    action: 'revoke',
    actor: c.actor,
    changes: [{ field: 'revoked_at', before: null, after: revokedAt }],
    at: revokedAt,
  });
  return { status: 200, body: tokenToApi({ ...row, revoked_at: revokedAt }) };
};
