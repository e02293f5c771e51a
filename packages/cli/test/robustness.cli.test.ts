import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;
const scratch = mkdtempSync(join(tmpdir(), 'boh-robust-'));

beforeAll(async () => {
  server = await startTestServer();
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: await server.token('admin') };
  for (let i = 1; i <= 3; i++) await runBoh(['region', 'create', '--code', `R${i}`, '--name', `区域${i}`], { env });
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('help and unknown commands', () => {
  it('shows help for a bare group and fails on help for an unknown command', async () => {
    const bare = await runBoh(['region']);
    expect(bare.stderr).toContain('Usage: boh region');
    const unknown = await runBoh(['help', 'nosuch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('Error: Unknown command "nosuch". See `boh --help`.\n');
  });

  it('names the allowed choices of an option in Chinese', async () => {
    const result = await runBoh(['region', 'list', '--sort', 'bogus', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('选项 --sort 的值 "bogus" 无效。可选值：code');
  });

  it('names the command once when given too many arguments', async () => {
    const result = await runBoh(['me', 'extra'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: Too many arguments for `boh me`. See `boh me --help`.\n');
  });

  it('names the allowed choices of an argument in Chinese', async () => {
    const result = await runBoh(['--lang', 'zh-CN', 'reconcile-settings', 'foo'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('错误：参数 <channel> 的值 "foo" 无效。可选值：wechat, alipay, unionpay, meituan, jd。参见 `boh reconcile-settings --help`。\n');
  });
});

describe('required options', () => {
  it('say the option is required in both languages', async () => {
    const cases: [string[], string][] = [
      [['order', 'refund', 'E001', 'T-1', '--line', '1:1', '--reason', 'x'], '--refund-number'],
      [['period', 'reopen', '--period', '2026-11'], '--reason'],
      [['reconcile', 'wechat', '--period', '2026-12'], '--statement'],
    ];
    for (const [args, option] of cases) {
      const english = await runBoh(args, { env });
      expect(english.code, args.join(' ')).toBe(2);
      expect(english.stderr).toContain(`Error: ${option} is required. See \`boh `);
      const chinese = await runBoh(['--lang', 'zh-CN', ...args], { env });
      expect(chinese.code, args.join(' ')).toBe(2);
      expect(chinese.stderr).toContain(`错误：缺少必填选项 ${option}。`);
    }
  });

  it('still say a value is missing after an option', async () => {
    const result = await runBoh(['period', 'reopen', '--period'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Error: Option --period needs a value.');
  });

  it('are marked in help', async () => {
    const english = await runBoh(['period', 'reopen', '--help']);
    expect(english.stdout).toMatch(/--reason <text> +why the period is reopened \(required\)/);
    const chinese = await runBoh(['--lang', 'zh-CN', 'period', 'reopen', '--help']);
    expect(chinese.stdout).toMatch(/--reason <text> +.+（必填）|--reason <text> +.+\(必填\)/);
  });

  it('are marked in help where the command checks them', async () => {
    const english = await runBoh(['reconcile', '--help']);
    expect(english.stdout).toMatch(/--statement <file> +a statement file; repeat for more \(required\)/);
    expect(english.stdout).toMatch(/--period <YYYY-MM> +the period the statement belongs to, YYYY-MM\s+\(required\)/);
    expect(english.stdout).not.toMatch(/--store <code> +.*\(required\)/);
    const chinese = await runBoh(['--lang', 'zh-CN', 'reconcile', '--help']);
    expect(chinese.stdout).toMatch(/--statement <file> +.+（必填）/);
    expect(chinese.stdout).toMatch(/--period <YYYY-MM> +.+（必填）/);
  });
});

describe('lists for scripts', () => {
  it('say on stderr that --limit cut the list, even with --json', async () => {
    const result = await runBoh(['region', 'list', '--limit', '2', '--json'], { env });
    expect(JSON.parse(result.stdout)).toHaveLength(2);
    expect(result.stderr).toContain('Showing 2 of');
  });

  it('reject a limit below 1', async () => {
    for (const limit of ['0', '-5', 'ten']) {
      const result = await runBoh(['region', 'list', '--limit', limit], { env });
      expect(result.code, limit).toBe(2);
      expect(result.stderr, limit).toContain('--limit');
    }
  });
});

describe('--from-json', () => {
  it('rejects JSON that is not an object', async () => {
    for (const input of ['null', '[1,2]', '"text"']) {
      const result = await runBoh(['region', 'create', '--from-json', '-'], { env, input });
      expect(result.code, input).toBe(2);
      expect(result.stderr, input).toContain('must hold one JSON object');
    }
  });

  it('accepts a file saved with a byte order mark', async () => {
    const file = join(scratch, 'bom.json');
    writeFileSync(file, '\ufeff{"code":"BOM1","name":"带BOM的区域"}');
    const result = await runBoh(['region', 'create', '--from-json', file, '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).name).toBe('带BOM的区域');
  });

  it('sends back an edited `get --json` for update, ignoring fields no update sets', async () => {
    const read = await runBoh(['region', 'get', 'R1', '--json'], { env });
    const edited = { ...JSON.parse(read.stdout), manager_name: '王芳' };
    const result = await runBoh(['region', 'update', 'R1', '--from-json', '-', '--json'], { env, input: JSON.stringify(edited) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ manager_name: '王芳', version: 2 });
  });

  it('names a missing file in Chinese', async () => {
    const result = await runBoh(['region', 'create', '--from-json', '/nope/region.json', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('无法读取 /nope/region.json：文件不存在');
  });
});

describe('numbers on the command line', () => {
  it('takes full-width digits and refuses hexadecimal and exponents', async () => {
    const fullWidth = await runBoh(['store', 'create', '--code', 'N1', '--name', '数字店', '--seats', '４０', '--json'], { env });
    expect(JSON.parse(fullWidth.stdout).seats).toBe(40);
    for (const value of ['0x10', '1e3']) {
      const result = await runBoh(['store', 'create', '--code', 'N2', '--name', 'x', '--area-m2', value], { env });
      expect(result.code, value).toBe(2);
    }
  });

  it('explains amounts in fen', async () => {
    const result = await runBoh(['menu-item', 'create', '--code', 'M1', '--name', '拿铁', '--price-fen', '28元'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2800 for ¥28.00');
  });
});

describe('history', () => {
  it('takes the command group’s name and reports a record that never existed', async () => {
    const created = await runBoh(['item', 'create', '--code', 'RM-1', '--name', '咖啡豆', '--kind', 'raw_material', '--base-unit', 'g'], { env });
    expect(created.code).toBe(0);
    const kebab = await runBoh(['history', 'menu-item', 'NOPE'], { env });
    expect(kebab.code).toBe(3);
    const missing = await runBoh(['history', 'store', 'NOPE'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('No store "NOPE" was found');
  });
});

describe('connection settings', () => {
  it('rejects a base URL without a scheme and a bad timeout before any request', async () => {
    const noScheme = await runBoh(['region', 'list'], { env: { ...env, BOH_BASE_URL: '127.0.0.1:4010' } });
    expect(noScheme.code).toBe(2);
    expect(noScheme.stderr).toContain('is not an http:// or https:// URL');
    const timeout = await runBoh(['region', 'list', '--timeout', 'soon'], { env });
    expect(timeout.code).toBe(2);
  });

  it('creates tokens through the API when one is configured, and says where otherwise', async () => {
    const viaApi = await runBoh(['token', 'create', '--role', 'readonly', '--name', 'via-api', '--json'], { env });
    expect(viaApi.code).toBe(0);
    expect(JSON.parse(viaApi.stdout).created_by).toBe('test-admin');

    const databaseFile = join(scratch, 'direct.db');
    const direct = await runBoh(['token', 'create', '--role', 'admin', '--name', 'direct', '--database', databaseFile]);
    expect(direct.code).toBe(0);
    expect(direct.stderr).toContain(`in database ${databaseFile}`);
    expect(direct.stderr.match(/Created token/g)).toHaveLength(1);
    const bad = await runBoh(['token', 'create', '--role', 'store_manager', '--database', databaseFile]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('needs at least one store code');
  });

  it('reports a database that cannot be opened in plain words with exit code 8', async () => {
    const result = await runBoh(['serve', '--port', '0', '--database', '/nope/boh.db', '--lang', 'zh-CN']);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('无法打开 SQLite 数据库 /nope/boh.db');
    expect(result.stderr).not.toContain('    at ');
  });
});
