import { readdirSync } from 'node:fs';
import { UsageError } from '../runtime/errors.js';
import { templatesDir } from '../resources/templates.js';

/** List every resource with an import template, by name: `store`, `menu_item`, `sales_order` … */
export function importResources(): string[] {
  return readdirSync(new URL('resources/', templatesDir()))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** Return the template name of a resource given as `menu_item` or `menu-item`; raise a usage error for others. */
export function importableResource(name: string): string {
  const normalised = name.replace(/-/g, '_');
  const known = importResources();
  if (!known.includes(normalised)) throw new UsageError('import.error.unknown_resource', { value: name, values: known.join(', ') });
  return normalised;
}

/** Resources that `boh export` cannot write, because the API has no endpoint that lists their records. */
const IMPORT_ONLY_RESOURCES = new Set(['labour_hours', 'footfall']);

/** List every resource that `boh export` writes. */
export function exportResources(): string[] {
  return importResources().filter((name) => !IMPORT_ONLY_RESOURCES.has(name));
}

/** Return the template name of a resource to export; raise a usage error naming the exportable ones for others. */
export function exportableResource(name: string): string {
  const normalised = name.replace(/-/g, '_');
  const known = exportResources();
  if (!known.includes(normalised)) throw new UsageError('export.error.unknown_resource', { value: name, values: known.join(', ') });
  return normalised;
}
