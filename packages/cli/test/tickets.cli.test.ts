import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoh } from '../../../test-support/cli.js';
import { send } from '../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let env: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'boh-ticket-cli-'));

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.token('admin');
  env = { BOH_BASE_URL: server.url, BOH_TOKEN: token };
  const post = (path: string, body: unknown) => send(server.url, 'POST', path, { token, body });
  await post('/stores', { code: '0001', name: '静安寺店', latitude: 31.2234, longitude: 121.4453 });
  await post('/stores', { code: '0002', name: '陆家嘴店', latitude: 31.2397, longitude: 121.4998 });
  await post('/employees', { code: 'T01', name: '王师傅', role: 'technician', skills: [{ skill: 'fryer', level: 5 }], home_latitude: 31.225, home_longitude: 121.446 });
  await post('/employees', { code: 'T02', name: '李师傅', role: 'technician', skills: [{ skill: 'fryer', level: 5 }], home_latitude: 31.24, home_longitude: 121.5 });
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('boh ticket', () => {
  let code: string;

  it('creates a ticket and prints it with --json', async () => {
    const result = await runBoh(['ticket', 'create', '--store', '0001', '--category', 'fryer', '--title', '炸炉不加热', '--priority', 'high', '--json'], { env });
    expect(result.code).toBe(0);
    const ticket = JSON.parse(result.stdout);
    expect(ticket).toMatchObject({ status: 'new', priority: 'high', store_code: '0001' });
    code = ticket.code;
  });

  it('says in Chinese when it was created and by when to respond', async () => {
    const result = await runBoh(['ticket', 'create', '--store', '0002', '--category', 'fryer', '--title', '油温异常', '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^WO-\d{6}$/);
    expect(result.stderr).toContain('已创建工单');
    expect(result.stderr).toContain('（待派单）');
  });

  it('refuses a step the ticket cannot take, with exit code 3', async () => {
    const result = await runBoh(['ticket', 'transition', code, 'resumed'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Allowed next steps');
  });

  it('shows the plan of --open without applying it when not asked to', async () => {
    const result = await runBoh(['ticket', 'dispatch', '--open'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(code);
    expect(result.stderr).toContain('--yes');
    const list = JSON.parse((await runBoh(['ticket', 'list', '--open', '--json'], { env })).stdout);
    expect(list.every((t: { assignee_code: string | null }) => t.assignee_code === null)).toBe(true);
  });

  it('applies the balanced plan with --yes', async () => {
    const result = await runBoh(['ticket', 'dispatch', '--open', '--yes', '--json'], { env });
    expect(result.code).toBe(0);
    const { plan, applied } = JSON.parse(result.stdout);
    expect(applied.applied).toHaveLength(2);
    expect(new Set(plan.assignments.map((a: { technician_code: string }) => a.technician_code)).size).toBe(2);
  });

  it('ranks technicians for one ticket with reasons', async () => {
    const result = await runBoh(['ticket', 'dispatch', code, '--json'], { env });
    const ranking = JSON.parse(result.stdout);
    expect(ranking.data[0].reasons.map((r: { factor: string }) => r.factor)).toContain('travel');
  });

  it('moves a ticket and shows its timeline and clocks', async () => {
    expect((await runBoh(['ticket', 'transition', code, 'accepted'], { env })).code).toBe(0);
    const shown = await runBoh(['ticket', 'show', code], { env });
    expect(shown.stdout).toContain('Accepted');
    expect(shown.stdout).toContain('Response time limit met');
  });

  it('shows labels, not codes, in Chinese', async () => {
    const chinese = await runBoh(['ticket', 'show', code, '--lang', 'zh-CN'], { env });
    expect(chinese.stdout).toMatch(/状态\s+已接单/);
    expect(chinese.stdout).toMatch(/优先级\s+高/);
    expect(chinese.stdout).not.toMatch(/\bstore_code\b/);
    const listed = await runBoh(['ticket', 'list', '--lang', 'zh-CN'], { env });
    expect(listed.stdout).toContain('已接单');
    expect(listed.stdout).not.toMatch(/\baccepted\b/);
  });

  it('checks an import file with --dry-run and writes nothing', async () => {
    const file = join(folder, 'tickets.csv');
    writeFileSync(file, `action,ticket_code,store_code,category,title,to,technician_code\ncreate,,0001,plumbing,漏水,,\ntransition,${code},,,,on_site,\n`);
    const result = await runBoh(['ticket', 'import', file, '--dry-run'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Nothing was written');
    const list = JSON.parse((await runBoh(['ticket', 'list', '--json'], { env })).stdout);
    expect(list).toHaveLength(2);
  });

  it('rejects a file with a bad row naming its line, and writes nothing', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(file, `action,ticket_code,store_code,category,title,to\ncreate,,0001,plumbing,漏水,\ncreate,,9999,plumbing,漏水,\n`);
    const result = await runBoh(['ticket', 'import', file, '--lang', 'zh-CN'], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('第 3 行，store_code');
    expect(JSON.parse((await runBoh(['ticket', 'list', '--json'], { env })).stdout)).toHaveLength(2);
  });

  it('applies a valid file', async () => {
    const file = join(folder, 'good.csv');
    writeFileSync(file, `action,ticket_code,store_code,category,title,to\ncreate,,0001,plumbing,漏水,\ntransition,${code},,,,on_site\n`);
    const result = await runBoh(['ticket', 'import', file, '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).applied).toBe(true);
  });
});
