import { yuan, type PlantedDifference } from '../../demo/statements.js';
import type { Context } from '../../runtime/context.js';
import type { MonthEndResult } from '../month-end/month-end.js';

/** A planted difference and the state reconciliation gave it, or a finding nothing planted. */
export interface FindingCheck {
  kind: PlantedDifference['kind'] | 'unexpected';
  channel: string;
  storeCode: string;
  orderNumber: string;
  /** Yuan text of the payment. */
  amount: string;
  /** The state reconciliation gave the payment or line; `matched` when it found nothing. */
  state: string;
  /** True when the state is the one the planted kind calls for. */
  found: boolean;
  unexpected: boolean;
}

/** The reconciliation state each planted difference must end in. */
const EXPECTED_STATE: Record<PlantedDifference['kind'], string> = {
  missing_in_statement: 'missing_in_statement',
  fee_difference: 'amount_mismatch',
  duplicate: 'duplicate',
  cut_off: 'timing_difference',
};

const SETTLED = new Set(['matched']);

/**
 * Compare what the month-end reconciliations flagged with the differences planted in the demo
 * bills. An item is tied to a planted difference by the channel transaction id it carries.
 */
export async function compareFindings(context: Context, result: MonthEndResult, planted: PlantedDifference[]): Promise<FindingCheck[]> {
  const flagged: { channel: string; state: string; text: string; item: Record<string, unknown> }[] = [];
  for (const step of result.run.completed) {
    if (!step.id.startsWith('reconcile:')) continue;
    const { channel, reconciliation_id: id } = step.summary as { channel: string; reconciliation_id: string };
    for await (const item of context.client().reconciliations.items(id)) {
      const record = item as unknown as Record<string, unknown>;
      const state = String(record.state);
      if (SETTLED.has(state)) continue;
      flagged.push({ channel, state, text: JSON.stringify(record), item: record });
    }
  }

  const checks: FindingCheck[] = planted.map((difference) => {
    const hits = flagged.filter((entry) => entry.channel === difference.channel && entry.text.includes(difference.transactionId));
    const want = EXPECTED_STATE[difference.kind];
    const hit = hits.find((entry) => entry.state === want) ?? hits[0];
    return {
      kind: difference.kind,
      channel: difference.channel,
      storeCode: difference.storeCode,
      orderNumber: difference.orderNumber,
      amount: yuan(difference.amountFen),
      state: hit?.state ?? 'matched',
      found: hit?.state === want,
      unexpected: false,
    };
  });

  const plantedIds = planted.map((difference) => difference.transactionId);
  for (const entry of flagged) {
    if (plantedIds.some((id) => entry.text.includes(id))) continue;
    checks.push({ kind: 'unexpected', channel: entry.channel, storeCode: String(entry.item.store_code ?? ''), orderNumber: String(entry.item.order_number ?? entry.item.id ?? ''), amount: yuan(Number(entry.item.amount_fen ?? 0)), state: entry.state, found: false, unexpected: true });
  }
  return checks;
}
