import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FieldIssue } from './api-error.js';
import { CONTRACT_ID, type Contract, type JsonSchema } from './contract.js';

// ajv-formats is published as CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$';

/** Where a value was in the request, as shown in field paths: `body.name`, `query.limit`. */
export type RequestPart = 'body' | 'query' | 'path' | 'header';

/**
 * Build a JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1) that knows every schema of
 * the contract. `coerce` turns query and path strings into the declared numbers and booleans;
 * bodies are validated as sent.
 */
export function createValidator(contract: Contract, coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    verbose: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    validateFormats: true,
  });
  addFormats(ajv);
  ajv.addSchema({ $id: CONTRACT_ID, components: contract.document.components } as JsonSchema);
  return ajv;
}

export function compile(ajv: Ajv2020, schema: JsonSchema): ValidateFunction {
  return ajv.compile(schema);
}

/** Turn ajv errors into field issues with stable codes, dropping the summaries of combinators. */
export function toFieldIssues(errors: readonly ErrorObject[], part: RequestPart): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();

  for (const error of errors) {
    const issue = toFieldIssue(error, part);
    if (!issue) continue;
    const key = `${issue.field}|${issue.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toFieldIssue(error: ErrorObject, part: RequestPart): FieldIssue | undefined {
  const base = fieldPath(part, error.instancePath);
  const params = error.params as Record<string, any>;
  const value = error.data;

  switch (error.keyword) {
    case 'required':
      return { field: join(base, params.missingProperty), code: 'required' };
    case 'additionalProperties':
      return { field: join(base, params.additionalProperty), code: 'unknown_field' };
    case 'unevaluatedProperties':
      return { field: join(base, params.unevaluatedProperty), code: 'unknown_field' };
    case 'type':
      return { field: base, code: 'type', params: { expected: String(params.type).split(','), actual: jsonType(value), value: shownValue(value) }, value };
    case 'enum':
      return { field: base, code: 'enum', params: { allowed: params.allowedValues, value }, value };
    case 'const':
      return { field: base, code: 'enum', params: { allowed: [params.allowedValue], value }, value };
    case 'pattern':
      return { field: base, code: error.schema === CODE_PATTERN ? 'code_pattern' : 'pattern', params: { value }, value };
    case 'format':
      return { field: base, code: 'format', params: { value, format: params.format }, value };
    case 'minLength':
    case 'maxLength':
      return { field: base, code: error.keyword, params: { limit: params.limit, length: String(value ?? '').length }, value };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { field: base, code: error.keyword, params: { limit: params.limit, value }, value };
    case 'minProperties':
    case 'minItems':
    case 'maxItems':
      return { field: base, code: error.keyword, params: { limit: params.limit } };
    case 'uniqueItems':
      return { field: base, code: 'uniqueItems', params: { first: params.j, second: params.i } };
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
    case 'if':
      return undefined;
    default:
      return { field: base, code: 'invalid', value };
  }
}

function fieldPath(part: RequestPart, instancePath: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), part);
}

function join(base: string, name: unknown): string {
  return `${base}.${String(name)}`;
}

/** Return the JSON Schema type name of a value; messages show it by its label. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Return the value as it follows its type in a message (` "abc"`, ` 12`), or '' for null, lists and objects. */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return ` "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` ${JSON.stringify(value)}`;
  return '';
}
