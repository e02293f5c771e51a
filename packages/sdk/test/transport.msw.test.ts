import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BohApiError,
  BohConnectionError,
  BohServerError,
  BohTimeoutError,
  BohValidationError,
  createClient,
  type RequestEvent,
} from '../src/index.js';

// Failures that a real server cannot be made to produce on demand are staged with msw. The
// client gets the global fetch, which msw intercepts; the retry logic is the same code as with
// the default undici transport.
const BASE = 'http://boh.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(events: RequestEvent[] = [], overrides = {}) {
  return createClient({
    baseUrl: BASE,
    token: 'boh_test',
    fetch: globalThis.fetch,
    baseDelayMs: 1,
    maxDelayMs: 3000,
    onRequest: (event) => events.push(event),
    ...overrides,
  });
}

const problem = (status: number, code: string, extra = {}) =>
  HttpResponse.json(
    { type: `urn:boh:problem:${code}`, title: code, status, code, detail: `${code} happened`, request_id: 'req_1', ...extra },
    { status, headers: { 'content-type': 'application/problem+json', 'x-request-id': 'req_1' } },
  );

describe('retries', () => {
  it('retries a GET after 503 and returns the later success', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/stores/0001`, () => (++calls < 3 ? problem(503, 'service_unavailable') : HttpResponse.json({ code: '0001' }))));
    const events: RequestEvent[] = [];
    const store = await client(events).stores.get('0001');
    expect(store).toEqual({ code: '0001' });
    expect(events.map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('waits as long as Retry-After says', async () => {
    let calls = 0;
    const seenAt: number[] = [];
    server.use(
      http.get(`${BASE}/stores/0001`, () => {
        seenAt.push(performance.now());
        return ++calls === 1
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } })
          : HttpResponse.json({ code: '0001' });
      }),
    );
    await client().stores.get('0001');
    expect(seenAt).toHaveLength(2);
    expect(seenAt[1]! - seenAt[0]!).toBeGreaterThanOrEqual(950);
  });

  it('gives up after maxRetries with a BohServerError carrying the code and request id', async () => {
    server.use(http.get(`${BASE}/stores/0001`, () => problem(500, 'internal_error')));
    const events: RequestEvent[] = [];
    const error = await client(events, { maxRetries: 2 }).stores.get('0001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohServerError);
    expect(error).toMatchObject({ status: 500, code: 'internal_error', requestId: 'req_1', type: 'BohServerError' });
    expect(events).toHaveLength(3);
  });

  it('retries a POST with the same idempotency key on every attempt', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/stores`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length < 2 ? problem(502, 'bad_gateway') : HttpResponse.json({ code: '0002' }, { status: 201 });
      }),
    );
    await client().stores.create({ code: '0002', name: '徐家汇店' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('uses the caller’s idempotency key when given', async () => {
    let key: string | null = null;
    server.use(http.post(`${BASE}/stores`, ({ request }) => ((key = request.headers.get('idempotency-key')), HttpResponse.json({}, { status: 201 }))));
    await client().stores.create({ code: '0003', name: 'x' }, { idempotencyKey: 'import-42-row-7' });
    expect(key).toBe('import-42-row-7');
  });

  it('does not retry a PATCH', async () => {
    let calls = 0;
    server.use(http.patch(`${BASE}/stores/0001`, () => (calls++, problem(503, 'service_unavailable'))));
    await expect(client().stores.update('0001', { city: '上海' })).rejects.toBeInstanceOf(BohServerError);
    expect(calls).toBe(1);
  });

  it('retries a network error, then raises BohConnectionError', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/stores/0001`, () => (calls++, HttpResponse.error())));
    const error = await client([], { maxRetries: 1 }).stores.get('0001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohConnectionError);
    expect((error as BohConnectionError).code).toBe('network_error');
    expect(calls).toBe(2);
  });

  it('times out each attempt and raises BohTimeoutError naming the limit', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/stores/0001`, async () => (calls++, await delay('infinite'), HttpResponse.json({}))));
    const error = await client([], { timeoutMs: 50, maxRetries: 1 }).stores.get('0001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohTimeoutError);
    expect((error as Error).message).toContain('50 ms');
    expect(calls).toBe(2);
  });

  it('writes the timeout message in Chinese when asked', async () => {
    server.use(http.get(`${BASE}/stores/0001`, async () => (await delay('infinite'), HttpResponse.json({}))));
    const error = await client([], { timeoutMs: 20, maxRetries: 0, language: 'zh-CN' }).stores.get('0001').catch((e: unknown) => e);
    expect((error as Error).message).toContain('毫秒内没有响应');
  });
});

describe('request body', () => {
  it('sends the JSON as UTF-8 on every attempt', async () => {
    const bodies: Buffer[] = [];
    const types: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/stores`, async ({ request }) => {
        types.push(request.headers.get('content-type'));
        bodies.push(Buffer.from(await request.arrayBuffer()));
        return bodies.length < 2 ? problem(502, 'bad_gateway') : HttpResponse.json({ code: '0004' }, { status: 201 });
      }),
    );
    // Chinese, an emoji and a lone surrogate, which JSON.stringify writes as an escape.
    const input = { code: '0004', name: '徐家汇店 😀 \ud800' };
    await client().stores.create(input);

    const expected = Buffer.from('{"code":"0004","name":"徐家汇店 😀 \\ud800"}', 'utf8');
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.equals(expected)).toBe(true);
    expect(bodies[1]!.equals(expected)).toBe(true);
    expect(types).toEqual(['application/json', 'application/json']);
  });
});

describe('errors', () => {
  it('maps 422 to BohValidationError with the field errors', async () => {
    server.use(
      http.post(`${BASE}/stores`, () =>
        problem(422, 'validation_failed', { errors: [{ field: 'body.name', code: 'required', message: 'body.name: is required' }] }),
      ),
    );
    const error = await client().stores.create({ code: '0009' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohValidationError);
    expect((error as BohValidationError).fieldErrors).toEqual([{ field: 'body.name', code: 'required', message: 'body.name: is required' }]);
  });

  it('falls back to BohApiError for a status it has no class for', async () => {
    server.use(http.get(`${BASE}/stores/0001`, () => new HttpResponse('teapot', { status: 418 })));
    const error = await client().stores.get('0001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BohApiError);
    expect(error).toMatchObject({ status: 418, code: 'http_418', type: 'BohApiError' });
  });

  it('sends the token, the language and a user agent', async () => {
    let seen: Headers | undefined;
    server.use(http.get(`${BASE}/me`, ({ request }) => ((seen = request.headers), HttpResponse.json({}))));
    await client([], { language: 'zh-CN' }).me();
    expect(seen?.get('authorization')).toBe('Bearer boh_test');
    expect(seen?.get('accept-language')).toBe('zh-CN');
    expect(seen?.get('user-agent')).toMatch(/^boh-sdk\/\d+\.\d+\.\d+ node\//);
  });
});
