import type { Context } from '../../runtime/context.js';
import { writeLine } from '../../runtime/io.js';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { renderRecord } from '../../output/table.js';
import { fieldLabel, type ResourceTemplate } from '../../resources/templates.js';

/** Print one record: JSON with --json, otherwise labelled lines in the context's language. */
export function printRecord(context: Context, template: ResourceTemplate, record: Record<string, unknown>): void {
  if (context.json) {
    context.io.stdout.write(toJson(record));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const pairs: [string, string][] = Object.entries(record).map(([field, value]) => [
    fieldLabel(template, field, context.language),
    formatValue(value, context.language, zone),
  ]);
  context.io.stdout.write(renderRecord(pairs));
}

export function resourceName(template: ResourceTemplate, context: Context): string {
  return template.title[context.language];
}

export { writeLine };
