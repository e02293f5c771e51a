import type { Context } from '../runtime/context.js';
import { formatInstant, toJson, viewerTimeZone } from '../output/format.js';
import { renderRecord } from '../output/table.js';
import { roleText } from './token/role-text.js';

/**
 * Show the token the CLI is using. The role is shown by its label with the code that
 * `boh token create --role` takes. Times are in the viewer's zone (BOH_TIMEZONE, else
 * Asia/Shanghai) with their offset. `--json` keeps the codes and UTC instants for scripts.
 */
export async function me(context: Context): Promise<void> {
  const token = await context.client().me();
  if (context.json) {
    context.io.stdout.write(toJson(token));
    return;
  }

  const zone = viewerTimeZone(context.io.env);
  const pairs: [string, string][] = [
    [context.t('token.column.id'), token.id],
    [context.t('token.column.name'), token.name],
    [context.t('token.column.role'), roleText(context, token.role)],
    [context.t('token.column.stores'), token.store_codes.join(', ')],
    [context.t('token.column.created'), formatInstant(token.created_at, zone)],
    [context.t('token.column.revoked'), token.revoked_at ? formatInstant(token.revoked_at, zone) : ''],
  ];
  context.io.stdout.write(renderRecord(pairs));
}
