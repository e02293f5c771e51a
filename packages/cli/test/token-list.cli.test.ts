import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  await server.token('finance');
});
afterAll(async () => server.close());

interface Token {
  id: string;
  role: string;
  created_at: string;
}

/** Return the tab-separated cells of the `boh token list` row of the token `id`. */
function row(stdout: string, id: string): string[] {
  const line = stdout.split('\n').find((text) => text.startsWith(`${id}\t`));
  expect(line, stdout).toBeDefined();
  return line!.split('\t');
}

describe('boh token list', () => {
  it('labels roles in Chinese', async () => {
    const tokens: Token[] = JSON.parse((await runBoh(['token', 'list', '--json'], { env })).stdout);
    const finance = tokens.find((token) => token.role === 'finance')!;

    const result = await runBoh(['token', 'list', '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(row(result.stdout, finance.id)[2]).toBe('财务（finance）');
  });

  it('shows creation times with their offset', async () => {
    const tokens: Token[] = JSON.parse((await runBoh(['token', 'list', '--json'], { env })).stdout);
    const token = tokens[0]!;
    const shanghai = new Date(Date.parse(token.created_at) + 8 * 3600_000).toISOString();

    const result = await runBoh(['token', 'list', '--lang', 'zh-CN'], { env });
    expect(row(result.stdout, token.id)[5]).toBe(`${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)} +08:00`);

    const utc = await runBoh(['token', 'list', '--lang', 'en'], { env: { ...env, BOH_TIMEZONE: 'UTC' } });
    const createdAt = token.created_at;
    expect(row(utc.stdout, token.id)[5]).toBe(`${createdAt.slice(0, 10)} ${createdAt.slice(11, 19)} +00:00`);
  });

  it('keeps codes and UTC in JSON', async () => {
    const result = await runBoh(['token', 'list', '--json'], { env });
    const tokens: Token[] = JSON.parse(result.stdout);
    expect(tokens.map((token) => token.role)).toContain('finance');
    expect(tokens.every((token) => token.created_at.endsWith('Z'))).toBe(true);
  });
});
