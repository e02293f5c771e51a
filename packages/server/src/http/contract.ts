import { readFileSync } from 'node:fs';
import { isRole, type Role } from '../auth/roles.js';

/** The id under which the contract's schemas are registered with the validators. */
export const CONTRACT_ID = 'urn:boh:openapi';

export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface ResponseSpec {
  /** Media type → schema of the body. */
  content: Record<string, JsonSchema | undefined>;
  /** Header names (lower-case) the response must carry. */
  headers: string[];
}

/** One operation of the contract, with every `$ref` outside schemas resolved. */
export interface OperationSpec {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  /** The path in Fastify's syntax: `/stores/:code`. */
  routePath: string;
  summary: string;
  /** Empty for operations that need no token. */
  roles: Role[];
  isPublic: boolean;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; content: Record<string, JsonSchema | undefined> };
  responses: Record<string, ResponseSpec>;
}

export interface Contract {
  document: JsonSchema & { components: { schemas: Record<string, JsonSchema> } };
  operations: OperationSpec[];
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

let cached: Contract | undefined;

/**
 * Read the bundled contract (`contract/openapi.json`, made from openapi/ by `npm run build`) and
 * list its operations.
 */
export function loadContract(): Contract {
  if (cached) return cached;
  const url = new URL('../../contract/openapi.json', import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new Error(`The bundled API contract ${url.pathname} is missing; run \`npm run build\` first.`, { cause: error });
  }
  const document = JSON.parse(text) as Contract['document'];
  cached = { document, operations: listOperations(document) };
  return cached;
}

function listOperations(document: Contract['document']): OperationSpec[] {
  const operations: OperationSpec[] = [];
  const paths = document.paths as Record<string, Record<string, any>>;

  for (const [path, item] of Object.entries(paths)) {
    const shared = ((item.parameters ?? []) as unknown[]).map((p) => resolve(document, p));
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;

      const own = ((operation.parameters ?? []) as unknown[]).map((p) => resolve(document, p));
      const roles = ((operation['x-boh-roles'] ?? []) as string[]).filter(isRole);
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        summary: operation.summary ?? operation.operationId,
        roles,
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        parameters: mergeParameters(shared, own),
        requestBody: operation.requestBody ? readBody(document, operation.requestBody) : undefined,
        responses: readResponses(document, operation.responses ?? {}),
      });
    }
  }
  return operations;
}

function mergeParameters(shared: any[], own: any[]): ParameterSpec[] {
  const byKey = new Map<string, ParameterSpec>();
  for (const p of [...shared, ...own]) {
    byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, schema: p.schema ?? {} });
  }
  return [...byKey.values()];
}

function readBody(document: Contract['document'], body: unknown): OperationSpec['requestBody'] {
  const resolved = resolve(document, body);
  return { required: resolved.required === true, content: mediaSchemas(resolved.content) };
}

function readResponses(document: Contract['document'], responses: Record<string, unknown>): Record<string, ResponseSpec> {
  const result: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries(responses)) {
    const response = resolve(document, raw);
    const headers = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
    result[status] = { content: mediaSchemas(response.content), headers };
  }
  return result;
}

function mediaSchemas(content: Record<string, { schema?: JsonSchema }> | undefined): Record<string, JsonSchema | undefined> {
  const result: Record<string, JsonSchema | undefined> = {};
  for (const [mediaType, media] of Object.entries(content ?? {})) result[mediaType] = media.schema;
  return result;
}

/** Follow a local `$ref` (`#/components/...`) to the object it names. */
function resolve(document: JsonSchema, value: unknown): any {
  let current = value as any;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`Reference cycle at ${current.$ref}`);
    current = pointer(document, current.$ref);
  }
  return current;
}

function pointer(document: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported in the bundled contract: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, part) => {
      if (node === undefined || !(part in node)) throw new Error(`Unresolved reference ${ref}`);
      return node[part];
    }, document);
}

/** Point a schema's local `$ref`s at the registered contract, for use outside the document. */
export function anchorRefs(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${CONTRACT_ID}#/`)) as JsonSchema;
}
