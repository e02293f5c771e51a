import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
});
afterAll(() => server.close());

async function raw(method: string, path: string, body: Buffer | string, contentType = 'application/json') {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined, size: text.length };
}

describe('text that cannot be stored or printed safely', () => {
  const cases: [string, string, string][] = [
    ['a NUL character', 'a\u0000b', 'U+0000'],
    ['an escape sequence', '\u001b]0;pwned\u0007', 'U+001B'],
    ['a C1 control', 'a\u009bb', 'U+009B'],
    ['DEL', 'a\u007fb', 'U+007F'],
  ];
  it.each(cases)('rejects %s in a body with 422 naming the field and the character', async (_name, value, codePoint) => {
    const reply = await send(server.url, 'POST', '/regions', { token: admin, body: { code: 'X1', name: value } });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'body.name', code: 'control_character' })]);
    expect(reply.body.errors[0].message).toContain(codePoint);
  });

  it('rejects a control character in a query parameter', async () => {
    const reply = await send(server.url, 'GET', '/regions?q=%00', { token: admin });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ field: 'query.q', code: 'control_character' });
  });

  it('rejects half of a surrogate pair', async () => {
    const reply = await raw('POST', '/regions', '{"code":"X2","name":"a\\ud800b"}');
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].code).toBe('invalid_unicode');
  });

  it('keeps tabs and line breaks inside text, and trims the ends', async () => {
    const reply = await send(server.url, 'POST', '/stores', { token: admin, body: { code: 'T1', name: '  静安寺店 ', address: '南京西路\n1601号' } });
    expect(reply.status).toBe(201);
    expect(reply.body.name).toBe('静安寺店');
    expect(reply.body.address).toBe('南京西路\n1601号');
  });

  it('rejects a name made only of spaces', async () => {
    const reply = await send(server.url, 'POST', '/regions', { token: admin, body: { code: 'X3', name: '   ' } });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ field: 'body.name', code: 'minLength' });
  });
});

describe('bodies that are not UTF-8 JSON', () => {
  it('rejects GBK bytes instead of storing replacement characters', async () => {
    const reply = await raw('POST', '/regions', Buffer.concat([Buffer.from('{"code":"G1","name":"'), Buffer.from([0xbb, 0xaa, 0xb6, 0xab]), Buffer.from('"}')]));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_utf8');
    expect((await send(server.url, 'GET', '/regions/G1', { token: admin })).status).toBe(404);
  });

  it('rejects a declared charset other than UTF-8 with 415', async () => {
    const reply = await raw('POST', '/regions', '{"code":"G2","name":"x"}', 'application/json; charset=gbk');
    expect(reply.status).toBe(415);
    expect(reply.body.code).toBe('unsupported_charset');
  });

  it('accepts a UTF-8 body that starts with a byte order mark', async () => {
    const reply = await raw('POST', '/regions', '\ufeff{"code":"B1","name":"华东"}');
    expect(reply.status).toBe(201);
  });

  it('answers JSON nested 100,000 deep with a problem, not a crash', async () => {
    const reply = await raw('POST', '/regions', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(reply.status).toBe(400);
    expect(reply.type).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'json_too_deep', request_id: expect.any(String) });
  });

  it('rejects text/plain and form bodies with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const reply = await raw('POST', '/regions', 'code=X&name=Y', type);
      expect(reply.status, type).toBe(415);
      expect(reply.body.code, type).toBe('unsupported_media_type');
    }
  });

  it('does not echo a huge rejected value back in full', async () => {
    const reply = await send(server.url, 'POST', '/regions', { token: admin, body: { code: 'H1', name: 'x', manager_name: 'y'.repeat(2_000_000) } });
    expect(reply.status).toBe(422);
    expect(JSON.stringify(reply.body).length).toBeLessThan(2_000);
  });
});

describe('methods', () => {
  it('answers a method a path does not have with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/regions/EAST`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH');
    expect((await response.json()).code).toBe('method_not_allowed');
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
