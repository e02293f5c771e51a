import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/http/api-error.js';
import { parseJsonBody } from '../../src/http/json-body.js';

function codeOf(bytes: number[]): string | undefined {
  try {
    parseJsonBody(Buffer.from(bytes), 'application/json');
    return undefined;
  } catch (error) {
    return (error as ApiError).code;
  }
}

describe('parseJsonBody', () => {
  const quoted = (inner: number[]) => [0x22, ...inner, 0x22];

  it.each([
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['an encoded high surrogate', [0xed, 0xa0, 0x80]],
    ['an encoded low surrogate', [0xed, 0xbf, 0xbf]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0xe4, 0xbd]],
    ['a lone continuation byte', [0x80]],
    ['the byte 0xFF', [0xff]],
  ])('rejects %s as invalid UTF-8', (_name, bytes) => {
    expect(codeOf(quoted(bytes))).toBe('invalid_utf8');
  });

  it('decodes Chinese and four-byte characters', () => {
    expect(parseJsonBody(Buffer.from('{"name":"徐家汇店 😀"}'), 'application/json')).toEqual({ name: '徐家汇店 😀' });
  });

  it('drops leading byte order marks and whitespace', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(parseJsonBody(Buffer.from([...bom, 0x7b, 0x7d]), 'application/json')).toEqual({});
    expect(parseJsonBody(Buffer.from([...bom, ...bom, 0x20, 0x7b, 0x7d]), 'application/json')).toEqual({});
  });

  it('reads a body of only a byte order mark as no body', () => {
    expect(parseJsonBody(Buffer.from([0xef, 0xbb, 0xbf]), 'application/json')).toBeUndefined();
  });
});
