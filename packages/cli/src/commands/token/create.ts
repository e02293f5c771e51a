import type { TokenRequest } from '@boh/server';
import type { Context } from '../../runtime/context.js';
import { ExitError, UsageError } from '../../runtime/errors.js';
import { ExitCode } from '../../runtime/exit-codes.js';
import { writeLine } from '../../runtime/io.js';
import { toJson } from '../../output/format.js';

export interface TokenCreateOptions {
  role: string;
  name?: string;
  store?: string[];
  database?: string;
  api?: boolean;
}

/**
 * Create an API token. With --database, or when no API is configured, the token is written
 * straight into the database (--database, else BOH_DATABASE_URL, else boh.db here), which is how
 * the first admin token of a new installation is made. Otherwise, or with --api, it is created
 * through the API. Both paths apply the same checks and write the same audit event.
 */
export async function create(context: Context, options: TokenCreateOptions): Promise<void> {
  const { ROLES, isRole } = await import('@boh/server');
  if (!isRole(options.role)) throw new UsageError('error.invalid_role', { value: options.role, roles: ROLES.join(', ') });
  const request: TokenRequest = { name: options.name ?? `${options.role}-${new Date().toISOString().slice(0, 10)}`, role: options.role, storeCodes: options.store ?? [] };

  const throughApi = options.api || (options.database === undefined && context.hasConnection);
  const { token: created, location } = throughApi
    ? { token: await context.client().tokens.create({ name: request.name, role: request.role, store_codes: request.storeCodes }), location: undefined }
    : await createInDatabase(context, options.database ?? context.io.env.BOH_DATABASE_URL, request);

  if (context.json) {
    context.io.stdout.write(toJson(created));
    return;
  }
  // One line names the token, and the database when it was written there directly.
  if (location === undefined) context.info(context.t('token.create.done', { id: created.id, role: created.role }));
  else context.info(context.t('token.create.done_in_database', { id: created.id, role: created.role, location }));
  writeLine(context.io.stdout, created.secret);
  context.info(context.t('token.create.export_hint', { secret: created.secret }));
}

async function createInDatabase(context: Context, url: string | undefined, request: TokenRequest) {
  const { ApiError, createToken, migrateToLatest, openDatabase, toProblem, tokenToApi } = await import('@boh/server');
  const database = await openDatabase(url);
  try {
    await migrateToLatest(database);
    const { row, secret } = await database.db.transaction().execute((trx) =>
      createToken(trx, request, { name: null, tokenId: null, requestId: null }),
    );
    return { token: { ...tokenToApi(row), secret }, location: database.location };
  } catch (error) {
    if (error instanceof ApiError) {
      const problem = toProblem(error, context.language, 'local');
      throw new ExitError(ExitCode.apiRejected, 'error.token_rejected', { detail: [problem.detail, ...(problem.errors ?? []).map((e) => `  - ${e.message}`)].join('\n') });
    }
    throw error;
  } finally {
    await database.close();
  }
}
