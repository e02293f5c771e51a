import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
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
 * Create an API token. By default the token is written straight into the database (the
 * --database file or URL, else BOH_DATABASE_URL, else boh.db here), which is how the first admin
 * token of a new installation is made; --api creates it through the API with an admin token.
 */
export async function create(context: Context, options: TokenCreateOptions): Promise<void> {
  const { ROLES, isRole, insertToken, migrateToLatest, openDatabase, tokenToApi } = await import('@boh/server');
  if (!isRole(options.role)) throw new UsageError('error.invalid_role', { value: options.role, roles: ROLES.join(', ') });
  const name = options.name ?? `${options.role}-${new Date().toISOString().slice(0, 10)}`;
  const storeCodes = options.store ?? [];

  let created: { id: string; role: string; secret: string } & Record<string, unknown>;
  if (options.api) {
    created = await context.client().tokens.create({ name, role: options.role, store_codes: storeCodes });
  } else {
    const database = await openDatabase(options.database ?? context.io.env.BOH_DATABASE_URL);
    try {
      await migrateToLatest(database);
      const { row, secret } = await insertToken(database.db, { name, role: options.role, storeCodes });
      created = { ...tokenToApi(row), secret };
    } finally {
      await database.close();
    }
  }

  if (context.json) {
    context.io.stdout.write(toJson(created));
    return;
  }
  context.info(context.t('token.create.done', { id: created.id, role: created.role }));
  writeLine(context.io.stdout, created.secret);
  context.info(context.t('token.create.export_hint', { secret: created.secret }));
}
