import type { Context } from '../../runtime/context.js';
import { confirmChange } from '../../runtime/prompt.js';
import { resourceClient, type ResourceDescriptor } from '../../resources/catalog.js';
import { loadTemplate } from '../../resources/templates.js';
import { printRecord, resourceName } from './show.js';

/** Deactivate a record after confirmation (or --yes). */
export async function deactivate(context: Context, resource: ResourceDescriptor, code: string): Promise<void> {
  const template = loadTemplate(resource.name);
  const client = resourceClient(context.client(), resource);
  const current = await client.get(code);
  const name = resourceName(template, context);

  await confirmChange(context, context.t('resource.confirm_deactivate', { resource: name, code, name: current.name }));
  const record = await client.deactivate(code, { ifVersion: current.version as number });
  context.info(context.t('resource.deactivated', { resource: name, code }));
  if (!context.quiet || context.json) printRecord(context, resource, record);
}
