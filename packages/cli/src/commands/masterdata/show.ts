import type { Context } from '../../runtime/context.js';
import { displayZone, formatField, toJson } from '../../output/format.js';
import { renderRecord } from '../../output/table.js';
import type { ResourceDescriptor } from '../../resources/catalog.js';
import { schemaFields } from '../../resources/contract-schema.js';
import { fieldLabel, loadTemplate, type ResourceTemplate } from '../../resources/templates.js';

/**
 * Print one record: JSON with --json; labelled lines with labels for enumerated values at a
 * terminal; `field<TAB>value` lines with raw values when piped.
 */
export function printRecord(context: Context, resource: ResourceDescriptor, record: Record<string, unknown>): void {
  if (context.json) {
    context.io.stdout.write(toJson(record));
    return;
  }
  const template = loadTemplate(resource.name);
  const zone = displayZone(context.io.stdout);
  const fields = new Map(schemaFields(resource.recordSchema).map((f) => [f.name, f]));
  const entries = Object.entries(record);
  if (!zone) {
    const lines = entries.map(([field, value]) => `${field}\t${formatField(value, fields.get(field), context.language).replace(/[\t\r\n]+/g, ' ')}`);
    context.io.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const pairs: [string, string][] = entries.map(([field, value]) => [
    fieldLabel(template, field, context.language),
    formatField(value, fields.get(field), context.language, zone),
  ]);
  context.io.stdout.write(renderRecord(pairs));
}

/** The singular name of the record kind in messages: store, 门店. */
export function resourceName(template: ResourceTemplate, context: Context): string {
  return template.name[context.language];
}
