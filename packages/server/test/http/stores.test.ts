import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  await send(server.url, 'POST', '/regions', { token: admin, body: { code: 'EAST', name: '华东区' } });
});
afterAll(() => server.close());

const store = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: `门店${code}`, region_code: 'EAST', city: '上海', ...extra });

describe('create and read', () => {
  it('returns the stored store with defaults and an ETag', async () => {
    const created = await send(server.url, 'POST', '/stores', {
      token: admin,
      body: store('0001', { name: '静安寺店', area_m2: 85.5, latitude: 31.2235, longitude: 121.4454, seats: 40 }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      code: '0001',
      name: '静安寺店',
      area_m2: 85.5,
      timezone: 'Asia/Shanghai',
      day_end_cutoff: '00:00',
      lifecycle_stage: 'operating',
      active: true,
      version: 1,
    });

    const read = await send(server.url, 'GET', '/stores/0001', { token: admin });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('keeps leading zeros: 0001 and 1 are different stores', async () => {
    const missing = await send(server.url, 'GET', '/stores/1', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });

  it('rejects a second store with the same code with 409', async () => {
    const again = await send(server.url, 'POST', '/stores', { token: admin, body: store('0001') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_exists');
    expect(again.body.detail).toContain('0001');
  });

  it('reports every invalid field at once, in English and Chinese, and writes nothing', async () => {
    const body = { code: 'BAD CODE', name: '', latitude: 91, area_m2: -3, colour: 'red', opened_on: '2024-02-30' };
    const english = await send(server.url, 'POST', '/stores', { token: admin, body });
    const chinese = await send(server.url, 'POST', '/stores', { token: admin, body, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });

    expect(english.status).toBe(422);
    expect(english.body.code).toBe('validation_failed');
    const fields = english.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['body.area_m2', 'body.code', 'body.colour', 'body.latitude', 'body.name', 'body.opened_on']);
    expect(english.body.errors.find((e: { field: string }) => e.field === 'body.latitude').message).toContain('at most 90');
    expect(chinese.body.errors.find((e: { field: string }) => e.field === 'body.latitude').message).toContain('不能大于 90');
    expect(chinese.body.title).toBe('请求校验失败');

    const list = await send(server.url, 'GET', '/stores?q=BAD', { token: admin });
    expect(list.body.data).toEqual([]);
  });

  it('rejects a region that does not exist and an unknown time zone', async () => {
    const reply = await send(server.url, 'POST', '/stores', { token: admin, body: store('0099', { region_code: 'NOWHERE', timezone: 'Asia/Beijing' }) });
    expect(reply.status).toBe(422);
    const codes = reply.body.errors.map((e: { code: string }) => e.code).sort();
    expect(codes).toEqual(['invalid_timezone', 'reference_not_found']);
  });

  it('rejects a closing date before the opening date', async () => {
    const reply = await send(server.url, 'POST', '/stores', { token: admin, body: store('0098', { opened_on: '2024-05-01', closed_on: '2024-04-30' }) });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ field: 'body.closed_on', code: 'date_order' });
  });

  it('answers a request without a body with 400 body_required', async () => {
    const reply = await send(server.url, 'POST', '/stores', { token: admin, rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('body_required');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const reply = await send(server.url, 'POST', '/stores', { token: admin, rawBody: '{"code": "0005",', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_json');
  });

  it('rejects a __proto__ key instead of merging it', async () => {
    const reply = await send(server.url, 'POST', '/stores', {
      token: admin,
      rawBody: '{"code":"0006","name":"x","__proto__":{"active":false}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
  });
});

describe('update', () => {
  it('changes only the fields sent, bumps the version and records the change', async () => {
    await send(server.url, 'POST', '/stores', { token: admin, body: store('0002', { name: '徐家汇店' }) });
    const updated = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: { city: '上海市', seats: 60 }, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ name: '徐家汇店', city: '上海市', seats: 60, version: 2 });

    const history = await send(server.url, 'GET', '/history/store/0002', { token: admin });
    expect(history.body.data[0].action).toBe('update');
    expect(history.body.data[0].changes).toEqual([
      { field: 'city', before: '上海', after: '上海市' },
      { field: 'seats', before: null, after: 60 },
    ]);
    expect(history.body.data[0].actor).toBe('test-admin');
    expect(history.body.data[1].action).toBe('create');
  });

  it('rejects a lost update with 412 and leaves the record as it was', async () => {
    const stale = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: { name: '覆盖' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect(stale.headers.get('etag')).toBe('"2"');

    const read = await send(server.url, 'GET', '/stores/0002', { token: admin });
    expect(read.body.name).toBe('徐家汇店');
  });

  it('clears an optional field with null', async () => {
    const cleared = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: { seats: null } });
    expect(cleared.body.seats).toBeNull();
  });

  it('keeps the version when nothing changes', async () => {
    const before = await send(server.url, 'GET', '/stores/0002', { token: admin });
    const same = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: { city: before.body.city } });
    expect(same.body.version).toBe(before.body.version);
  });

  it('rejects an empty change and an unknown field', async () => {
    const empty = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: {} });
    expect(empty.status).toBe(422);
    const unknown = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: { code: '0003' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'body.code', code: 'unknown_field' });
  });

  it('rejects an If-Match that is not an ETag', async () => {
    const reply = await send(server.url, 'PATCH', '/stores/0002', { token: admin, body: { city: 'x' }, headers: { 'if-match': 'yesterday' } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_if_match');
  });

  it('deactivates without deleting', async () => {
    const reply = await send(server.url, 'POST', '/stores/0002/deactivate', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.active).toBe(false);
    const inactive = await send(server.url, 'GET', '/stores?active=false', { token: admin });
    expect(inactive.body.data.map((s: { code: string }) => s.code)).toEqual(['0002']);
  });
});

describe('idempotency', () => {
  it('replays the first response for the same key and body', async () => {
    const headers = { 'idempotency-key': 'create-0010' };
    const first = await send(server.url, 'POST', '/stores', { token: admin, body: store('0010'), headers });
    const second = await send(server.url, 'POST', '/stores', { token: admin, body: store('0010'), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('rejects the same key with another body with 409', async () => {
    const reply = await send(server.url, 'POST', '/stores', { token: admin, body: store('0011'), headers: { 'idempotency-key': 'create-0010' } });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('idempotency_key_reused');
    const missing = await send(server.url, 'GET', '/stores/0011', { token: admin });
    expect(missing.status).toBe(404);
  });

  it('creates one record when the same request races itself', async () => {
    const headers = { 'idempotency-key': 'race-0012' };
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => send(server.url, 'POST', '/stores', { token: admin, body: store('0012'), headers })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    const history = await send(server.url, 'GET', '/history/store/0012', { token: admin });
    expect(history.body.data).toHaveLength(1);
  });

  it('scopes keys to the token', async () => {
    const other = await server.token('ops');
    const reply = await send(server.url, 'POST', '/stores', { token: other, body: store('0013'), headers: { 'idempotency-key': 'create-0010' } });
    expect(reply.status).toBe(201);
  });
});

describe('list', () => {
  beforeAll(async () => {
    for (const [code, city] of [['0101', '北京'], ['0102', '杭州'], ['0103', null], ['0104', '北京'], ['0105', '深圳']] as const) {
      await send(server.url, 'POST', '/stores', { token: admin, body: { code, name: `列表${code}`, city, brand: 'LIST' } });
    }
  });

  it('pages through every store exactly once with each sort', async () => {
    for (const sort of ['code', '-code', 'name', '-name', 'city', '-city', 'created_at', '-updated_at']) {
      const codes: string[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ brand: 'LIST', limit: '2', sort, ...(cursor ? { cursor } : {}) });
        const page = await send(server.url, 'GET', `/stores?${query}`, { token: admin });
        expect(page.status).toBe(200);
        codes.push(...page.body.data.map((s: { code: string }) => s.code));
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(codes.slice().sort(), sort).toEqual(['0101', '0102', '0103', '0104', '0105']);
      expect(new Set(codes).size).toBe(5);
    }
  });

  it('sorts by city with the empty city first, then the code', async () => {
    const page = await send(server.url, 'GET', '/stores?brand=LIST&sort=city', { token: admin });
    expect(page.body.data.map((s: { code: string }) => s.code)).toEqual(['0103', '0101', '0104', '0102', '0105']);
  });

  it('filters by city, search text and update time', async () => {
    const beijing = await send(server.url, 'GET', `/stores?city=${encodeURIComponent('北京')}`, { token: admin });
    expect(beijing.body.data.map((s: { code: string }) => s.code)).toEqual(['0101', '0104']);
    const search = await send(server.url, 'GET', `/stores?q=${encodeURIComponent('列表010')}&limit=500`, { token: admin });
    expect(search.body.data).toHaveLength(5);
    const future = await send(server.url, 'GET', '/stores?updated_since=2999-01-01T00:00:00Z', { token: admin });
    expect(future.body.data).toEqual([]);
  });

  it('treats % and _ in the search text literally', async () => {
    const reply = await send(server.url, 'GET', '/stores?q=%25', { token: admin });
    expect(reply.body.data).toEqual([]);
  });

  it('rejects a cursor made for another sort and an unknown filter', async () => {
    const first = await send(server.url, 'GET', '/stores?brand=LIST&limit=1&sort=name', { token: admin });
    const mixed = await send(server.url, 'GET', `/stores?brand=LIST&sort=code&cursor=${first.body.next_cursor}`, { token: admin });
    expect(mixed.status).toBe(400);
    expect(mixed.body.code).toBe('invalid_cursor');
    const typo = await send(server.url, 'GET', '/stores?regoin_code=EAST', { token: admin });
    expect(typo.status).toBe(422);
    expect(typo.body.errors[0].field).toBe('query.regoin_code');
  });

  it('rejects a limit outside 1 to 500', async () => {
    for (const limit of ['0', '501', 'ten']) {
      const reply = await send(server.url, 'GET', `/stores?limit=${limit}`, { token: admin });
      expect(reply.status, limit).toBe(422);
    }
  });
});

describe('store managers', () => {
  it('see only their own stores', async () => {
    const manager = await server.token('store_manager', ['0001']);
    const list = await send(server.url, 'GET', '/stores?limit=500', { token: manager });
    expect(list.body.data.map((s: { code: string }) => s.code)).toEqual(['0001']);

    const own = await send(server.url, 'GET', '/stores/0001', { token: manager });
    expect(own.status).toBe(200);
    const other = await send(server.url, 'GET', '/stores/0010', { token: manager });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('store_out_of_scope');

    const otherHistory = await send(server.url, 'GET', '/history/store/0010', { token: manager });
    expect(otherHistory.status).toBe(403);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
