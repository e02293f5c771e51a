import type { Context } from '../../runtime/context.js';
import { configPath, readConfig } from '../../config/profiles.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';

/** List saved profiles; tokens are shown by prefix only. */
export async function list(context: Context): Promise<void> {
  const profiles = Object.entries(readConfig(configPath(context.io.env)).profiles).map(([name, p]) => ({
    name,
    base_url: p.base_url ?? '',
    token: p.token ? `${p.token.slice(0, 10)}…` : '',
    lang: p.lang ?? '',
  }));
  if (context.json) {
    context.io.stdout.write(toJson(profiles));
    return;
  }
  if (profiles.length === 0) {
    context.info(context.t('profile.none'));
    return;
  }
  const columns = (['name', 'base_url', 'token', 'lang'] as const).map((field) => ({ header: field, value: (row: (typeof profiles)[number]) => row[field] }));
  context.io.stdout.write(renderTable(profiles, columns, Boolean(context.io.stdout.isTTY)));
}
