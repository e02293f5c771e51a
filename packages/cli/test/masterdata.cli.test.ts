import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  await runBoh(['region', 'create', '--code', 'EAST', '--name', '华东区'], { env });
});
afterAll(() => server.close());

describe('boh store', () => {
  it('creates a store and prints it as JSON with --json', async () => {
    const result = await runBoh(
      ['store', 'create', '--code', '0001', '--name', '静安寺店', '--region-code', 'EAST', '--city', '上海', '--area-m2', '85.5', '--seats', '40', '--json'],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ code: '0001', name: '静安寺店', area_m2: 85.5, seats: 40, version: 1 });
  });

  it('lists stores as tab-separated lines when piped, and as JSON', async () => {
    await runBoh(['store', 'create', '--code', '0002', '--name', '徐家汇店', '--city', '上海'], { env });
    const piped = await runBoh(['store', 'list'], { env });
    expect(piped.code).toBe(0);
    expect(piped.stdout.split('\n').filter(Boolean).map((line) => line.split('\t').slice(0, 3))).toEqual([
      ['0001', '静安寺店', '上海'],
      ['0002', '徐家汇店', '上海'],
    ]);

    const json = await runBoh(['store', 'list', '--json', '--city', '上海', '--sort', '-code'], { env });
    expect(JSON.parse(json.stdout).map((s: { code: string }) => s.code)).toEqual(['0002', '0001']);
  });

  it('stops at --limit', async () => {
    const json = await runBoh(['store', 'list', '--json', '--limit', '1'], { env });
    expect(JSON.parse(json.stdout)).toHaveLength(1);
  });

  it('updates with the version it read and reports it in Chinese', async () => {
    const result = await runBoh(['store', 'update', '0001', '--seats', '50', '--brand', 'null', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('已修改门店 0001（版本 2）');
    expect(result.stdout).toContain('seats\t50');
  });

  it('refuses a stale --if-version with exit code 3 and the API’s message', async () => {
    const result = await runBoh(['store', 'update', '0001', '--seats', '60', '--if-version', '1'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('is at version 2, not 1');
  });

  it('shows the history of a store, newest first', async () => {
    const result = await runBoh(['store', 'history', '0001', '--json'], { env });
    const events = JSON.parse(result.stdout);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(events[0].changes).toEqual([{ field: 'seats', before: 40, after: 50 }]);
    const text = await runBoh(['history', 'store', '0001', '--lang', 'zh-CN'], { env });
    expect(text.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\ttest-admin\tupdate\t座位数\t40\t50$/m);
  });

  it('needs --yes to deactivate without a terminal', async () => {
    const refused = await runBoh(['store', 'deactivate', '0002'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const done = await runBoh(['store', 'deactivate', '0002', '--yes', '--json'], { env });
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout).active).toBe(false);
  });
});

describe('errors and exit codes', () => {
  it('reports every invalid field in Chinese with exit code 3', async () => {
    const result = await runBoh(['store', 'create', '--code', '0003', '--name', '', '--latitude', '95'], { env: { ...env, BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('2 个字段无效');
    expect(result.stderr).toContain('至少需要 1 个字符');
    expect(result.stderr).toContain('不能大于 90');
    expect(result.stderr).toMatch(/请求编号：req_/);
  });

  it('reports a region that does not exist by its code', async () => {
    const result = await runBoh(['store', 'create', '--code', '0003', '--name', 'x', '--region-code', 'NOPE'], { env: { ...env, BOH_LANG: 'zh-CN' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('区域 "NOPE" 不存在');
  });

  it('takes the language from the locale when nothing else sets it', async () => {
    const result = await runBoh(['store', 'get', 'NOPE'], { env: { ...env, LANG: 'zh_CN.UTF-8' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('找不到门店“NOPE”');
  });

  it('asks for a missing required option by name when there is no terminal', async () => {
    const result = await runBoh(['store', 'create', '--name', '无编码店'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing --code');
  });

  it('rejects a non-number for a number field before calling the API', async () => {
    const result = await runBoh(['store', 'create', '--code', '0004', '--name', 'x', '--seats', 'forty'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"forty" is not a whole number');
  });

  it('exits 4 on a bad token and 5 when the server is unreachable', async () => {
    const badToken = await runBoh(['store', 'list'], { env: { ...env, BOH_TOKEN: 'boh_wrong' } });
    expect(badToken.code).toBe(4);
    const readonly = await runBoh(['store', 'create', '--code', '0005', '--name', 'x'], { env: { ...env, BOH_TOKEN: await server.token('readonly') } });
    expect(readonly.code).toBe(4);
    expect(readonly.stderr).toContain('role "readonly" may not call POST /stores');
    const unreachable = await runBoh(['store', 'list', '--json'], { env: { ...env, BOH_BASE_URL: 'http://127.0.0.1:9' } });
    expect(unreachable.code).toBe(5);
    expect(unreachable.stdout).toBe('');
    expect(JSON.parse(unreachable.stderr).error).toMatchObject({ code: 'network_error', exit_code: 5 });
  });

  it('says how to connect when no base URL or token is set', async () => {
    const noUrl = await runBoh(['store', 'list'], {});
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('BOH_BASE_URL');
    const noToken = await runBoh(['store', 'list'], { env: { BOH_BASE_URL: server.url } });
    expect(noToken.stderr).toContain('boh token create --role admin');
  });

  it('suggests the command meant by a typo', async () => {
    const result = await runBoh(['store', 'lst'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean list?');
    expect(result.stderr).toContain('boh store --help');
  });

  it('rejects an unknown --lang', async () => {
    const result = await runBoh(['--lang', 'fr', 'store', 'list'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown language "fr"');
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
