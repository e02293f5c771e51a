import type { Context } from '../runtime/context.js';
import { UsageError } from '../runtime/errors.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  database?: string;
}

/** Start the API server in this process and run until SIGINT or SIGTERM. */
export async function serve(context: Context, options: ServeOptions): Promise<void> {
  const { startServer, DEFAULT_PORT, DEFAULT_HOST } = await import('@boh/server');
  const env = context.io.env;
  const portText = options.port ?? env.BOH_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) throw new UsageError('error.port', { value: portText });

  const server = await startServer({
    port,
    host: options.host ?? DEFAULT_HOST,
    databaseUrl: options.database ?? env.BOH_DATABASE_URL,
    defaultLanguage: context.language,
  });
  // Report the address asked for: with --host 0.0.0.0 the server listens on every interface,
  // which the first bound address (127.0.0.1) would hide.
  const address = server.app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : Number(new URL(server.url).port);
  const host = options.host ?? DEFAULT_HOST;
  const shown = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  context.info(context.t('serve.listening', { url: shown, database: server.database.location }));

  await new Promise<void>((resolve) => {
    const stop = () => {
      context.info(context.t('serve.stopping'));
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
