import type { Context } from '../../runtime/context.js';
import { formatInstant, toJson, viewerTimeZone } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { roleText } from './role-text.js';

/**
 * List the API tokens (admin only); secrets are never shown, only their prefixes. As in `boh me`,
 * roles are shown by label with their code and times in the viewer's zone (BOH_TIMEZONE, else
 * Asia/Shanghai) with their offset. `--json` keeps the codes and UTC instants for scripts.
 */
export async function list(context: Context): Promise<void> {
  const tokens = await context.client().tokens.list({ limit: 500 }).toArray({ max: 100_000 });
  if (context.json) {
    context.io.stdout.write(toJson(tokens));
    return;
  }

  const zone = viewerTimeZone(context.io.env);
  type Token = (typeof tokens)[number];
  const columns = [
    { header: context.t('token.column.id'), value: (r: Token) => r.id },
    { header: context.t('token.column.name'), value: (r: Token) => r.name },
    { header: context.t('token.column.role'), value: (r: Token) => roleText(context, r.role) },
    { header: context.t('token.column.stores'), value: (r: Token) => r.store_codes.join(',') },
    { header: context.t('token.column.prefix'), value: (r: Token) => r.prefix },
    { header: context.t('token.column.created'), value: (r: Token) => formatInstant(r.created_at, zone) },
    { header: context.t('token.column.revoked'), value: (r: Token) => (r.revoked_at ? formatInstant(r.revoked_at, zone) : '') },
  ];
  context.io.stdout.write(renderTable(tokens, columns, Boolean(context.io.stdout.isTTY)));
}
