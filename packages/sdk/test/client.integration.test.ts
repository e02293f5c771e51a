import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BohAuthenticationError,
  BohConflictError,
  BohError,
  BohNotFoundError,
  BohPermissionError,
  BohPreconditionFailedError,
  BohValidationError,
  createClient,
  type BohClient,
} from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

let server: TestServer;
let boh: BohClient;

beforeAll(async () => {
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('SDK against the real server', () => {
  it('creates, reads, updates and deactivates a store', async () => {
    await boh.regions.create({ code: 'EAST', name: '华东区' });
    const created = await boh.stores.create({ code: '0001', name: '静安寺店', region_code: 'EAST', city: '上海', area_m2: 85.5 });
    expect(created.version).toBe(1);

    const updated = await boh.stores.update('0001', { seats: 40 }, { ifVersion: created.version });
    expect(updated).toMatchObject({ seats: 40, version: 2 });

    const stale = await boh.stores.update('0001', { seats: 41 }, { ifVersion: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(BohPreconditionFailedError);

    const deactivated = await boh.stores.deactivate('0001');
    expect(deactivated.active).toBe(false);

    const history = await boh.stores.history('0001').toArray({ max: 10 });
    expect(history.map((event) => event.action)).toEqual(['deactivate', 'update', 'create']);
  });

  it('walks every page with for await', async () => {
    for (let i = 0; i < 12; i++) {
      await boh.stores.create({ code: `P${String(i).padStart(3, '0')}`, name: `分页${i}`, brand: 'PAGED' });
    }
    const codes: string[] = [];
    for await (const store of boh.stores.list({ brand: 'PAGED', limit: 5 })) codes.push(store.code);
    expect(codes).toHaveLength(12);
    expect(codes[0]).toBe('P000');
    expect(codes[11]).toBe('P011');

    const first = await boh.stores.list({ brand: 'PAGED', limit: 5 });
    expect(first.data).toHaveLength(5);
    expect(first.next_cursor).toEqual(expect.any(String));
  });

  it('refuses toArray without a maximum and when the list is longer', async () => {
    await expect(boh.stores.list({ brand: 'PAGED' }).toArray(undefined as never)).rejects.toBeInstanceOf(BohError);
    await expect(boh.stores.list({ brand: 'PAGED', limit: 5 }).toArray({ max: 11 })).rejects.toMatchObject({ code: 'too_many_records' });
  });

  it('replays a create sent twice with one idempotency key', async () => {
    const first = await boh.stores.create({ code: 'I001', name: '幂等' }, { idempotencyKey: 'sdk-i001' });
    const second = await boh.stores.create({ code: 'I001', name: '幂等' }, { idempotencyKey: 'sdk-i001' });
    expect(second).toEqual(first);
    await expect(boh.stores.create({ code: 'I001', name: '幂等' })).rejects.toBeInstanceOf(BohConflictError);
  });

  it('raises typed errors with the API code, request id and message language', async () => {
    const missing = await boh.stores.get('NOPE').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BohNotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found', requestId: expect.stringMatching(/^req_/) });

    const chinese = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    const invalid = await chinese.stores.create({ code: 'X', name: '' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(BohValidationError);
    expect((invalid as BohValidationError).fieldErrors[0]?.message).toContain('至少需要 1 个字符');
    await chinese.close();

    const anonymous = createClient({ baseUrl: server.url });
    await expect(anonymous.stores.list()).rejects.toBeInstanceOf(BohAuthenticationError);
    expect((await anonymous.health()).status).toBe('ok');
    await anonymous.close();

    const readonly = createClient({ baseUrl: server.url, token: await server.token('readonly') });
    await expect(readonly.stores.create({ code: 'R1', name: 'x' })).rejects.toBeInstanceOf(BohPermissionError);
    await readonly.close();
  });

  it('reports which database it runs on', async () => {
    const health = await boh.health();
    expect(health.database).toBe(server.testDatabase.dialect);
    expect(health.schema_version).toMatch(/^\d{4}-/);
  });

  it('received only responses that match the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
