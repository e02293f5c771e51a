import { readFileSync } from 'node:fs';
import type { Context } from '../../runtime/context.js';
import { askFor } from '../../runtime/prompt.js';
import { resourceClient, type ResourceDescriptor } from '../../resources/catalog.js';
import { schemaFields } from '../../resources/contract-schema.js';
import { fieldLabel, loadTemplate } from '../../resources/templates.js';
import { collectFields, optionFlag } from './field-options.js';
import { printRecord, resourceName } from './show.js';

/**
 * Create a record from the field options. Required fields that are missing are asked for at a
 * terminal; elsewhere their absence is a usage error naming the option.
 */
export async function create(context: Context, resource: ResourceDescriptor, options: Record<string, unknown>): Promise<void> {
  const template = loadTemplate(resource.name);
  const fields = schemaFields(resource.createSchema);
  const body = collectFields(options, fields, () => readFileSync(0, 'utf8'));

  // The code comes first, as people think of a record by its code.
  const required = fields.filter((f) => f.required).sort((a, b) => Number(b.name === 'code') - Number(a.name === 'code'));
  for (const field of required) {
    if (body[field.name] === undefined) {
      body[field.name] = await askFor(context, optionFlag(field.name), fieldLabel(template, field.name, context.language), field);
    }
  }

  const record = await resourceClient(context.client(), resource).create(body);
  context.info(context.t('resource.created', { resource: resourceName(template, context), code: record.code }));
  if (!context.quiet || context.json) printRecord(context, resource, record);
}
