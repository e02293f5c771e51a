import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { confirm, input, select } from '@inquirer/prompts';
import { describeCell } from '../files/text.js';
import type { Context } from '../runtime/context.js';
import { cancellable, selectTheme } from '../runtime/prompt.js';
import type { ResourceLayout } from './field-spec.js';
import { allSpecs, type HeaderBinding } from './header.js';
import { profileSchema, type MappingProfile } from './mapping-profile.js';
import type { ImportSource } from './source.js';

/**
 * Ask, at a terminal, which field each unrecognised column fills, and offer to save the choices
 * as a mapping profile for next time. Returns the profile, or undefined when nothing was chosen.
 * Callers check that a person is at the terminal (`context.interactive`), so CI never waits here.
 */
export async function askForMapping(context: Context, layout: ResourceLayout, source: ImportSource, binding: HeaderBinding, file: string): Promise<MappingProfile | undefined> {
  const stderr = { output: context.io.stderr };
  const fields: Record<string, string> = {};
  for (const column of binding.columns) fields[column.spec.child ? `${column.spec.child.list}.${column.spec.field}` : column.spec.field] = column.header;

  context.info(context.t('import.interactive.intro', { file: basename(file) }));
  const sample = await firstRow(source);
  for (const unknown of binding.unknown) {
    const free = allSpecs(layout).filter((spec) => !spec.readOnly && !(nameOf(spec) in fields));
    const choices = [
      { name: context.t('import.interactive.skip'), value: '' },
      ...free.map((spec) => ({ name: `${spec.label[context.language]} (${nameOf(spec)})`, value: nameOf(spec) })),
    ];
    const value = sample ? describeCell(sample[unknown.column - 1] ?? null) : '';
    const message = context.t('import.interactive.column', { header: unknown.header, sample: value });
    const chosen = await cancellable(() => select({ message, choices, theme: selectTheme(context) }, stderr));
    if (chosen) fields[chosen] = unknown.header;
  }

  const profile = profileSchema.parse({ resource: layout.resource, fields });
  const save = await cancellable(() => confirm({ message: context.t('import.interactive.save'), default: true }, stderr));
  if (save) {
    const suggested = join(dirname(file), `${basename(file, extname(file))}.mapping.json`);
    const path = await cancellable(() => input({ message: context.t('import.interactive.path'), default: suggested }, stderr));
    writeFileSync(path, `${JSON.stringify(profile, null, 2)}\n`);
    context.info(context.t('import.interactive.saved', { file: path }));
  }
  return { ...profile, folder: dirname(file) };
}

function nameOf(spec: { field: string; child?: { list: string } }): string {
  return spec.child ? `${spec.child.list}.${spec.field}` : spec.field;
}

async function firstRow(source: ImportSource): Promise<ImportSource['header']> {
  return (await source.peek())?.cells;
}

