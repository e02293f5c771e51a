import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('finance') };
});
afterAll(async () => server.close());

/** Return the value of the line of `boh me`'s record that starts with `label`. */
function field(stdout: string, label: string): string | undefined {
  const line = stdout.split('\n').find((text) => text.startsWith(label));
  return line?.slice(label.length).trim();
}

describe('boh me', () => {
  it('labels the role in Chinese', async () => {
    const result = await runBoh(['me', '--lang', 'zh-CN'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, '角色')).toBe('财务（finance）');
  });

  it('labels the role in English', async () => {
    const result = await runBoh(['me', '--lang', 'en'], { env });
    expect(field(result.stdout, 'Role')).toBe('finance');
  });

  it('shows the creation time with its offset', async () => {
    const json = await runBoh(['me', '--json'], { env });
    const createdAt = JSON.parse(json.stdout).created_at as string;
    const shanghai = new Date(Date.parse(createdAt) + 8 * 3600_000).toISOString();
    const expected = `${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)} +08:00`;

    const result = await runBoh(['me', '--lang', 'zh-CN'], { env });
    expect(field(result.stdout, '创建时间')).toBe(expected);

    const utc = await runBoh(['me', '--lang', 'en'], { env: { ...env, BOH_TIMEZONE: 'UTC' } });
    expect(field(utc.stdout, 'Created')).toBe(`${createdAt.slice(0, 10)} ${createdAt.slice(11, 19)} +00:00`);
  });

  it('keeps codes and UTC in JSON', async () => {
    const result = await runBoh(['me', '--json'], { env });
    const token = JSON.parse(result.stdout);
    expect(token.role).toBe('finance');
    expect(token.created_at).toMatch(/Z$/);
  });
});
