import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { ZH, byField, issuesOf, listAllCodes, messageOf } from './support/master-data.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
});
afterAll(() => server.close());

const supplier = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: `供应商${code}`, ...extra });

describe('create and read', () => {
  it('stores every field, returns ETag', async () => {
    const body = supplier('S001', {
      name: '华为技术有限公司',
      uscc: '914403001922038216',
      contact_name: '李娜',
      phone: '0755-28780808',
      email: 'sales@example.com',
      address: '深圳市龙岗区坂田华为基地',
      payment_terms_days: 30,
      bank_name: '招商银行深圳分行',
      bank_account: '6225880212345678',
    });
    const created = await send(server.url, 'POST', '/suppliers', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toEqual({ ...body, active: true, version: 1, created_at: expect.any(String), updated_at: expect.any(String) });
    expect((await send(server.url, 'GET', '/suppliers/S001', { token: admin })).body).toEqual(created.body);
  });

  it('accepts a foreign supplier without code', async () => {
    const created = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier('S-JP', { name: 'Kalita Co., Ltd.' }) });
    expect(created.status).toBe(201);
    expect(created.body.uscc).toBeNull();
  });

  it('rejects bad email, terms, duplicate', async () => {
    const reply = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier('S-BAD', { email: 'not-an-email', payment_terms_days: -1 }) });
    expect(issuesOf(reply).sort(byField)).toEqual([
      { field: 'body.email', code: 'format' },
      { field: 'body.payment_terms_days', code: 'minimum' },
    ]);
    const again = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier('S001') });
    expect(again.status).toBe(409);
  });
});

describe('unified social credit code', () => {
  // Published codes: the worked example of GB 32100-2015 and codes found online, as collected in
  // python-stdnum's tests. Each invalid one changes one character of a valid one.
  const valid = ['91350100M000100Y43', '91110000600037341L', '9144030071526726XG', '91310115MA1K3BTP2B', '121200004013590816', '92340602MA2PBMEM24'];

  it.each(valid)('accepts %s', async (uscc) => {
    const code = `V-${uscc.slice(-6)}`;
    const reply = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier(code, { uscc }) });
    expect(reply.status).toBe(201);
    expect(reply.body.uscc).toBe(uscc);
  });

  it('normalises case, spaces and blanks', async () => {
    const lower = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier('LOWER', { uscc: ' 91620105l015101280 ' }) });
    expect(lower.status).toBe(201);
    expect(lower.body.uscc).toBe('91620105L015101280');
    const blank = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier('BLANK', { uscc: '  ' }) });
    expect(blank.body.uscc).toBeNull();
  });

  const invalid = [
    {
      uscc: '914403001922038217',
      en: '"914403001922038217" is not a valid unified social credit code (统一社会信用代码): the check digit is "7", but the first 17 characters require "6"',
      zh: '"914403001922038217" 不是有效的统一社会信用代码：校验位为 "7"，按前 17 位应为 "6"',
    },
    {
      uscc: '91110000600037314L',
      en: 'the check digit is "L", but the first 17 characters require "T"',
      zh: '校验位为 "L"，按前 17 位应为 "T"',
    },
    {
      uscc: '91440300192203821',
      en: 'it must have 18 characters, not 17',
      zh: '应为 18 位，实际 17 位',
    },
    {
      uscc: '9144030019220382166',
      en: 'it must have 18 characters, not 19',
      zh: '应为 18 位，实际 19 位',
    },
    {
      uscc: '91440300I922038216',
      en: 'character 9 "I" is not allowed (digits and capital letters except I, O, S, V, Z)',
      zh: '第 9 位字符 "I" 不允许（只能是数字和除 I、O、S、V、Z 以外的大写字母）',
    },
    {
      uscc: '91350100m000100y4z',
      en: '"91350100M000100Y4Z" is not a valid unified social credit code (统一社会信用代码): character 18 "Z" is not allowed',
      zh: '第 18 位字符 "Z" 不允许',
    },
  ];

  it.each(invalid)('rejects $uscc in both languages', async ({ uscc, en, zh }) => {
    const body = supplier('S-INVALID', { uscc });
    const english = await send(server.url, 'POST', '/suppliers', { token: admin, body });
    expect(issuesOf(english)).toEqual([{ field: 'body.uscc', code: 'invalid_uscc' }]);
    expect(messageOf(english, 'body.uscc')).toContain(en);
    const chinese = await send(server.url, 'POST', '/suppliers', { token: admin, body, headers: ZH });
    expect(messageOf(chinese, 'body.uscc')).toContain(zh);
  });

  it('rejects a taken code on create', async () => {
    const body = supplier('S002', { uscc: '914403001922038216' });
    const reply = await send(server.url, 'POST', '/suppliers', { token: admin, body });
    expect(issuesOf(reply)).toEqual([{ field: 'body.uscc', code: 'uscc_taken' }]);
    expect(messageOf(reply, 'body.uscc')).toBe('body.uscc: is already the code of active supplier "S001"; deactivate that supplier or correct the code');
    const chinese = await send(server.url, 'POST', '/suppliers', { token: admin, body: { ...body, uscc: '914403001922038216'.toLowerCase() }, headers: ZH });
    expect(messageOf(chinese, 'body.uscc')).toBe('body.uscc: 已是启用中的供应商 "S001" 的代码；请先停用该供应商或更正代码');
  });

  it('rejects a taken code on update', async () => {
    const reply = await send(server.url, 'PATCH', '/suppliers/S-JP', { token: admin, body: { uscc: '914403001922038216' } });
    expect(issuesOf(reply)).toEqual([{ field: 'body.uscc', code: 'uscc_taken' }]);
  });

  it('frees the code when its supplier is deactivated', async () => {
    expect((await send(server.url, 'POST', '/suppliers/S001/deactivate', { token: admin })).status).toBe(200);
    const reply = await send(server.url, 'POST', '/suppliers', { token: admin, body: supplier('S002', { uscc: '914403001922038216' }) });
    expect(reply.status).toBe(201);
  });

  it('admits one of concurrent duplicates', async () => {
    const replies = await Promise.all(
      ['R1', 'R2', 'R3', 'R4'].map((code) => send(server.url, 'POST', '/suppliers', { token: admin, body: supplier(code, { uscc: '91310000631696382C' }) })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
    for (const reply of replies.filter((r) => r.status === 422)) expect(reply.body.errors[0].code).toBe('uscc_taken');
  });

  it('finds a supplier by its code in any case', async () => {
    const reply = await send(server.url, 'GET', '/suppliers?uscc=9144030071526726xg', { token: admin });
    expect(reply.body.data.map((s: { code: string }) => s.code)).toEqual(['V-6726XG']);
  });
});

describe('update and history', () => {
  it('records changes, rejects stale If-Match', async () => {
    const updated = await send(server.url, 'PATCH', '/suppliers/S-JP', { token: admin, body: { payment_terms_days: 60, bank_account: 'JP12345678' }, headers: { 'if-match': '"1"' } });
    expect(updated.body).toMatchObject({ payment_terms_days: 60, version: 2 });
    const history = await send(server.url, 'GET', '/history/supplier/S-JP', { token: admin });
    expect(history.body.data[0]).toMatchObject({
      action: 'update',
      changes: [
        { field: 'payment_terms_days', before: null, after: 60 },
        { field: 'bank_account', before: null, after: 'JP12345678' },
      ],
    });
    const stale = await send(server.url, 'PATCH', '/suppliers/S-JP', { token: admin, body: { phone: '1' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
  });
});

describe('roles', () => {
  it('lets finance write suppliers', async () => {
    const finance = await server.token('finance');
    expect((await send(server.url, 'POST', '/suppliers', { token: finance, body: supplier('FIN') })).status).toBe(201);
    expect((await send(server.url, 'PATCH', '/suppliers/FIN', { token: finance, body: { payment_terms_days: 15 } })).status).toBe(200);
    expect((await send(server.url, 'POST', '/suppliers/FIN/deactivate', { token: finance })).status).toBe(200);
  });

  it('hides suppliers from store roles', async () => {
    const manager = await server.token('store_manager');
    expect((await send(server.url, 'GET', '/suppliers/S-JP', { token: manager })).status).toBe(403);
    const history = await send(server.url, 'GET', '/history/supplier/S-JP', { token: manager });
    expect(history.status).toBe(403);
    expect(history.body.code).toBe('forbidden');
    expect((await send(server.url, 'GET', '/suppliers', { token: await server.token('technician') })).status).toBe(403);
  });
});

describe('list', () => {
  it('pages every supplier with each sort', async () => {
    const all = await listAllCodes(server.url, '/suppliers', admin, { limit: '500' });
    expect(all.length).toBeGreaterThan(10);
    for (const sort of ['code', '-code', 'name', '-name', 'created_at', '-created_at', 'updated_at', '-updated_at']) {
      const codes = await listAllCodes(server.url, '/suppliers', admin, { sort });
      expect(codes.slice().sort(), sort).toEqual(all.slice().sort());
    }
    expect(await listAllCodes(server.url, '/suppliers', admin, { sort: '-code' })).toEqual(all.slice().reverse());
  });

  it('filters by active state', async () => {
    const inactive = await send(server.url, 'GET', '/suppliers?active=false', { token: admin });
    expect(inactive.body.data.map((s: { code: string }) => s.code)).toEqual(['FIN', 'S001']);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
