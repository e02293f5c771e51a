import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { BohDatabase } from '../db/connect.js';
import { handlers } from '../handlers.js';
import { negotiateLanguage, type Language } from '../i18n/language.js';
import { ApiError } from './api-error.js';
import { loadContract } from './contract.js';
import { installContractCheck, type ContractViolation } from './contract-check.js';
import { handleError } from './error-handler.js';
import { parseJsonBody } from './json-body.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { serializeRequest } from './log-serializers.js';
import { registerContractRoutes } from './routes.js';
import { createValidator } from './validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
  }
}

export interface AppOptions {
  database: BohDatabase;
  /** A pino logger for request logs; none when absent. */
  logger?: FastifyBaseLogger;
  /** Language of messages when the request's Accept-Language names none we have. */
  defaultLanguage?: Language;
  /** Check every response against the contract (for tests); violations go to this callback. */
  onContractViolation?: (violation: ContractViolation) => void;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** The clock handlers read; the system clock when absent. */
  now?: () => Date;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Build the HTTP application: every operation of the contract, its checks and its errors. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const contract = loadContract();
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger.child({}, { serializers: { req: serializeRequest as never } }) }
      : { logger: false }),
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
    // A caller's own X-Request-Id is kept so its logs and ours can be joined; anything that
    // does not look like an id is replaced.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : `req_${randomBytes(9).toString('base64url')}`;
    },
    ajv: undefined,
  });

  const bodyValidator = createValidator(contract, false);
  const parameterValidator = createValidator(contract, true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyValidator : parameterValidator).compile(schema as object),
  );
  // JSON is the only body type. An empty body with a JSON content type counts as no body, so
  // operations without one accept it and those that need one say so.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error);
    }
  });

  app.decorateRequest('language', 'en' as Language);
  app.addHook('onRequest', async (request, reply) => {
    request.language = negotiateLanguage(request.headers['accept-language'], options.defaultLanguage ?? 'en');
    reply.header('X-Request-Id', request.id);
  });

  if (options.onContractViolation) installContractCheck(app, contract, options.onContractViolation);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (request) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = methodNotAllowed(contract, path);
    if (allowed.length > 0) {
      throw new ApiError(405, 'method_not_allowed', { method: request.method, path, allowed }, [], { Allow: allowed.join(', ') });
    }
    throw new ApiError(404, 'route_not_found', { method: request.method, path });
  });

  registerContractRoutes(app, contract, handlers, options.database, options.now);
  return app;
}
