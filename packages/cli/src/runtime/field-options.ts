// The API names an invalid value by its field path (`body.reported_at`, `query.from`), but a
// person typed it as a command-line option. These helpers remember the options of the command
// that failed, so its messages can name `--reported-at` instead of the field path.

const commandOptions = new WeakMap<object, readonly string[]>();

/** Record the long flags of the command that raised `error`. */
export function rememberCommandOptions(error: unknown, flags: readonly string[]): void {
  if (typeof error === 'object' && error !== null) commandOptions.set(error, flags);
}

/** Return the long flags recorded for `error`, or none. */
export function commandOptionsOf(error: unknown): readonly string[] {
  return typeof error === 'object' && error !== null ? (commandOptions.get(error) ?? []) : [];
}

/**
 * Return the option that sets a top-level API field, or undefined when the command has none:
 * `body.reported_at` is `--reported-at`, and a code or id field may drop its suffix
 * (`body.asset_code` is `--asset`, `body.channel_statement_ids` is `--channel-statement`), and
 * a period bound its `period_` prefix (`query.period_to` is `--to`).
 */
export function optionForField(field: string, flags: readonly string[]): string | undefined {
  const match = /^(?:body|query)\.([a-z][a-z0-9_]*)$/.exec(field);
  if (match === null) return undefined;
  const name = match[1]!;
  for (const stem of [name, name.replace(/_(code|codes|id|ids)$/, ''), name.replace(/^period_/, '')]) {
    const flag = `--${stem.replace(/_/g, '-')}`;
    if (flags.includes(flag)) return flag;
  }
  return undefined;
}
