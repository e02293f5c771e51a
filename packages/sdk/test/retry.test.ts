import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs, shouldRetry } from '../src/retry.js';

describe('shouldRetry', () => {
  const cases = [
    { name: 'GET on 503', given: { attempt: 1, method: 'GET', hasIdempotencyKey: false, status: 503 }, want: true },
    { name: 'GET on 429', given: { attempt: 1, method: 'GET', hasIdempotencyKey: false, status: 429 }, want: true },
    { name: 'GET on 500', given: { attempt: 3, method: 'GET', hasIdempotencyKey: false, status: 500 }, want: true },
    { name: 'GET after the last retry', given: { attempt: 4, method: 'GET', hasIdempotencyKey: false, status: 503 }, want: false },
    { name: 'GET without a response', given: { attempt: 1, method: 'get', hasIdempotencyKey: false }, want: true },
    { name: 'GET on 404', given: { attempt: 1, method: 'GET', hasIdempotencyKey: false, status: 404 }, want: false },
    { name: 'GET on 409', given: { attempt: 1, method: 'GET', hasIdempotencyKey: false, status: 409 }, want: false },
    { name: 'POST with a key on 502', given: { attempt: 1, method: 'POST', hasIdempotencyKey: true, status: 502 }, want: true },
    { name: 'POST with a key without a response', given: { attempt: 2, method: 'POST', hasIdempotencyKey: true }, want: true },
    { name: 'POST without a key on 503', given: { attempt: 1, method: 'POST', hasIdempotencyKey: false, status: 503 }, want: false },
    { name: 'POST without a key without a response', given: { attempt: 1, method: 'POST', hasIdempotencyKey: false }, want: false },
    { name: 'PATCH on 503', given: { attempt: 1, method: 'PATCH', hasIdempotencyKey: false, status: 503 }, want: false },
    { name: 'PATCH with a key on 503', given: { attempt: 1, method: 'PATCH', hasIdempotencyKey: true, status: 503 }, want: false },
    { name: 'PUT on 503', given: { attempt: 1, method: 'PUT', hasIdempotencyKey: false, status: 503 }, want: true },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => expect(shouldRetry({ maxRetries: 3, ...given })).toBe(want));
  }
});

describe('retryDelayMs', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 2000 };

  it('grows exponentially under full jitter', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, null, { ...options, random: () => 0.999999 }));
    expect(ceilings).toEqual([99, 199, 399, 799, 1599, 1999]);
    expect(retryDelayMs(3, null, { ...options, random: () => 0 })).toBe(0);
  });

  it('honours Retry-After in seconds and as a date, capped at the maximum', () => {
    expect(retryDelayMs(1, '1', options)).toBe(1000);
    expect(retryDelayMs(1, '120', options)).toBe(2000);
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(retryDelayMs(1, 'Tue, 01 Dec 2026 00:00:01 GMT', options, now)).toBe(1000);
  });

  it('ignores an unreadable Retry-After', () => {
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(retryDelayMs(1, 'soon', { ...options, random: () => 0.5 })).toBe(50);
  });
});

describe('pathSegment', () => {
  it('encodes dot segments that a URL parser would resolve', async () => {
    const { pathSegment } = await import('../src/index.js');
    expect(pathSegment('..')).toBe('%2E%2E');
    expect(pathSegment('.')).toBe('%2E');
    expect(pathSegment('A.B')).toBe('A.B');
    expect(pathSegment('门店/1')).toBe('%E9%97%A8%E5%BA%97%2F1');
  });
});
