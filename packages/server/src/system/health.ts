import { tokenToApi } from '../auth/tokens.js';
import { loadContract } from '../http/contract.js';
import type { Handler } from '../http/handler.js';
import { SERVER_VERSION } from '../version.js';

export const getHealth: Handler<'getHealth'> = async (c) => {
  const latest = await c.db
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .orderBy('name' as never, 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    status: 200,
    body: {
      status: 'ok',
      version: SERVER_VERSION,
      database: c.database.dialect,
      schema_version: (latest as { name?: string } | undefined)?.name ?? 'none',
    },
  };
};

export const getMe: Handler<'getMe'> = async (c) => {
  const row = await c.db.selectFrom('api_tokens').selectAll().where('id', '=', c.principal.tokenId).executeTakeFirstOrThrow();
  return { status: 200, body: tokenToApi(row) };
};

export const getContract: Handler<'getContract'> = async () => ({ status: 200, body: loadContract().document });
