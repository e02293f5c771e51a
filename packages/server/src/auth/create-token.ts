import type { Kysely } from 'kysely';
import { recordChange, type Actor } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { validationError, type FieldIssue } from '../http/api-error.js';
import type { Role } from './roles.js';
import { insertToken, tokenToApi, type CreatedToken } from './tokens.js';

export interface TokenRequest {
  name: string;
  role: Role;
  storeCodes: string[];
}

/**
 * Check and store a new token, with its audit event, in the caller's transaction. Used both by
 * the API and by `boh token create` on the database, so both follow the same rules.
 */
export async function createToken(db: Kysely<Database>, request: TokenRequest, actor: Actor): Promise<CreatedToken> {
  const issues = await checkTokenRequest(db, request);
  if (issues.length > 0) throw validationError(issues);

  const created = await insertToken(db, { name: request.name, role: request.role, storeCodes: request.storeCodes, createdBy: actor.name });
  const body = tokenToApi(created.row);
  await recordChange(db, {
    resource: 'token',
    key: created.row.id,
    action: 'create',
    actor,
    changes: [
      { field: 'name', before: null, after: body.name },
      { field: 'role', before: null, after: body.role },
      { field: 'store_codes', before: null, after: body.store_codes },
    ],
    at: created.row.created_at,
  });
  return created;
}

async function checkTokenRequest(db: Kysely<Database>, request: TokenRequest): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const name = request.name.trim();
  if (name.length === 0 || name.length > 100) {
    issues.push({ field: 'body.name', code: name.length === 0 ? 'minLength' : 'maxLength', params: { limit: name.length === 0 ? 1 : 100, length: name.length } });
  }

  if (request.role === 'store_manager' && request.storeCodes.length === 0) {
    issues.push({ field: 'body.store_codes', code: 'store_managers_need_stores' });
  }
  if (request.role !== 'store_manager' && request.storeCodes.length > 0) {
    issues.push({ field: 'body.store_codes', code: 'only_store_managers_have_stores' });
  }

  for (const [index, code] of request.storeCodes.entries()) {
    const store = await db.selectFrom('stores').select('code').where('code', '=', code).executeTakeFirst();
    if (!store) {
      issues.push({ field: `body.store_codes[${index}]`, code: 'reference_not_found', params: { resource: 'store', value: code }, value: code });
    }
  }
  return issues;
}
