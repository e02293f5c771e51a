import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

// The examples in docs/examples are run as they are written, against a real server, so the
// documentation cannot drift from the SDK.
const EXAMPLES = new URL('../../../docs/examples/', import.meta.url);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function runExample(name: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(name, EXAMPLES))], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('docs/examples/sdk-quickstart.mjs', () => {
  it('runs against a server and prints the store, the list and the history', async () => {
    const env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
    const result = await runExample('sdk-quickstart.mjs', env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0001 静安寺店: version 2, 40 seats');
    expect(result.stdout).toContain('0001\t静安寺店');
    expect(result.stdout).toMatch(/Z test-admin update\n.*Z test-admin create/);
  });
});

describe('docs/examples/sdk-month-end.mjs', () => {
  it('finds the missing payment, then closes', async () => {
    const env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
    const result = await runExample('sdk-month-end.mjs', env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // 20 orders of 1 to 3 lattes (3200 fen) and a bagel (1800 fen) on odd days.
    let sales = 0;
    for (let day = 1; day <= 20; day++) sales += (1 + (day % 3)) * 3200 + (day % 2) * 1800;
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      'orders imported: 20',
      'statement lines: 19',
      'matched: 19, missing_in_statement: 1',
      'checklist ready: false (reconciliations)',
      'period 2026-11: closed',
      `Store performance: 20 orders, sales ${sales} fen`,
    ]);
    const period = await send(server.url, 'GET', '/ledger/periods/2026-11', { token: env.BOH_TOKEN });
    expect(period.body).toMatchObject({ period: '2026-11', status: 'closed' });
  });
});
