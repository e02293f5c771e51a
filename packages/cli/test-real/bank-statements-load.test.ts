import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';

// The 13 public bank statement samples under shared/data/real: each loads through `boh statement load` with the lines
// `boh statement parse` reads, and a bank run without channel settlements is rejected.
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

    // A period none of the lines falls in is rejected with the dates the file covers.
    // The statement then loads under the month of its first line.
    const wrong = await runBoh(['statement', 'load', file, '--channel', 'bank', '--period', '1999-01', '--json', '--lang', 'en'], { env });
    expect(wrong.code).toBe(2);
    const firstDate = /its lines run from (\d{4}-\d{2})-\d{2}/.exec(wrong.stdout + wrong.stderr)?.[1];
    expect(firstDate, wrong.stdout + wrong.stderr).toBeDefined();

    const loaded = await runBoh(['statement', 'load', file, '--channel', 'bank', '--period', firstDate!, '--json'], { env });
    expect(loaded.code, loaded.stderr).toBe(0);
    const [statement] = JSON.parse(loaded.stdout) as { id: string; lines: number }[];
    expect(statement!.lines).toBe(summary!.counts.ok);
  }, 60_000);

  it('rejects a bank run without channel settlements to compare with', async () => {
    const file = join(SAMPLES, 'deb-sig-double-entry-generator/boc/debit/example-boc-records.csv');
    const result = await runBoh(['reconcile', 'bank', '--statement', file, '--period', '2025-08', '--out', out, '--lang', 'en'], { env, timeoutMs: 60_000 });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/boh reconcile wechat|--channel-statement/);
    const runs = await boh.reconciliations.list({ period: '2025-08' }).toArray({ max: 100 });
    expect(runs.filter((run) => run.channel === 'bank')).toEqual([]);
  }, 60_000);
});
