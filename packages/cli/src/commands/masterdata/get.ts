import type { Context } from '../../runtime/context.js';
import { resourceClient, type ResourceDescriptor } from '../../resources/catalog.js';
import { loadTemplate } from '../../resources/templates.js';
import { printRecord } from './show.js';

/** Show one record by its code. */
export async function get(context: Context, resource: ResourceDescriptor, code: string): Promise<void> {
  const record = await resourceClient(context.client(), resource).get(code);
  printRecord(context, resource, record);
}
