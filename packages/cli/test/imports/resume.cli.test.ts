// Interrupted imports: the CLI killed with SIGKILL or stopped with Ctrl-C, and the server
// killed with SIGKILL, each while batches are being committed. Resuming must end with exactly
// the file's rows, none twice and none lost.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BOH_BIN, runBoh } from '../../../../test-support/cli.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';
import { send } from '../../../../test-support/http.js';

const ROWS = 12_000;
const folder = mkdtempSync(join(tmpdir(), 'boh-resume-'));
const databases: TestDatabase[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const database of databases) await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

/** A `boh serve` process of its own, so the test can kill it. */
class ServerProcess {
  url = '';
  token = '';
  private child: ChildProcess | undefined;

  constructor(private readonly database: TestDatabase) {}

  async start(port?: number): Promise<void> {
    // The token is made first: it migrates the database, so the server does not race it.
    if (!this.token) {
      const created = await runBoh(['token', 'create', '--role', 'admin', '--database', this.database.url, '--json'], { env: { HOME: folder }, timeoutMs: 60_000 });
      if (created.code !== 0) throw new Error(`boh token create failed: ${created.stderr}`);
      this.token = (JSON.parse(created.stdout) as { secret: string }).secret;
    }
    const chosen = port ?? (await freePort());
    this.child = spawn(process.execPath, [BOH_BIN, 'serve', '--port', String(chosen), '--database', this.database.url], { env: { PATH: process.env.PATH ?? '', HOME: folder }, stdio: 'ignore' });
    children.push(this.child);
    this.url = `http://127.0.0.1:${chosen}`;
    for (let attempt = 0; ; attempt += 1) {
      if ((await fetch(`${this.url}/health`).catch(() => undefined))?.ok) break;
      if (attempt === 300) throw new Error(`boh serve did not answer on ${this.url} within 30 s`);
      await sleep(100);
    }
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async kill(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function storesFile(name: string, prefix: string): { path: string; sha256: string } {
  const lines = ['门店编码,门店名称,城市,面积'];
  for (let index = 1; index <= ROWS; index += 1) lines.push(`${prefix}${String(index).padStart(6, '0')},店${index},上海,${(index % 200) + 20}`);
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/** Start `boh import` without waiting for it. */
function startImport(server: ServerProcess, args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [BOH_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: folder, BOH_BASE_URL: server.url, BOH_TOKEN: server.token, BOH_LANG: 'en', NO_COLOR: '1' },
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** Wait until the open job of the file has committed at least `batches` batches. */
async function waitForBatches(server: ServerProcess, sha256: string, batches: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const reply = await send(server.url, 'GET', `/imports?file_sha256=${sha256}&status=open`, { token: server.token });
    if ((reply.body?.data?.[0]?.batches_committed ?? 0) >= batches) return;
    await sleep(20);
  }
  throw new Error(`No job of ${sha256} committed ${batches} batches in time`);
}

/** Count the stores whose code starts with `prefix`, and their audit events, through the API. */
async function storedCounts(server: ServerProcess, prefix: string): Promise<{ stores: number; created: number }> {
  let stores = 0;
  let cursor: string | null = null;
  do {
    const page: { body: { data: { code: string }[]; next_cursor: string | null } } = await send(server.url, 'GET', `/stores?limit=500&q=${prefix}${cursor ? `&cursor=${cursor}` : ''}`, { token: server.token });
    stores += page.body.data.filter((store) => store.code.startsWith(prefix)).length;
    cursor = page.body.next_cursor;
  } while (cursor);
  const sample = await send(server.url, 'GET', `/history/store/${prefix}000001`, { token: server.token });
  return { stores, created: sample.body.data.length };
}

async function newServer(): Promise<ServerProcess> {
  const database = await createTestDatabase();
  databases.push(database);
  const server = new ServerProcess(database);
  await server.start();
  return server;
}

// Each case starts its own server and the CLI two or three times, more than the default 30 s
// allows on two busy cores.
describe('resuming an interrupted import', () => {
  it('after the CLI is killed with SIGKILL', async () => {
    const server = await newServer();
    const { path, sha256 } = storesFile('kill-cli.csv', 'K');
    const run = startImport(server, ['import', 'store', path, '--batch-size', '200']);
    await waitForBatches(server, sha256, 5);
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');

    const resumed = await runBoh(['import', 'store', path, '--batch-size', '200', '--resume', '--json'], { env: { BOH_BASE_URL: server.url, BOH_TOKEN: server.token, HOME: folder }, cwd: folder, timeoutMs: 120_000 });
    expect(resumed.code).toBe(0);
    const output = JSON.parse(resumed.stdout);
    expect(output.resumed).toBe(true);
    const job = output.job;
    expect(job.counts).toEqual({ received: ROWS, created: ROWS, updated: 0, unchanged: 0, rejected: 0 });
    expect(job.batches_committed).toBe(ROWS / 200);
    expect(await storedCounts(server, 'K')).toEqual({ stores: ROWS, created: 1 });
    await server.kill();
  }, 120_000);

  it('after Ctrl-C, with a message naming --resume', async () => {
    const server = await newServer();
    const { path, sha256 } = storesFile('sigint.csv', 'C');
    const run = startImport(server, ['import', 'store', path, '--batch-size', '200']);
    await waitForBatches(server, sha256, 3);
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('run the same command with --resume to continue');

    const resumed = await runBoh(['import', 'store', path, '--batch-size', '200', '--resume', '--json'], { env: { BOH_BASE_URL: server.url, BOH_TOKEN: server.token, HOME: folder }, cwd: folder, timeoutMs: 120_000 });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).job.counts.created).toBe(ROWS);
    expect(await storedCounts(server, 'C')).toEqual({ stores: ROWS, created: 1 });
    await server.kill();
  }, 120_000);

  it('after the server is killed with SIGKILL', async () => {
    const server = await newServer();
    const { path, sha256 } = storesFile('kill-server.csv', 'S');
    const run = startImport(server, ['import', 'store', path, '--batch-size', '200']);
    await waitForBatches(server, sha256, 5);
    await server.kill();
    const failed = await run.done;
    expect(failed.code).toBe(5);

    await server.start(server.port);
    const resumed = await runBoh(['import', 'store', path, '--batch-size', '200', '--resume', '--json'], { env: { BOH_BASE_URL: server.url, BOH_TOKEN: server.token, HOME: folder }, cwd: folder, timeoutMs: 120_000 });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).job.counts).toMatchObject({ received: ROWS, created: ROWS });
    expect(await storedCounts(server, 'S')).toEqual({ stores: ROWS, created: 1 });

    const again = await runBoh(['import', 'store', path, '--json'], { env: { BOH_BASE_URL: server.url, BOH_TOKEN: server.token, HOME: folder }, cwd: folder, timeoutMs: 120_000 });
    expect(JSON.parse(again.stdout).job.counts).toMatchObject({ created: 0, unchanged: ROWS });
    await server.kill();
  }, 120_000);
});
