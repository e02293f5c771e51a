import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/roles.js';
import type { BohDatabase } from '../db/connect.js';
import { ApiError, validationError, type FieldIssue } from './api-error.js';
import { cleanRequestText } from './request-text.js';
import { authenticate } from './authenticate.js';
import { anchorRefs, type Contract, type JsonSchema, type OperationSpec } from './contract.js';
import type { HandlerMap, OperationId } from './handler.js';
import { requestHash, runIdempotent } from './idempotency.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    operation?: OperationSpec;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Register one route per operation of the contract, validated by the contract's schemas. Every
 * operation must have a handler and every handler an operation, so the contract and the server
 * cannot drift apart silently.
 */
export function registerContractRoutes(
  app: FastifyInstance,
  contract: Contract,
  handlers: Partial<HandlerMap>,
  database: BohDatabase,
  now: () => Date = () => new Date(),
): void {
  const operationIds = new Set(contract.operations.map((o) => o.operationId));
  const missing = contract.operations.filter((o) => !(o.operationId in handlers)).map((o) => o.operationId);
  const extra = Object.keys(handlers).filter((id) => !operationIds.has(id));
  if (missing.length > 0) throw new Error(`Operations without a handler: ${missing.join(', ')}`);
  if (extra.length > 0) throw new Error(`Handlers without an operation in the contract: ${extra.join(', ')}`);

  for (const operation of contract.operations) {
    const handler = handlers[operation.operationId as OperationId] as (context: any) => Promise<any>;

    app.route({
      method: operation.method.toUpperCase() as 'GET',
      url: operation.routePath,
      schema: routeSchema(operation),
      config: { operation },
      onRequest: operation.isPublic
        ? undefined
        : async (request: FastifyRequest) => {
            request.principal = await authenticate(database.db, operation, request.headers.authorization);
          },
      preValidation: async (request: FastifyRequest) => {
        if (operation.requestBody?.required && request.body === undefined) {
          throw new ApiError(400, 'body_required', { method: operation.method.toUpperCase(), path: operation.path });
        }
        // An optional body that was not sent is validated as an empty object, its schema's default.
        if (operation.requestBody && !operation.requestBody.required && (request.body === undefined || request.body === null)) request.body = {};
        const issues: FieldIssue[] = [];
        request.body = cleanRequestText(request.body, 'body', issues);
        request.query = cleanRequestText(request.query, 'query', issues);
        if (issues.length > 0) throw validationError(issues);
      },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const principal = request.principal as Principal;
        const base = {
          params: request.params,
          query: request.query,
          headers: request.headers,
          body: request.body,
          principal,
          actor: { name: principal?.name ?? null, tokenId: principal?.tokenId ?? null, requestId: request.id },
          language: request.language,
          requestId: request.id,
          database,
          log: request.log,
          now,
        };

        const result =
          operation.method === 'get'
            ? { ...(await handler({ ...base, db: database.db })), replayed: false }
            : await runIdempotent(
                database.db,
                idempotencyScope(operation, request, principal),
                async (trx) => {
                  const r = await handler({ ...base, db: trx });
                  return { status: r.status, body: r.body, headers: r.headers ?? {} };
                },
              ).catch((error: unknown) => commitAfterRollback(error, database, request));

        reply.code(result.status);
        for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
        if (result.replayed) reply.header('Idempotent-Replayed', 'true');
        return result.body === undefined ? reply.send() : result.body;
      },
    });
  }
}

/** Commit a rejected write's `afterRollback` work in a transaction of its own, then raise the error again. */
async function commitAfterRollback(error: unknown, database: BohDatabase, request: FastifyRequest): Promise<never> {
  if (error instanceof ApiError && error.afterRollback) {
    await database.db.transaction().execute(error.afterRollback);
    request.log.info({ code: error.code, params: error.params }, 'committed the clean-up of a rejected request');
  }
  throw error;
}

// The request hash is needed only with a key, and hashing the canonical JSON of a large body
// (an import batch) costs milliseconds, so requests without a key skip it.
function idempotencyScope(operation: OperationSpec, request: FastifyRequest, principal: Principal) {
  const key = operation.method === 'post' ? header(request, 'idempotency-key') : undefined;
  const hash = key === undefined ? '' : requestHash(operation.method, request.url, request.body);
  return { tokenId: principal.tokenId, key, hash };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Build Fastify's per-part schemas from the operation's parameters and JSON body. */
function routeSchema(operation: OperationSpec): Record<string, JsonSchema> {
  const schema: Record<string, JsonSchema> = {};
  const parts = { path: 'params', query: 'querystring', header: 'headers' } as const;

  for (const [location, part] of Object.entries(parts)) {
    const parameters = operation.parameters.filter((p) => p.in === location);
    if (parameters.length === 0 && location !== 'query') continue;
    const name = (p: { name: string }) => (location === 'header' ? p.name.toLowerCase() : p.name);
    schema[part] = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [name(p), anchorRefs(p.schema)])),
      required: parameters.filter((p) => p.required).map(name),
      // Unknown query parameters are rejected, so a misspelt filter cannot silently return
      // everything; headers are open because clients and proxies add their own.
      additionalProperties: location !== 'query',
    };
  }

  const json = operation.requestBody?.content['application/json'];
  if (json) schema.body = anchorRefs(json);
  return schema;
}

export { ApiError };
