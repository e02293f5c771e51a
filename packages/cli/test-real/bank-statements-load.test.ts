import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';

// The 13 public bank statement samples under shared/data/real: each loads through `boh statement load` with the lines
// `boh statement parse` reads, and a bank run sorts its credits by the names they carry.
const SAMPLES = realDataPath('cn-bank-statements');
const out = mkdtempSync(join(tmpdir(), 'boh-bank-settlement-'));

function filesUnder(folder: string): string[] {
  return readdirSync(folder)
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

let server: TestServer;
let boh: BohClient;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  boh = createClient({ baseUrl: server.url, token });
}, 60_000);
afterAll(async () => {
  await boh.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
});

describe('real bank statements', () => {
  const files = filesUnder(SAMPLES);

  it('finds the 13 layouts', () => {
    expect(files).toHaveLength(13);
  });

  it.each(files.map((file) => [file.slice(SAMPLES.length + 1), file]))('loads %s', async (_name, file) => {
    const parsed = await runBoh(['statement', 'parse', file, '--channel', 'bank', '--json'], { env });
    expect(parsed.code, parsed.stderr).toBe(0);
    const [summary] = JSON.parse(parsed.stdout) as { counts: { ok: number } }[];

    const loaded = await runBoh(['statement', 'load', file, '--channel', 'bank', '--period', '2025-01', '--json'], { env });
    expect(loaded.code, loaded.stderr).toBe(0);
    const [statement] = JSON.parse(loaded.stdout) as { id: string; lines: number }[];
    expect(statement!.lines).toBe(summary!.counts.ok);
  }, 60_000);

  it('names the channel of a credit from its counterparty', async () => {
    const file = join(SAMPLES, 'deb-sig-double-entry-generator/boc/debit/example-boc-records.csv');
    const result = await runBoh(['reconcile', 'bank', '--statement', file, '--period', '2025-08', '--out', out, '--json'], { env, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as { id: string };
    const items: components['schemas']['ReconciliationItem'][] = [];
    for await (const item of boh.reconciliations.items(run.id)) items.push(item);
    const alipay = items.filter((item) => item.channel === 'alipay');
    // No channel statement is named, so a credit early in August settles July and a later one
    // has no settlement day.
    expect(alipay.map((item) => `${item.state} ${item.reason} ${item.business_date}`)).toEqual([
      'timing_difference deposit_before_period 2025-08-04',
      'missing_in_pos no_settlement_day 2025-08-22',
    ]);
    expect(items.filter((item) => item.state === 'unrelated').length).toBeGreaterThan(0);
  }, 60_000);
});
