import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertToken, migrateToLatest, openDatabase, startServer, type RunningServer } from '@boh/server';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/database.js';
import { send } from '../../../../test-support/http.js';

let database: TestDatabase;
let server: RunningServer;
let secret: string;
const lines: Record<string, any>[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const opened = await openDatabase(database.url);
  await migrateToLatest(opened);
  secret = (await insertToken(opened.db, { name: 'logged', role: 'admin' })).secret;
  await opened.close();

  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  server = await startServer({ databaseUrl: database.url, port: 0, logger: pino({ name: 'boh' }, sink) });
  await send(server.url, 'POST', '/stores', { token: secret, body: { code: 'L001', name: '日志' }, headers: { 'x-request-id': 'trace-42' } });
  await send(server.url, 'GET', `/stores?q=${secret}`, { token: secret });
  await send(server.url, 'GET', '/stores/NOPE', { token: secret });
  await server.close();
});
afterAll(() => database.drop());

describe('server logs', () => {
  it('record start and stop', () => {
    expect(lines.some((l) => l.msg === 'server started' && l.url === server.url)).toBe(true);
    expect(lines.some((l) => l.msg === 'server stopped')).toBe(true);
  });

  it('record each request with its id, status and duration', () => {
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(3);
    expect(completed[0]).toMatchObject({ reqId: 'trace-42', res: { statusCode: 201 } });
    expect(completed[2].res.statusCode).toBe(404);
    for (const line of completed) expect(line.responseTime).toEqual(expect.any(Number));
  });

  it('never contain the token', () => {
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(4, 20));
  });
});
