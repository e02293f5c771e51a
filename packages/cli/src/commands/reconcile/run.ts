import { writeFile } from 'node:fs/promises';
import { makeDirectory } from '../../files/make-directory.js';
import { join } from 'node:path';
import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import type { Channel } from '../../statements/index.js';
import { loadStatements } from '../statement/load.js';
import { STATES, writeWorkbook } from './workbook.js';

type Reconciliation = components['schemas']['Reconciliation'];

export interface ReconcileOptions {
  channel: string;
  files: readonly string[];
  period: string;
  store?: string;
  out: string;
  /** Run settings that override the channel's stored settings. */
  overrides?: Pick<components['schemas']['ReconciliationRun'], 'tolerance_fen' | 'window_seconds' | 'write_off_account' | 'settlement_lag_days'>;
  /** For a bank run: the channel statement files whose settlements the credits pay. */
  channelFiles?: readonly string[];
  /** The user's statement profiles (files or folders), tried before the built-in layouts. */
  mappings?: readonly string[];
}

/**
 * Parse and load the statement files (files loaded before are reused), run the reconciliation
 * on the server, and write `reconciliation-<channel>-<period>.xlsx` and `.json` into `out`. The
 * JSON contains the reconciliation, its bridge and every item that is not matched. A bank run
 * matches the bank statements against the channel statement files given, or else against the
 * statements of the period's channel reconciliations.
 */
export async function runReconcile(context: Context, options: ReconcileOptions): Promise<{ reconciliation: Reconciliation; files: string[] }> {
  const client = context.client();
  // The folder is made first, so a path that cannot be one fails before anything is stored.
  await makeDirectory(options.out);
  const statements = await loadStatements(context, options.files, options.period, options.channel as Channel, options.mappings);
  const statementIds = [...new Set(statements.map((statement) => statement.id))];
  const channelStatements = options.channelFiles ? await loadStatements(context, options.channelFiles, options.period, 'auto', options.mappings) : [];
  const reconciliation = await client.reconciliations.run({
    ...options.overrides,
    ...(channelStatements.length > 0 ? { channel_statement_ids: [...new Set(channelStatements.map((statement) => statement.id))] } : {}),
    channel: options.channel as Reconciliation['channel'],
    period: options.period,
    statement_ids: statementIds,
    ...(options.store ? { store_code: options.store } : {}),
  });

  const base = join(options.out, `reconciliation-${options.channel}-${options.period}${options.store ? `-${options.store}` : ''}`);
  await writeWorkbook(context, client, reconciliation, `${base}.xlsx`);

  const differences: components['schemas']['ReconciliationItem'][] = [];
  for (const state of STATES.filter((s) => s !== 'matched')) {
    for await (const item of client.reconciliations.items(reconciliation.id, { state })) differences.push(item);
  }
  const bridge = await client.reconciliations.bridge(reconciliation.id);
  await writeFile(`${base}.json`, toJson({ reconciliation, bridge, items: differences }));
  return { reconciliation, files: [`${base}.xlsx`, `${base}.json`] };
}
