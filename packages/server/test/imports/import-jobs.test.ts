import { sql } from 'kysely';
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

async function createJob(body: Record<string, unknown>, token = admin) {
  return send(server.url, 'POST', '/imports', { token, body: { file_name: 'stores.csv', ...body } });
}

async function batch(id: string, sequence: number, rows: { line: number; fields: Record<string, unknown> }[], extra: Record<string, unknown> = {}, language = 'en') {
  return send(server.url, 'POST', `/imports/${id}/batches`, { token: admin, body: { sequence, rows, ...extra }, headers: { 'accept-language': language } });
}

const storeRow = (line: number, code: string, extra: Record<string, unknown> = {}) => ({ line, fields: { code, name: `门店${code}`, region_code: 'EAST', ...extra } });

describe('store import job', () => {
  it('creates, updates, leaves unchanged and rejects rows', async () => {
    const job = await createJob({ resource: 'store' });
    expect(job.status).toBe(201);
    expect(job.body).toMatchObject({ resource: 'store', mode: 'upsert', status: 'open', counts: { received: 0 }, last_sequence: null });
    const id = job.body.id as string;

    const first = await batch(id, 1, [storeRow(2, '0001'), storeRow(3, '0002', { city: '上海' }), storeRow(4, '0003', { region_code: 'NOPE' })]);
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ received: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.body.results).toEqual([
      {
        line: 4,
        outcome: 'rejected',
        key: '0003',
        errors: [{ field: 'region_code', code: 'reference_not_found', message: 'region_code: region "NOPE" does not exist', value: 'NOPE' }],
      },
    ]);

    const second = await batch(id, 2, [storeRow(5, '0001'), storeRow(6, '0002', { city: '北京' }), { line: 7, fields: { code: '0004' } }]);
    expect(second.body.counts).toEqual({ received: 3, created: 0, updated: 1, unchanged: 1, rejected: 1 });
    expect(second.body.results).toEqual([
      { line: 5, outcome: 'unchanged', key: '0001' },
      { line: 6, outcome: 'updated', key: '0002', changes: [{ field: 'city', before: '上海', after: '北京' }] },
      { line: 7, outcome: 'rejected', key: '0004', errors: [{ field: 'name', code: 'required', message: 'name: is required' }] },
    ]);

    const stored = await send(server.url, 'GET', '/stores/0002', { token: admin });
    expect(stored.body).toMatchObject({ city: '北京', version: 2 });
    const history = await send(server.url, 'GET', '/history/store/0002', { token: admin });
    expect(history.body.data.map((event: { action: string }) => event.action)).toEqual(['update', 'create']);
    expect(history.body.data[0].changes).toEqual([{ field: 'city', before: '上海', after: '北京' }]);
    expect(history.body.data[1].changes).toContainEqual({ field: 'code', before: null, after: '0002' });
    expect(history.body.data[1].changes).toContainEqual({ field: 'city', before: null, after: '上海' });
    expect(history.body.data[1].changes).toContainEqual({ field: 'timezone', before: null, after: 'Asia/Shanghai' });
    expect(history.body.data[1].changes.map((change: { field: string }) => change.field)).not.toContain('brand');

    const read = await send(server.url, 'GET', `/imports/${id}`, { token: admin });
    expect(read.body).toMatchObject({ counts: { received: 6, created: 2, updated: 1, unchanged: 1, rejected: 2 }, batches_committed: 2, last_sequence: 2 });
  });

  it('replays a batch sent again, rejects other rows under its sequence', async () => {
    const id = (await createJob({ resource: 'store' })).body.id as string;
    const rows = [storeRow(2, '0100')];
    const first = await batch(id, 1, rows);
    const again = await batch(id, 1, rows);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });

    const other = await batch(id, 1, [storeRow(2, '0101')]);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('import_batch_conflict');
    const job = await send(server.url, 'GET', `/imports/${id}`, { token: admin });
    expect(job.body.counts.created).toBe(1);
  });

  it('plans within a batch in file order', async () => {
    const id = (await createJob({ resource: 'store' })).body.id as string;
    const result = await batch(id, 1, [storeRow(2, '0200', { city: '杭州' }), storeRow(3, '0200', { city: '苏州' })]);
    expect(result.body.counts).toMatchObject({ created: 1, updated: 1 });
    const stored = await send(server.url, 'GET', '/stores/0200', { token: admin });
    expect(stored.body).toMatchObject({ city: '苏州', version: 1 });
  });

  it('insert mode rejects changed, keeps identical', async () => {
    const id = (await createJob({ resource: 'store', mode: 'insert' })).body.id as string;
    const result = await batch(id, 1, [storeRow(2, '0001'), storeRow(3, '0002', { city: '广州' })]);
    expect(result.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged', 'rejected']);
    expect(result.body.results[1].errors[0].code).toBe('import_record_exists');
  });

  it('update mode rejects missing records', async () => {
    const id = (await createJob({ resource: 'store', mode: 'update' })).body.id as string;
    const result = await batch(id, 1, [storeRow(2, '0999')], {}, 'zh-CN');
    expect(result.body.results[0]).toMatchObject({ outcome: 'rejected', errors: [{ code: 'import_record_missing' }] });
    expect(result.body.results[0].errors[0].message).toContain('没有键为“0999”的记录');
  });

  it('matches on declared fields', async () => {
    const id = (await createJob({ resource: 'store', match_on: ['name'] })).body.id as string;
    const result = await batch(id, 1, [{ line: 2, fields: { name: '门店0001', phone: '021-1' } }]);
    expect(result.body.results).toEqual([{ line: 2, outcome: 'updated', key: '0001', changes: [{ field: 'phone', before: null, after: '021-1' }] }]);

    const bad = await createJob({ resource: 'store', match_on: ['nonsense'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'body.match_on[0]', code: 'import_unknown_match_field' });
  });

  it('dry run writes nothing', async () => {
    const id = (await createJob({ resource: 'store', dry_run: true })).body.id as string;
    const result = await batch(id, 1, [storeRow(2, '0300'), storeRow(3, '0001', { city: '深圳' })]);
    expect(result.body).toMatchObject({ dry_run: true, counts: { created: 1, updated: 1 } });
    expect((await send(server.url, 'GET', '/stores/0300', { token: admin })).status).toBe(404);
    expect((await send(server.url, 'GET', '/stores/0001', { token: admin })).body.city).toBeNull();
  });

  it('records client rejections and lists them in order', async () => {
    const id = (await createJob({ resource: 'store' })).body.id as string;
    const rejected = [{ line: 3, errors: [{ column: '金额', code: 'amount_invalid', message: '第 3 行：金额无效', value: 'abc' }] }];
    const result = await batch(id, 1, [storeRow(2, '0400'), storeRow(4, '0401', { region_code: 'NOPE' })], { rejected });
    expect(result.body.counts).toEqual({ received: 3, created: 1, updated: 0, unchanged: 0, rejected: 2 });

    const list = await send(server.url, 'GET', `/imports/${id}/rejections`, { token: admin, headers: { 'accept-language': 'zh-CN' } });
    expect(list.body.data).toEqual([
      { line: 3, sequence: 1, field: null, column: '金额', code: 'amount_invalid', message: '第 3 行：金额无效', value: 'abc' },
      { line: 4, sequence: 1, field: 'region_code', column: null, code: 'reference_not_found', message: 'region_code: 区域 "NOPE" 不存在', value: 'NOPE' },
    ]);
  });

  it('finishes once, then refuses batches', async () => {
    const id = (await createJob({ resource: 'store' })).body.id as string;
    await batch(id, 1, [storeRow(2, '0500')]);
    const finished = await send(server.url, 'POST', `/imports/${id}/finish`, { token: admin, body: { status: 'stopped', stop_reason: 'max_errors', not_processed: 10 } });
    expect(finished.body).toMatchObject({ status: 'stopped', stop_reason: 'max_errors', not_processed: 10 });
    const late = await batch(id, 2, [storeRow(3, '0501')]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('import_job_closed');
    const replayed = await batch(id, 1, [storeRow(2, '0500')]);
    expect(replayed.body.replayed).toBe(true);

    const batches = await send(server.url, 'GET', `/imports/${id}/batches`, { token: admin });
    expect(batches.body.data).toEqual([{ sequence: 1, first_line: 2, last_line: 2, counts: { received: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 }, committed_at: expect.any(String) }]);
  });

  it('lists jobs by file and status', async () => {
    const sha = 'a'.repeat(64);
    const id = (await createJob({ resource: 'store', file_sha256: sha })).body.id as string;
    const open = await send(server.url, 'GET', `/imports?file_sha256=${sha}&status=open`, { token: admin });
    expect(open.body.data.map((job: { id: string }) => job.id)).toEqual([id]);
    const page = await send(server.url, 'GET', '/imports?limit=2', { token: admin });
    expect(page.body.data).toHaveLength(2);
    const next = await send(server.url, 'GET', `/imports?limit=2&cursor=${page.body.next_cursor}`, { token: admin });
    expect(next.body.data[0].created_at <= page.body.data[1].created_at).toBe(true);
    expect(next.body.data.map((job: { id: string }) => job.id)).not.toContain(page.body.data[1].id);
  });

  it('refuses roles that may not create the resource', async () => {
    const finance = await server.token('finance');
    const job = await createJob({ resource: 'store' }, finance);
    expect(job.status).toBe(403);
    expect(job.body.code).toBe('import_role_not_allowed');
    const supplier = await createJob({ resource: 'supplier' }, finance);
    expect(supplier.status).toBe(201);
  });
});

describe('menu item import job', () => {
  it('writes recipes and sub-recipes of one batch', async () => {
    await send(server.url, 'POST', '/items', { token: admin, body: { code: 'MILK', name: '牛奶', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '盒', factor: 1000 }] } });
    const id = (await createJob({ resource: 'menu_item', file_name: 'menu.xlsx' })).body.id as string;
    const result = await batch(id, 1, [
      { line: 2, fields: { code: 'SYRUP', name: '糖浆', sellable: false, components: [{ component_type: 'item', code: 'MILK', quantity: 0.5, unit: '盒' }] } },
      { line: 4, fields: { code: 'LATTE', name: '拿铁', price_fen: 3200, components: [{ component_type: 'menu_item', code: 'SYRUP', quantity: 1 }, { component_type: 'item', code: 'MILK', quantity: 200 }] } },
      { line: 6, fields: { code: 'BAD', name: '坏', components: [{ component_type: 'item', code: 'MILK', quantity: 1, unit: '箱' }] } },
    ]);
    expect(result.body.counts).toMatchObject({ created: 2, rejected: 1 });
    expect(result.body.results[0].errors[0]).toMatchObject({ field: 'components[0].unit', code: 'unknown_unit' });

    const latte = await send(server.url, 'GET', '/menu-items/LATTE', { token: admin });
    expect(latte.body.components.map((c: { base_quantity: number }) => c.base_quantity)).toEqual([1, 200]);
    const syrup = await send(server.url, 'GET', '/menu-items/SYRUP', { token: admin });
    expect(syrup.body.components[0].base_quantity).toBe(500);

    const again = await batch((await createJob({ resource: 'menu_item' })).body.id, 1, [
      { line: 2, fields: { code: 'LATTE', name: '拿铁', price_fen: 3200, components: [{ component_type: 'menu_item', code: 'SYRUP', quantity: 1 }, { component_type: 'item', code: 'MILK', quantity: 200 }] } },
    ]);
    expect(again.body.results).toEqual([{ line: 2, outcome: 'unchanged', key: 'LATTE' }]);
  });
});

describe('a large job on PostgreSQL', () => {
  it.skipIf(!process.env.BOH_TEST_DATABASE_URL)('analyses the tables it wrote when it finishes', async () => {
    const lastAnalysed = async () => {
      const { rows } = await sql<{ analysed: string | null }>`select last_analyze::text as analysed from pg_stat_user_tables where relname = 'stores' and schemaname = current_schema()`.execute(server.database.db);
      return rows[0]?.analysed ?? null;
    };
    const before = await lastAnalysed();

    const job = await createJob({ resource: 'store' });
    const id = job.body.id as string;
    for (let sequence = 1; sequence <= 2; sequence += 1) {
      const rows = Array.from({ length: 5000 }, (_, index) => storeRow(index + 2, `L${sequence}${String(index).padStart(5, '0')}`));
      expect((await batch(id, sequence, rows)).body.counts.created).toBe(5000);
    }
    await send(server.url, 'POST', `/imports/${id}/finish`, { token: admin, body: { status: 'completed' } });

    const after = await lastAnalysed();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });
});

describe('contract', () => {
  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
