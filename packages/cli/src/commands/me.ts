import type { Context } from '../runtime/context.js';
import { formatValue, toJson } from '../output/format.js';
import { renderRecord } from '../output/table.js';

/** Show the token the CLI is using. */
export async function me(context: Context): Promise<void> {
  const token = await context.client().me();
  if (context.json) {
    context.io.stdout.write(toJson(token));
    return;
  }
  const pairs: [string, string][] = [
    [context.t('token.column.id'), token.id],
    [context.t('token.column.name'), token.name],
    [context.t('token.column.role'), token.role],
    [context.t('token.column.stores'), token.store_codes.join(', ')],
    [context.t('token.column.created'), token.created_at],
    [context.t('token.column.revoked'), formatValue(token.revoked_at, context.language)],
  ];
  context.io.stdout.write(renderRecord(pairs));
}
