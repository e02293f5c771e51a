import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '@boh/sdk';
import { runBoh } from '../../../test-support/cli.js';
import { createTestDatabase } from '../../../test-support/database.js';
import { startServer } from '@boh/server';

const scratch = mkdtempSync(join(tmpdir(), 'boh-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('help', () => {
  it('is in English by default and in Chinese with --lang zh-CN', async () => {
    const english = await runBoh(['--help']);
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Usage: boh');
    expect(english.stdout).toContain('boh help exit-codes');

    const chinese = await runBoh(['store', 'create', '--help', '--lang', 'zh-CN']);
    expect(chinese.code).toBe(0);
    expect(chinese.stdout).toContain('用法：');
    expect(chinese.stdout).toContain('门店编码');
    expect(chinese.stdout).toContain('$ boh store create');
  });

  it('documents the exit codes in both languages', async () => {
    const english = await runBoh(['help', 'exit-codes']);
    expect(english.stdout).toMatch(/^\s+3\s+the API rejected/m);
    const chinese = await runBoh(['help', 'exit-codes'], { env: { BOH_LANG: 'zh-CN' } });
    expect(chinese.stdout).toContain('身份认证失败');
  });
});

describe('first token and profiles', () => {
  it('mints the first admin token on a new database, which then works against a server on it', async () => {
    const database = await createTestDatabase();
    try {
      const minted = await runBoh(['token', 'create', '--role', 'admin', '--name', 'bootstrap', '--database', database.url, '--json']);
      expect(minted.code).toBe(0);
      const token = JSON.parse(minted.stdout);
      expect(token).toMatchObject({ role: 'admin', name: 'bootstrap', created_by: null });
      expect(token.secret).toMatch(/^boh_[A-Za-z0-9_-]{43}$/);

      const server = await startServer({ databaseUrl: database.url, port: 0, logger: false });
      try {
        const boh = createClient({ baseUrl: server.url, token: token.secret });
        expect((await boh.me()).name).toBe('bootstrap');
        await boh.close();
      } finally {
        await server.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('rejects an unknown role', async () => {
    const result = await runBoh(['token', 'create', '--role', 'boss', '--database', join(scratch, 'x.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown role "boss"');
  });

  it('saves a profile readable only by its owner and uses it', async () => {
    const env = { BOH_CONFIG_DIR: join(scratch, 'config') };
    const saved = await runBoh(['profile', 'save', 'hq', '--base-url', 'http://127.0.0.1:9', '--token', 'boh_secret_value', '--lang', 'zh-CN'], { env });
    expect(saved.code).toBe(0);
    expect(statSync(join(scratch, 'config', 'config.json')).mode & 0o777).toBe(0o600);

    const listed = await runBoh(['profile', 'list', '--json'], { env });
    expect(JSON.parse(listed.stdout)).toEqual([{ name: 'hq', base_url: 'http://127.0.0.1:9', token: 'boh_secret…', lang: 'zh-CN' }]);

    const used = await runBoh(['store', 'list', '--profile', 'hq'], { env });
    expect(used.code).toBe(5);
    expect(used.stderr).toContain('无法连接 http://127.0.0.1:9');

    const unknown = await runBoh(['store', 'list', '--profile', 'nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Profile "nope"');
  });
});
