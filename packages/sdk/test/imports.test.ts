import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RequestEvent } from '../src/index.js';
import { startTestServer, type TestServer } from '../../../test-support/server.js';

describe('imports over a real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('runs a job: batches, replay, rejections, finish', async () => {
    const boh = createClient({ baseUrl: server.url, token: await server.token('admin'), language: 'zh-CN' });
    const job = await boh.imports.create({ resource: 'store', file_name: 'stores.csv', batch_size: 2 });
    const batch = { sequence: 1, rows: [{ line: 2, fields: { code: 'S1', name: '一号店' } }, { line: 3, fields: { code: 'S2' } }] };
    const first = await boh.imports.submitBatch(job.id, batch);
    expect(first.counts).toEqual({ received: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.results[0]!.errors![0]!.message).toBe('name: 为必填项');
    expect((await boh.imports.submitBatch(job.id, batch)).replayed).toBe(true);

    const finished = await boh.imports.finish(job.id, { status: 'completed' });
    expect(finished).toMatchObject({ status: 'completed', batches_committed: 1, counts: { created: 1, rejected: 1 } });
    expect(await boh.imports.batches(job.id).toArray({ max: 10 })).toHaveLength(1);
    expect((await boh.imports.rejections(job.id).toArray({ max: 10 })).map((r) => r.line)).toEqual([3]);
    expect((await boh.imports.list({ resource: 'store' })).data[0]!.id).toBe(job.id);
    await boh.close();
    expect(server.violations).toEqual([]);
  });
});

describe('batch retries', () => {
  const BASE = 'http://boh.test';
  const mock = setupServer();
  beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.resetHandlers());
  afterAll(() => mock.close());

  it('retries a batch after 503 without an idempotency key', async () => {
    const keys: (string | null)[] = [];
    let calls = 0;
    mock.use(
      http.post(`${BASE}/imports/imp_0123456789abcdef/batches`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        calls += 1;
        if (calls === 1) return HttpResponse.json({ code: 'service_unavailable', detail: 'busy' }, { status: 503 });
        return HttpResponse.json({ job_id: 'imp_0123456789abcdef', sequence: 1, replayed: true, dry_run: false, counts: { received: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 }, results: [] });
      }),
    );
    const events: RequestEvent[] = [];
    const boh = createClient({ baseUrl: BASE, token: 'boh_test', fetch: globalThis.fetch, baseDelayMs: 1, onRequest: (event) => events.push(event) });
    const result = await boh.imports.submitBatch('imp_0123456789abcdef', { sequence: 1, rows: [] });
    expect(result.replayed).toBe(true);
    expect(events.map((event) => event.status)).toEqual([503, 200]);
    expect(keys).toEqual([null, null]);
  });
});
