import type { ValidateFunction } from 'ajv/dist/2020.js';
import { anchorRefs, loadContract, type JsonSchema } from '../http/contract.js';
import { createValidator, toFieldIssues } from '../http/validation.js';
import type { RowIssue } from './target.js';

// Row validation against the contract's own schemas, compiled once per schema, so a row is
// accepted by an import exactly when the same fields would be accepted by the API.

let validator: ReturnType<typeof createValidator> | undefined;
const compiled = new Map<string, ValidateFunction>();

function compiledSchema(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validator ??= createValidator(loadContract(), false);
    validate = validator.compile(anchorRefs({ $ref: `#/components/schemas/${name}` }));
    compiled.set(name, validate);
  }
  return validate;
}

/**
 * Validate fields against a schema and return their issues with field paths relative to the
 * row (`name`, `components[2].quantity`). `ignore` drops issue codes the caller checks later,
 * such as `required`, which depends on whether the row creates or updates a record.
 */
export function validateFields(schemaName: string, fields: Record<string, unknown>, ignore: ReadonlySet<string>): RowIssue[] {
  const validate = compiledSchema(schemaName);
  if (validate(fields)) return [];
  return toFieldIssues(validate.errors ?? [], 'body')
    .filter((issue) => !ignore.has(issue.code))
    .map((issue) => ({ field: issue.field.replace(/^body\.?/, '') || null, code: issue.code, params: issue.params, value: issue.value }));
}

/** The property names and required names of a contract schema, following allOf. */
export function schemaProperties(schemaName: string): { properties: Set<string>; required: Set<string> } {
  const document = loadContract().document;
  const properties = new Set<string>();
  const required = new Set<string>();
  const visit = (node: JsonSchema | undefined): void => {
    let current = node as Record<string, any> | undefined;
    while (current && typeof current.$ref === 'string') current = lookUp(document, current.$ref as string);
    if (!current) return;
    for (const name of (current.required ?? []) as string[]) required.add(name);
    for (const name of Object.keys(current.properties ?? {})) properties.add(name);
    for (const part of (current.allOf ?? []) as JsonSchema[]) visit(part);
  };
  visit(document.components.schemas[schemaName]);
  return { properties, required };
}

function lookUp(document: JsonSchema, ref: string): Record<string, any> | undefined {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, part) => node?.[part], document);
}

/** The roles of an operation of the contract, by operationId. */
export function operationRoles(operationId: string) {
  return loadContract().operations.find((operation) => operation.operationId === operationId)?.roles ?? [];
}
