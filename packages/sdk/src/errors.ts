import { sdkMessage } from './messages.js';
import type { Language } from './transport.js';

/** One invalid field, as the API reports it. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  value?: unknown;
}

/** The problem+json body of an API error. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  request_id?: string;
  params?: Record<string, unknown>;
  errors?: FieldError[];
}

/**
 * The base of every error the SDK throws. `type` names the class as a string, for code that
 * cannot use `instanceof` (errors crossing a worker or a JSON log).
 */
export class BohError extends Error {
  readonly type: string = 'BohError';
  /** The HTTP status, when a response arrived. */
  readonly status?: number;
  /** The API's stable error code, such as `validation_failed`; `network_error` or `timeout` otherwise. */
  readonly code: string;
  /** The id of the request, to quote when reporting a problem. */
  readonly requestId?: string;
  readonly fieldErrors: FieldError[];
  readonly problem?: ProblemDetails;

  constructor(message: string, options: { status?: number; code: string; requestId?: string; problem?: ProblemDetails; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.problem = options.problem;
    this.fieldErrors = options.problem?.errors ?? [];
  }
}

/** Raised when the request never got a response: connection refused, reset or DNS failure. */
export class BohConnectionError extends BohError {
  override readonly type = 'BohConnectionError';
}

/** Raised when no response arrived within the timeout, after every retry. */
export class BohTimeoutError extends BohError {
  override readonly type = 'BohTimeoutError';
}

/** Raised for any error response of the API; the subclasses below name the common statuses. */
export class BohApiError extends BohError {
  override readonly type: string = 'BohApiError';
}

/** Raised on 400: the request could not be read (bad JSON, invalid cursor or If-Match). */
export class BohBadRequestError extends BohApiError {
  override readonly type = 'BohBadRequestError';
}

/** Raised on 401: no token, or an unknown or revoked token. */
export class BohAuthenticationError extends BohApiError {
  override readonly type = 'BohAuthenticationError';
}

/** Raised on 403: the token's role or stores do not allow the operation. */
export class BohPermissionError extends BohApiError {
  override readonly type = 'BohPermissionError';
}

/** Raised on 404: no record has the key. */
export class BohNotFoundError extends BohApiError {
  override readonly type = 'BohNotFoundError';
}

/** Raised on 409: the record exists already, or an idempotency key was reused with another body. */
export class BohConflictError extends BohApiError {
  override readonly type = 'BohConflictError';
}

/** Raised on 412: the record changed since the version sent in If-Match. */
export class BohPreconditionFailedError extends BohApiError {
  override readonly type = 'BohPreconditionFailedError';
}

/** Raised on 422: fields are invalid; `fieldErrors` lists each one. */
export class BohValidationError extends BohApiError {
  override readonly type = 'BohValidationError';
}

/** Raised on 429 after every retry. */
export class BohRateLimitError extends BohApiError {
  override readonly type = 'BohRateLimitError';
}

/** Raised on 5xx after every retry. */
export class BohServerError extends BohApiError {
  override readonly type = 'BohServerError';
}

const BY_STATUS: Record<number, typeof BohApiError> = {
  400: BohBadRequestError,
  401: BohAuthenticationError,
  403: BohPermissionError,
  404: BohNotFoundError,
  409: BohConflictError,
  412: BohPreconditionFailedError,
  422: BohValidationError,
  429: BohRateLimitError,
};

/** Build the error for an error response; unknown statuses fall back to BohApiError. */
export function errorFromResponse(status: number, body: unknown, requestId: string | undefined, language?: Language): BohApiError {
  const problem = isProblem(body) ? body : undefined;
  const code = problem?.code ?? `http_${status}`;
  const message = problem?.detail ?? problem?.title ?? sdkMessage(language, 'http_error', { status });
  const ErrorClass = BY_STATUS[status] ?? (status >= 500 ? BohServerError : BohApiError);
  return new ErrorClass(message, { status, code, requestId: problem?.request_id ?? requestId, problem });
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && ('code' in body || 'detail' in body);
}
