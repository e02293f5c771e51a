import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { confirmChange } from '../../runtime/prompt.js';

/** Show the negative-stock policy, or change it after confirmation. */
export async function policy(context: Context, options: { negative?: 'allow' | 'reject' }): Promise<void> {
  const client = context.client();
  let settings = await client.stock.settings();
  if (options.negative && options.negative !== settings.negative_stock) {
    await confirmChange(context, context.t('stock.policy.show', { policy: options.negative, version: settings.version + 1 }));
    settings = await client.stock.updateSettings({ negative_stock: options.negative }, { ifVersion: settings.version });
  }
  if (context.json) {
    context.io.stdout.write(toJson(settings));
    return;
  }
  context.io.stdout.write(`${context.t('stock.policy.show', { policy: settings.negative_stock, version: settings.version })}\n`);
}
