import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { openDatabase, type BohDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { purgeExpiredKeys } from './http/idempotency.js';
import type { Language } from './i18n/language.js';
import { StartupError } from './startup-error.js';
import { SERVER_VERSION } from './version.js';
import { startTicketWorkers } from './tickets/scheduler.js';

export interface ServerOptions {
  /** SQLite file path or postgres:// URL; `boh.db` in the working directory by default. */
  databaseUrl?: string;
  host?: string;
  port?: number;
  defaultLanguage?: Language;
  logger?: Logger | false;
  /** Run the SLA scheduler and webhook delivery loops in this process; true by default. */
  workers?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  database: BohDatabase;
  /** The address it listens on, e.g. http://127.0.0.1:4010. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return new StartupError('port_in_use', { host, port }, error);
  if (code === 'EACCES') return new StartupError('port_not_permitted', { host, port }, error);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new StartupError('host_unavailable', { host, port }, error);
  return error;
}
export const DEFAULT_HOST = '127.0.0.1';
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Open and migrate the database, then listen. The server keeps no state of its own between
 * requests, so several processes can serve one PostgreSQL database.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger === undefined ? pino({ name: 'boh' }) : options.logger;
  const database = await openDatabase(options.databaseUrl);
  const migration = await migrateToLatest(database);
  if (logger) logger.info({ database: database.location, dialect: database.dialect, migrations_applied: migration.applied, schema_version: migration.latest }, 'database ready');

  const app = await buildApp({ database, logger: logger || undefined, defaultLanguage: options.defaultLanguage });
  const purge = setInterval(() => {
    purgeExpiredKeys(database.db).catch((error: unknown) => logger && logger.warn({ err: error }, 'purging idempotency keys failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();

  const stopWorkers = options.workers === false ? async () => undefined : startTicketWorkers({ database, now: () => new Date(), logger: logger || false });

  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  let url: string;
  try {
    url = await app.listen({ host, port });
  } catch (error) {
    await stopWorkers();
    await app.close();
    await database.close();
    throw listenError(error, host, port);
  }
  if (logger) logger.info({ url, version: SERVER_VERSION }, 'server started');

  let closed = false;
  return {
    app,
    database,
    url,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(purge);
      await stopWorkers();
      await app.close();
      await database.close();
      if (logger) logger.info({ url }, 'server stopped');
    },
  };
}
