import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;
const scratch = mkdtempSync(join(tmpdir(), 'boh-folder-'));
const folder = join(scratch, 'adir');
mkdirSync(folder);

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

// Every command that reads a file, given a folder in its place.
const COMMANDS: string[][] = [
  ['import', 'sales_order', folder, '--dry-run'],
  ['import', 'store', 'x.csv', '--mapping', folder, '--dry-run'],
  ['statement', 'parse', folder],
  ['reconcile', 'wechat', '--statement', folder, '--period', '2026-12'],
  ['ticket', 'import', folder],
  ['order', 'post', folder],
  ['ledger', 'entry', 'post', '--file', folder],
  ['stock', 'count', 'enter', '12', '--file', folder],
  ['month-end', '--period', '2026-11', '--orders', folder],
  ['region', 'create', '--from-json', folder],
];

describe('a folder where a file is expected', () => {
  it.each(COMMANDS)('is named as a folder by boh %s %s', async (...args) => {
    const english = await runBoh(['-y', ...args], { env });
    expect(english.code, english.stderr).toBe(2);
    expect(english.stderr).toMatch(/is a folder, not a file/);
    expect(english.stderr).not.toMatch(/not found|not exist/);

    const chinese = await runBoh(['-y', '--lang', 'zh-CN', ...args], { env });
    expect(chinese.code, chinese.stderr).toBe(2);
    expect(chinese.stderr).toMatch(/是文件夹，不是文件/);
  });
});
