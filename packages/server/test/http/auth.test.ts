import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, ROLES } from '@boh/server';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

// Every operation of the contract is checked here, so an endpoint added later is covered
// without a new test: no token → 401, a role outside its x-boh-roles → 403.

let server: TestServer;
const operations = loadContract().operations;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A concrete URL for an operation: path parameters filled with a plausible value. */
function urlOf(path: string): string {
  return path.replace(/\{resource\}/g, 'store').replace(/\{[^}]+\}/g, '0001');
}

describe.each(operations.filter((o) => !o.isPublic))('$method $path ($operationId)', (operation) => {
  it('answers 401 without a token', async () => {
    const reply = await send(server.url, operation.method.toUpperCase(), urlOf(operation.path));
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('unauthorized');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 for an unknown token', async () => {
    const reply = await send(server.url, operation.method.toUpperCase(), urlOf(operation.path), { token: 'boh_not-a-real-token' });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('invalid_token');
  });

  it('answers 403 to every role outside x-boh-roles and lets the others past', async () => {
    for (const role of ROLES) {
      const reply = await send(server.url, operation.method.toUpperCase(), urlOf(operation.path), {
        token: await server.token(role),
        body: operation.requestBody ? {} : undefined,
      });
      if (operation.roles.includes(role)) {
        expect([401, 403], `${role} is allowed`).not.toContain(reply.status === 403 && reply.body.code === 'store_out_of_scope' ? 0 : reply.status);
      } else {
        expect(reply.status, role).toBe(403);
        expect(reply.body.code, role).toBe('forbidden');
        expect(reply.body.detail, role).toContain(`${operation.method.toUpperCase()} ${operation.path}`);
      }
    }
  });
});

describe('revoked tokens', () => {
  it('stop working at once', async () => {
    const admin = await server.token('admin');
    const created = await send(server.url, 'POST', '/tokens', { token: admin, body: { name: 'temporary', role: 'readonly' } });
    expect(created.status).toBe(201);
    expect((await send(server.url, 'GET', '/me', { token: created.body.secret })).status).toBe(200);

    const revoked = await send(server.url, 'POST', `/tokens/${created.body.id}/revoke`, { token: admin });
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
    const after = await send(server.url, 'GET', '/me', { token: created.body.secret });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('invalid_token');
  });

  it('cannot include the token making the request', async () => {
    const admin = await server.token('admin');
    const me = await send(server.url, 'GET', '/me', { token: admin });
    const reply = await send(server.url, 'POST', `/tokens/${me.body.id}/revoke`, { token: admin });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('token_self_revoke');
  });

  it('store_manager tokens need stores and others must not have them', async () => {
    const admin = await server.token('admin');
    const none = await send(server.url, 'POST', '/tokens', { token: admin, body: { name: 'm', role: 'store_manager' } });
    expect(none.status).toBe(422);
    expect(none.body.errors[0].code).toBe('store_managers_need_stores');
    const extra = await send(server.url, 'POST', '/tokens', { token: admin, body: { name: 'o', role: 'ops', store_codes: ['0001'] } });
    expect(extra.body.errors[0].code).toBe('only_store_managers_have_stores');
  });

  it('never shows a secret again after creation', async () => {
    const admin = await server.token('admin');
    const list = await send(server.url, 'GET', '/tokens?limit=500', { token: admin });
    expect(JSON.stringify(list.body)).not.toMatch(/boh_[A-Za-z0-9_-]{43}/);
    const history = await send(server.url, 'GET', `/history/token/${list.body.data[0].id}`, { token: admin });
    expect(JSON.stringify(history.body)).not.toMatch(/boh_[A-Za-z0-9_-]{43}/);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
