import { loadContractDocument } from '@boh/sdk/contract';

/** One property of a contract schema, flattened out of allOf and nullable type lists. */
export interface FieldSchema {
  name: string;
  /** The JSON type without null: string, integer, number, boolean, array or object. */
  type: string;
  nullable: boolean;
  required: boolean;
  enum?: string[];
  format?: string;
  pattern?: string;
  description?: string;
}

let document: Record<string, any> | undefined;

function contract(): Record<string, any> {
  document ??= loadContractDocument();
  return document;
}

function resolve(node: any): any {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const path = (current.$ref as string).replace(/^#\//, '').split('/');
    current = path.reduce((value: any, part) => value?.[part], contract());
  }
  return current;
}

/** The properties of a named schema of the contract, in declaration order. */
export function schemaFields(schemaName: string): FieldSchema[] {
  const root = resolve(contract().components.schemas[schemaName]);
  if (!root) throw new Error(`The contract has no schema named ${schemaName}.`);

  const properties = new Map<string, any>();
  const required = new Set<string>();
  const visit = (node: any) => {
    const schema = resolve(node);
    for (const name of schema.required ?? []) required.add(name);
    for (const [name, property] of Object.entries(schema.properties ?? {})) properties.set(name, resolve(property));
    for (const part of schema.allOf ?? []) visit(part);
  };
  visit(root);

  return [...properties.entries()].map(([name, property]) => {
    const types: string[] = Array.isArray(property.type) ? property.type : property.type ? [property.type] : ['string'];
    return {
      name,
      type: types.find((type) => type !== 'null') ?? 'string',
      nullable: types.includes('null'),
      required: required.has(name),
      enum: property.enum,
      format: property.format,
      pattern: property.pattern,
      description: property.description,
    };
  });
}

/** The allowed values of a query parameter of an operation, when it is an enum. */
export function queryParameterEnum(operationId: string, parameter: string): string[] | undefined {
  for (const item of Object.values(contract().paths as Record<string, any>)) {
    for (const operation of Object.values(item) as any[]) {
      if (operation?.operationId !== operationId) continue;
      const found = (operation.parameters ?? []).map(resolve).find((p: any) => p.name === parameter && p.in === 'query');
      return found ? resolve(found.schema)?.enum : undefined;
    }
  }
  return undefined;
}
