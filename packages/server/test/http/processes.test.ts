import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertToken, migrateToLatest, openDatabase } from '@boh/server';
import { BOH_BIN } from '../../../../test-support/cli.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';
import { send } from '../../../../test-support/http.js';

// Two separate `boh serve` processes on one database: nothing either keeps in memory may be
// needed by the other, so idempotency, versions and uniqueness must hold across them.

let database: TestDatabase;
let token: string;
const servers: { child: ChildProcess; url: string }[] = [];

async function startProcess(url: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BOH_BIN, 'serve', '--port', '0', '--database', url], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const listening = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`boh serve exited with ${code}: ${stderr}`)));
  });
  return { child, url: listening };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const opened = await openDatabase(database.url);
  await migrateToLatest(opened);
  token = (await insertToken(opened.db, { name: 'multi', role: 'admin' })).secret;
  await opened.close();
  servers.push(await startProcess(database.url), await startProcess(database.url));
});

afterAll(async () => {
  for (const { child } of servers) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await database.drop();
});

const pick = (i: number) => servers[i % servers.length]!.url;

describe('several server processes on one database', () => {
  it('stops gracefully and serves both', async () => {
    for (const { url } of servers) expect((await send(url, 'GET', '/health')).status).toBe(200);
  });

  it('replay one idempotent create across processes', async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        send(pick(i), 'POST', '/stores', { token, body: { code: 'M001', name: '多进程' }, headers: { 'idempotency-key': 'multi-1' } }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(replies.map((r) => r.body.created_at)).size).toBe(1);
    const history = await send(pick(0), 'GET', '/history/store/M001', { token });
    expect(history.body.data).toHaveLength(1);
  });

  it('let exactly one of two racing updates of one version win', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        send(pick(i), 'PATCH', '/stores/M001', { token, body: { seats: 10 + i }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412]);
    const read = await send(pick(1), 'GET', '/stores/M001', { token });
    expect(read.body.version).toBe(2);
  });

  it('keep codes unique when both create the same store', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send(pick(i), 'POST', '/stores', { token, body: { code: 'M002', name: `并发${i}` } })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
  });
});
