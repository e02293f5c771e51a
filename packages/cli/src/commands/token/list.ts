import type { Context } from '../../runtime/context.js';
import { formatValue, toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';

/** List the API tokens (admin only); secrets are never shown, only their prefixes. */
export async function list(context: Context): Promise<void> {
  const tokens = await context.client().tokens.list({ limit: 500 }).toArray({ max: 100_000 });
  if (context.json) {
    context.io.stdout.write(toJson(tokens));
    return;
  }
  const columns = [
    { header: context.t('token.column.id'), value: (r: (typeof tokens)[number]) => r.id },
    { header: context.t('token.column.name'), value: (r: (typeof tokens)[number]) => r.name },
    { header: context.t('token.column.role'), value: (r: (typeof tokens)[number]) => r.role },
    { header: context.t('token.column.stores'), value: (r: (typeof tokens)[number]) => r.store_codes.join(',') },
    { header: context.t('token.column.prefix'), value: (r: (typeof tokens)[number]) => r.prefix },
    { header: context.t('token.column.created'), value: (r: (typeof tokens)[number]) => r.created_at },
    { header: context.t('token.column.revoked'), value: (r: (typeof tokens)[number]) => formatValue(r.revoked_at, context.language) },
  ];
  context.io.stdout.write(renderTable(tokens, columns, Boolean(context.io.stdout.isTTY)));
}
