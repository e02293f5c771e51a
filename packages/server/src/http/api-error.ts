import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Language } from '../i18n/language.js';
import { labelEnumParams } from '../i18n/enum-labels.js';
import { resourceName, translate } from '../i18n/messages.js';
import { LIST_COMMANDS } from '../i18n/list-commands.js';

/**
 * A message used as a param of another message, such as the reason inside `field.invalid_uscc`.
 * It is translated into the caller's language when the outer message is.
 */
export interface NestedMessage {
  messageKey: string;
  params?: Record<string, unknown>;
}

/** One invalid field: where it is, a stable reason code and the params of its message. */
export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
  value?: unknown;
}

/**
 * An error that becomes an RFC 9457 problem response. `code` selects the localised title and
 * detail from the message catalogue; `params` fill their placeholders.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly fieldIssues: FieldIssue[];
  readonly headers: Record<string, string>;
  /**
   * Work to commit after the request's transaction is rolled back, such as deleting what earlier
   * requests of the same upload stored, so that a rejected upload leaves nothing half-written.
   */
  afterRollback?: (db: Kysely<Database>) => Promise<void>;

  constructor(
    status: number,
    code: string,
    params: Record<string, unknown> = {},
    fieldIssues: FieldIssue[] = [],
    headers: Record<string, string> = {},
  ) {
    super(`${code}: ${translate('en', `error.${code}.detail`, params)}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.params = params;
    this.fieldIssues = fieldIssues;
    this.headers = headers;
  }
}

/** Raise 422 validation_failed for a list of invalid fields. */
export function validationError(issues: FieldIssue[]): ApiError {
  return new ApiError(422, 'validation_failed', { count: issues.length, fields: issues.map((i) => i.field) }, issues.map(truncateValue));
}

/** Longest rejected value echoed back in an error, so a huge field does not make a huge error. */
export const MAX_ECHOED_CHARACTERS = 200;

function truncateValue(issue: FieldIssue): FieldIssue {
  const shorten = (value: unknown) =>
    typeof value === 'string' && value.length > MAX_ECHOED_CHARACTERS ? `${value.slice(0, MAX_ECHOED_CHARACTERS)}…` : value;
  const params = issue.params && Object.fromEntries(Object.entries(issue.params).map(([k, v]) => [k, shorten(v)]));
  const value = typeof issue.value === 'object' && issue.value !== null && JSON.stringify(issue.value).length > MAX_ECHOED_CHARACTERS ? undefined : shorten(issue.value);
  return { ...issue, params, value };
}

/** Raise 404 for a record of `resource` that has no row under `key`. */
export function notFound(resource: string, key: string): ApiError {
  return new ApiError(404, 'not_found', { resource, key });
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  request_id: string;
  params?: Record<string, unknown>;
  errors?: { field: string; code: string; message: string; value?: unknown }[];
}

/** Render an ApiError in the caller's language. Resource names in params are translated too. */
export function toProblem(error: ApiError, language: Language, requestId: string): ProblemBody {
  const params = labelEnumParams(error.code, localiseParams(error.params, language), language);
  const body: ProblemBody = {
    type: `urn:boh:problem:${error.code}`,
    title: translate(language, `error.${error.code}.title`, params),
    status: error.status,
    code: error.code,
    detail: translate(language, `error.${error.code}.detail`, { ...params, request_id: requestId }),
    request_id: requestId,
  };
  if (Object.keys(error.params).length > 0) body.params = error.params;

  if (error.fieldIssues.length > 0) {
    body.errors = error.fieldIssues.map((issue) => {
      const issueParams = labelEnumParams(issue.code, localiseParams(issue.params ?? {}, language), language);
      const entry: { field: string; code: string; message: string; value?: unknown } = {
        field: issue.field,
        code: issue.code,
        message: `${issue.field}: ${translate(language, `field.${issue.code}`, issueParams)}`,
      };
      if (issue.value !== undefined) entry.value = issue.value;
      return entry;
    });
  }
  return body;
}

/** Translate nested messages and resource names among a message's params. */
export function localiseParams(params: Record<string, unknown>, language: Language): Record<string, unknown> {
  const localised: Record<string, unknown> = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (isNestedMessage(value)) localised[name] = translate(language, value.messageKey, localiseParams(value.params ?? {}, language));
    if (Array.isArray(value) && value.length > 0 && value.every(isNestedMessage)) {
      const parts = value.map((entry) => translate(language, entry.messageKey, localiseParams(entry.params ?? {}, language)));
      localised[name] = parts.join(language === 'zh-CN' ? '；' : '; ');
    }
  }
  const resource = params.resource;
  const name = typeof resource === 'string' ? resourceName(language, resource) : undefined;
  if (typeof resource !== 'string' || name === undefined) return localised;
  const command = LIST_COMMANDS[resource] ?? null;
  // A resource can have a hint of its own. The others name the command that lists them, if any.
  const ownHint = `hint.not_found.${resource}`;
  const own = translate(language, ownHint);
  const hint = own !== ownHint ? own : translate(language, command === null ? 'hint.not_found_unlisted' : 'hint.not_found', command === null ? {} : { command });
  return { ...localised, resource: name, ...(command === null ? {} : { command: `boh ${command}` }), hint };
}

function isNestedMessage(value: unknown): value is NestedMessage {
  return typeof value === 'object' && value !== null && typeof (value as NestedMessage).messageKey === 'string';
}
