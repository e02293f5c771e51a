import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { confirmChange } from '../../runtime/prompt.js';

/** Revoke a token after confirmation (or --yes). */
export async function revoke(context: Context, id: string): Promise<void> {
  await confirmChange(context, context.t('token.revoke.confirm', { id }));
  const token = await context.client().tokens.revoke(id);
  if (context.json) context.io.stdout.write(toJson(token));
  else context.info(context.t('token.revoke.done', { id }));
}
