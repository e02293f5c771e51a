import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detached, POOL_LIMIT, TextPool } from '../../src/statements/compact-text.js';
import { fingerprintOf } from '../../src/statements/fingerprint.js';

describe('detached', () => {
  it('returns an equal copy of ASCII text', () => {
    const cell = '`4200000000202401050000000001';
    expect(detached(cell.slice(1))).toBe('4200000000202401050000000001');
    expect(detached('')).toBe('');
  });

  it('returns other text unchanged', () => {
    const longIds = [`M${'1'.repeat(253)}éé`, `订单${'0'.repeat(254)}`, `${'A'.repeat(252)}😀😀`, `${'x'.repeat(255)}é`, 'x'.repeat(300)];
    for (const text of ['午市套餐', 'café', 'a\uD800b', '\uDC00', ...longIds]) {
      expect(detached(text)).toBe(text);
    }
  });
});

describe('TextPool', () => {
  it('keeps one copy per text', () => {
    const pool = new TextPool();
    for (const text of ['MICROPAY', ['MICRO', 'PAY'].join(''), 'JSAPI', 'MICROPAY']) expect(pool.shared(text)).toBe(text);
    expect(pool.size).toBe(2);
  });

  it('stops adding texts at the limit', () => {
    const pool = new TextPool();
    for (let index = 0; index < POOL_LIMIT + 100; index += 1) expect(pool.shared(`text ${index}`)).toBe(`text ${index}`);
    expect(pool.size).toBe(POOL_LIMIT);
  });
});

describe('fingerprintOf', () => {
  it('is the channel and the first 32 hex digits of the SHA-256', () => {
    const key = JSON.stringify(['wechat', '1900000001', '4200000000202401050000000001']);
    for (const occurrence of [0, 1, 12]) {
      const digest = createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
      expect(fingerprintOf('wechat', key, occurrence)).toBe(`wechat:${digest.slice(0, 32)}`);
    }
    expect(fingerprintOf('unionpay', key, 0)).toMatch(/^unionpay:[0-9a-f]{32}$/u);
  });
});
