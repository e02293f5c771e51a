import { readFileSync } from 'node:fs';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../runtime/errors.js';
import { resourceClient, type ResourceDescriptor } from '../../resources/catalog.js';
import { schemaFields } from '../../resources/contract-schema.js';
import { loadTemplate } from '../../resources/templates.js';
import { collectFields } from './field-options.js';
import { printRecord, resourceName } from './show.js';

/**
 * Change the given fields. The update is sent with If-Match: the version given by --if-version,
 * or else the version just read, so a change made by someone else in between is never
 * overwritten silently.
 */
export async function update(context: Context, resource: ResourceDescriptor, code: string, options: Record<string, unknown>): Promise<void> {
  const template = loadTemplate(resource.name);
  const writable = schemaFields(resource.updateSchema);
  const readOnly = new Set(schemaFields(resource.recordSchema).map((f) => f.name).filter((name) => !writable.some((f) => f.name === name)));
  const changes = collectFields(options, writable, () => readFileSync(0, 'utf8'), readOnly);
  if (Object.keys(changes).length === 0) throw new UsageError('error.nothing_to_update');

  const client = resourceClient(context.client(), resource);
  const ifVersion = options.ifVersion !== undefined ? String(options.ifVersion) : (await client.get(code)).version as number;
  const before = Number(ifVersion);
  const record = await client.update(code, changes, { ifVersion });

  const name = resourceName(template, context);
  const key = record.version === before ? 'resource.unchanged' : 'resource.updated';
  context.info(context.t(key, { resource: name, code, version: record.version }));
  if (!context.quiet || context.json) printRecord(context, resource, record);
}
