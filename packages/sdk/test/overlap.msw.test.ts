import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BohServerError, createClient, PagedList, type Page } from '../src/index.js';

// The SDK overlaps its own work with the server's: `load` gathers the next batch of lines while
// one is stored, and `pages({ prefetch: true })` requests the next page while one is handled.
// Holding a response until the client has done that work needs a staged server (msw).
const BASE = 'http://boh.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createClient({ baseUrl: BASE, token: 'boh_test', fetch: globalThis.fetch, baseDelayMs: 1, maxRetries: 0 });

const meta = {
  channel: 'wechat' as const,
  layout: 'wechat-merchant',
  file_name: 'bill.csv',
  file_sha256: 'a'.repeat(64),
  period: '2026-11',
  line_count: 5,
  totals: { gross_fen: 0, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: 0 },
};

function lineInput(line: number) {
  return { line, fingerprint: `wechat:${line}`, kind: 'payment' as const, flow: 'in' as const, gross_fen: 100, refund_fen: 0, fee_milli_fen: 0, net_milli_fen: 100_000 };
}

describe('statements.load', () => {
  it('gathers the next batch during a request', async () => {
    const pulled: number[] = [];
    const batches: number[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    server.use(
      http.post(`${BASE}/statements`, () => HttpResponse.json({ id: 'stm_1', ...meta }, { status: 201 })),
      http.post(`${BASE}/statements/stm_1/lines`, async ({ request }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const body = (await request.json()) as { lines: { line: number }[] };
        batches.push(body.lines.map((line) => line.line));
        // The response to the first batch is sent only after the client has read the second
        // batch's lines, so a client that waits for the response first never gets one.
        if (batches.length === 1) await firstHeld;
        inFlight -= 1;
        return HttpResponse.json({ statement_id: 'stm_1', received: body.lines.length, lines_received: 0 });
      }),
      http.post(`${BASE}/statements/stm_1/finish`, () => HttpResponse.json({ id: 'stm_1', status: 'finished' })),
    );
    function* lines() {
      for (let line = 1; line <= 5; line += 1) {
        pulled.push(line);
        if (line === 4) releaseFirst();
        yield lineInput(line);
      }
    }

    const progress: number[] = [];
    const finished = await client().statements.load({ statement: meta, lines: lines() }, { batchSize: 2, onBatch: ({ done }) => progress.push(done) });

    expect(finished).toMatchObject({ id: 'stm_1', status: 'finished' });
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(maxInFlight).toBe(1);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('stops at a failed batch', async () => {
    const batches: number[][] = [];
    let finished = false;
    server.use(
      http.post(`${BASE}/statements`, () => HttpResponse.json({ id: 'stm_1', ...meta }, { status: 201 })),
      http.post(`${BASE}/statements/stm_1/lines`, async ({ request }) => {
        const body = (await request.json()) as { lines: { line: number }[] };
        batches.push(body.lines.map((line) => line.line));
        if (batches.length === 2) return HttpResponse.json({ code: 'internal', title: 'internal', status: 500, detail: 'broken' }, { status: 500, headers: { 'content-type': 'application/problem+json' } });
        return HttpResponse.json({ statement_id: 'stm_1', received: body.lines.length, lines_received: 0 });
      }),
      http.post(`${BASE}/statements/stm_1/finish`, () => {
        finished = true;
        return HttpResponse.json({ id: 'stm_1' });
      }),
    );
    const lines = [1, 2, 3, 4, 5, 6, 7].map(lineInput);

    const error = await client().statements.load({ statement: { ...meta, line_count: 7 }, lines }, { batchSize: 2 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BohServerError);
    // The third batch may have been gathered, but it is not sent after the second failed.
    expect(batches).toEqual([[1, 2], [3, 4]]);
    expect(finished).toBe(false);
  });
});

describe('PagedList.pages', () => {
  function pagedList(events: string[], pageCount: number, failAt?: number): PagedList<number> {
    return new PagedList<number>(async (cursor) => {
      const index = cursor === undefined ? 0 : Number(cursor);
      events.push(`fetch ${index}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (index === failAt) throw new Error(`page ${index} failed`);
      const page: Page<number> = { data: [index], next_cursor: index + 1 < pageCount ? String(index + 1) : null };
      return page;
    });
  }

  it('prefetch requests the next page early', async () => {
    const plain: string[] = [];
    for await (const page of pagedList(plain, 3).pages()) plain.push(`handle ${page.data[0]}`);
    const ahead: string[] = [];
    for await (const page of pagedList(ahead, 3).pages({ prefetch: true })) ahead.push(`handle ${page.data[0]}`);

    expect(plain).toEqual(['fetch 0', 'handle 0', 'fetch 1', 'handle 1', 'fetch 2', 'handle 2']);
    expect(ahead).toEqual(['fetch 0', 'fetch 1', 'handle 0', 'fetch 2', 'handle 1', 'handle 2']);
  });

  it('raises a prefetched page error in turn', async () => {
    const events: string[] = [];
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of pagedList(events, 3, 1).pages({ prefetch: true })) pages.push(page.data[0]!);
    })().catch((e: unknown) => e);

    expect(pages).toEqual([0]);
    expect((error as Error).message).toBe('page 1 failed');
  });

  it('early stop leaves no unhandled rejection', async () => {
    const events: string[] = [];
    for await (const page of pagedList(events, 3, 1).pages({ prefetch: true })) {
      if (page.data[0] === 0) break;
    }
    // Vitest fails the run on an unhandled rejection; give the failed fetch time to settle.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['fetch 0', 'fetch 1']);
  });
});
