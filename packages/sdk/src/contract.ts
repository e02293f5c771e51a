import { readFileSync } from 'node:fs';

/**
 * The API contract as one JSON document (bundled from openapi/ at build time), for tools that
 * read schemas at run time, such as the CLI's option lists and import templates.
 */
export function loadContractDocument(): Record<string, any> {
  return JSON.parse(readFileSync(new URL('../contract/openapi.json', import.meta.url), 'utf8')) as Record<string, any>;
}
