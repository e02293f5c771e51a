import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isBusy } from '../db/errors.js';
import { translate } from '../i18n/messages.js';
import { ApiError, toProblem, validationError } from './api-error.js';
import { toFieldIssues, type RequestPart } from './validation.js';

const PARTS: Record<string, RequestPart> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/** Turn any error thrown while handling a request into a problem+json response. */
export async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const apiError = toApiError(error, request);
  if (apiError.status >= 500) {
    request.log.error({ err: error, code: apiError.code }, 'request failed');
  }

  const problem = toProblem(apiError, request.language, request.id);
  // A failed write is rolled back with its transaction, so nothing of it is stored.
  // Some messages already say so in their own words.
  const note = translate(request.language, 'note.nothing_written');
  if (request.method !== 'GET' && request.method !== 'HEAD' && !problem.detail.includes(note.replace(/[.。]$/, ''))) {
    const separator = request.language === 'zh-CN' ? '' : ' ';
    problem.detail = `${problem.detail}${separator}${note}`;
  }
  for (const [name, value] of Object.entries(apiError.headers)) reply.header(name, value);
  return reply.code(apiError.status).type('application/problem+json').send(problem);
}

function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;

  if (error.validation) {
    const part = PARTS[error.validationContext ?? 'body'] ?? 'body';
    return validationError(toFieldIssues(error.validation as never, part));
  }

  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', { content_type: request.headers['content-type'] ?? '' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', { limit_bytes: request.routeOptions.bodyLimit });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid_json', { reason: error.message });
  }
  if (error instanceof RangeError) return new ApiError(400, 'json_too_deep', { limit: 64 });
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new ApiError(400, 'invalid_json', { reason: error.message });
  }
  if (isDatabaseUnavailable(error)) return new ApiError(503, 'service_unavailable', {}, [], { 'Retry-After': '2' });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, 'bad_request', { reason: error.message });
  }
  return new ApiError(500, 'internal_error');
}

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    isBusy(error) ||
    code === 'ECONNREFUSED' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    code === '53300' // too_many_connections
  );
}
