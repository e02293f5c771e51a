import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidateFunction } from 'ajv';
import { ApiError, toProblem } from './api-error.js';
import { anchorRefs, type Contract, type OperationSpec } from './contract.js';
import { createValidator } from './validation.js';

/** A response that the contract does not allow, as found by the contract check. */
export interface ContractViolation {
  operationId: string;
  method: string;
  url: string;
  status: number;
  problems: string[];
}

/**
 * Check every response against the contract: its status must be declared, its declared headers
 * present, its media type declared and its body valid. Meant for the test suite, where a
 * violation replaces the response with a 500 `contract_violation` so the test that caused it
 * fails, and is also passed to `onViolation`.
 */
/**
 * Statuses any operation may answer, described once in the document's introduction instead of
 * on every operation: a body too large or of the wrong type, and a database that is busy. Their
 * bodies are checked as problems, like the 400 of the same operation.
 */
const ANY_OPERATION = new Set(['413', '415', '503']);

export function installContractCheck(
  app: FastifyInstance,
  contract: Contract,
  onViolation: (violation: ContractViolation) => void,
): void {
  const ajv = createValidator(contract, false);
  const validators = new Map<string, ValidateFunction>();

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const operation = request.routeOptions.config.operation;
    if (!operation) return payload;

    const problems = checkResponse(operation, reply, payload, (key, schema) => {
      let validate = validators.get(key);
      if (!validate) {
        validate = ajv.compile(anchorRefs(schema));
        validators.set(key, validate);
      }
      return validate;
    });
    if (problems.length === 0) return payload;

    const violation = { operationId: operation.operationId, method: request.method, url: request.url, status: reply.statusCode, problems };
    onViolation(violation);
    request.log.error({ violation }, 'response violates the API contract');

    const error = new ApiError(500, 'contract_violation', { operation: operation.operationId, violations: problems });
    reply.code(500).type('application/problem+json');
    return JSON.stringify(toProblem(error, request.language, request.id));
  });
}

function checkResponse(
  operation: OperationSpec,
  reply: FastifyReply,
  payload: unknown,
  validatorFor: (key: string, schema: Record<string, unknown>) => ValidateFunction,
): string[] {
  const status = String(reply.statusCode);
  const spec = operation.responses[status] ?? operation.responses.default ?? (ANY_OPERATION.has(status) ? operation.responses['400'] : undefined);
  if (!spec) return [`status ${status} is not declared`];

  const problems: string[] = [];
  for (const name of spec.headers) {
    if (reply.getHeader(name) === undefined) problems.push(`header ${name} is missing`);
  }

  const mediaTypes = Object.keys(spec.content);
  const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  if (mediaTypes.length === 0) {
    if (body) problems.push('a body was sent where none is declared');
    return problems;
  }

  const contentType = String(reply.getHeader('content-type') ?? '').split(';')[0]!.trim();
  const schema = spec.content[contentType];
  if (!mediaTypes.includes(contentType)) {
    problems.push(`content type "${contentType}" is not one of ${mediaTypes.join(', ')}`);
    return problems;
  }
  if (!schema || body === undefined) return problems;

  const validate = validatorFor(`${operation.operationId} ${status} ${contentType}`, schema);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [...problems, 'the body is not valid JSON'];
  }
  if (!validate(parsed)) {
    for (const error of validate.errors ?? []) {
      problems.push(`body${error.instancePath} ${error.message ?? error.keyword}`);
    }
  }
  return problems;
}
