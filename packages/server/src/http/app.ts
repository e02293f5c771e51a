import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import type { BohDatabase } from '../db/connect.js';
import { handlers } from '../handlers.js';
import { negotiateLanguage, type Language } from '../i18n/language.js';
import { ApiError } from './api-error.js';
import { loadContract } from './contract.js';
import { installContractCheck, type ContractViolation } from './contract-check.js';
import { handleError } from './error-handler.js';
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
  // An empty body with a JSON content type (curl -X POST -H 'Content-Type: application/json')
  // counts as no body, so operations without one accept it and those that need one say so.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'string' }, (_request, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    try {
      // Keys such as __proto__ are rejected, so a body cannot alter object prototypes.
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(new ApiError(400, 'invalid_json', { reason: (error as Error).message }));
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
    throw new ApiError(404, 'route_not_found', { method: request.method, path: request.url.split('?')[0] });
  });

  registerContractRoutes(app, contract, handlers, options.database, options.now);
  return app;
}
