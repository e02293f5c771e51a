import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { amountOption, quantityOption, specParts } from '../finance-options.js';

type DocumentInput = components['schemas']['StockDocumentInput'];

export interface DocumentOptions {
  store: string;
  to?: string;
  line: string[];
  tax?: string[];
  at?: string;
  reference?: string;
  account?: string;
  note?: string;
}

/**
 * Post a stock document from `--line ITEM:QUANTITY[:UNIT][:VALUE]` options. A receipt or opening
 * line ends with its value in yuan; the unit may be left out (`BEANS:500:60.00`).
 */
export async function document(context: Context, kind: DocumentInput['kind'], options: DocumentOptions): Promise<void> {
  const valued = kind === 'receipt' || kind === 'opening';
  const taxes = new Map((options.tax ?? []).map((spec) => {
    const [item, amount] = specParts('--tax', spec, 2, 2, 'ITEM:AMOUNT');
    return [item!, amountOption('--tax', amount!)];
  }));
  const lines = options.line.map((spec) => {
    const format = valued ? 'ITEM:QUANTITY[:UNIT]:VALUE' : 'ITEM:QUANTITY[:UNIT]';
    const parts = specParts('--line', spec, valued ? 3 : 2, valued ? 4 : 3, format);
    const [item, quantity] = parts as [string, string];
    // A valued line ends with its value, so its unit is the third of four parts.
    let unit = parts[2];
    if (valued) unit = parts.length === 4 ? parts[2] : undefined;
    return {
      item_code: item,
      quantity: quantityOption('--line', quantity),
      ...(unit ? { unit } : {}),
      ...(valued ? { value_fen: amountOption('--line', parts.at(-1)!) } : {}),
      ...(taxes.has(item) ? { tax_fen: taxes.get(item)! } : {}),
    };
  });

  const result = await context.client().stock.postDocument({
    kind,
    store_code: options.store,
    ...(options.to ? { to_store_code: options.to } : {}),
    occurred_at: options.at ?? new Date().toISOString(),
    ...(options.reference ? { reference: options.reference } : {}),
    ...(options.account ? { counter_account_code: options.account } : {}),
    ...(options.note ? { note: options.note } : {}),
    lines,
  });
  if (context.json) {
    context.io.stdout.write(toJson(result));
    return;
  }
  context.info(context.t('stock.document.done', { count: result.movements.length, entry: result.journal_entry_id ?? '-' }));
}
