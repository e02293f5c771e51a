import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerClosingGuard, unregisterClosingGuard } from '@boh/server';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { expectStatus, tickAll, walk, ZH } from './support.js';

let server: TestServer;
let admin: string;
let ops: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token('admin');
  ops = await server.token('ops');
});
afterAll(() => server.close());

const createStore = (code: string, extra: Record<string, unknown> = {}) =>
  expectStatus(server, 201, 'POST', '/stores', { token: admin, body: { code, name: `门店${code}`, city: '上海', ...extra } });

describe('allowed moves', () => {
  it('rejects a move the stage graph does not allow and lists the allowed ones', async () => {
    await createStore('T001', { lifecycle_stage: 'site_selection' });
    const english = await expectStatus(server, 409, 'POST', '/stores/T001/transitions', { token: admin, body: { to_stage: 'operating' } });
    expect(english.body.code).toBe('transition_not_allowed');
    expect(english.body.params).toMatchObject({ from: 'site_selection', to: 'operating', allowed: ['construction', 'rejected'] });
    expect(english.body.detail).toBe(
      'Store "T001" is in site selection (site_selection) and cannot move to operating (operating). Allowed from here: construction (construction); rejected (rejected). Nothing was written.',
    );

    const chinese = await expectStatus(server, 409, 'POST', '/stores/T001/transitions', { token: admin, body: { to_stage: 'closed' }, headers: ZH });
    expect(chinese.body.detail).toBe('门店“T001”处于选址（site_selection），不能转到已闭店（closed）。当前可转到：筹建（construction）；已否决（rejected）。未写入任何数据。');
  });

  it('says a final stage allows no move at all', async () => {
    await createStore('T002', { lifecycle_stage: 'rejected' });
    const reply = await expectStatus(server, 409, 'POST', '/stores/T002/transitions', { token: admin, body: { to_stage: 'site_selection' } });
    expect(reply.body.params.allowed).toEqual([]);
    expect(reply.body.detail).toContain('Allowed from here: none, this stage is final.');
  });

  it('is limited to admin and ops', async () => {
    const manager = await server.token('store_manager', ['T001']);
    const reply = await send(server.url, 'POST', '/stores/T001/transitions', { token: manager, body: { to_stage: 'rejected' } });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
  });

  it('answers 404 for a store that does not exist', async () => {
    const reply = await expectStatus(server, 404, 'POST', '/stores/NOPE/transitions', { token: admin, body: { to_stage: 'rejected' } });
    expect(reply.body.code).toBe('not_found');
  });
});

describe('checklists and overrides', () => {
  it('shows the template items of the current stage before anything is ticked', async () => {
    await createStore('C001', { lifecycle_stage: 'construction' });
    const checklist = await expectStatus(server, 200, 'GET', '/stores/C001/checklist', { token: ops });
    expect(checklist.body.stage).toBe('construction');
    expect(checklist.body.current).toBe(true);
    expect(checklist.body.items.map((item: { key: string }) => item.key)).toEqual([
      'lease_signed', 'business_licence', 'food_licence', 'fire_safety', 'fit_out', 'equipment_installed', 'staff_hired', 'construction_costs_entered',
    ]);
    expect(checklist.body.items[2]).toMatchObject({
      key: 'food_licence',
      title: { en: 'Food business licence (食品经营许可证) issued', 'zh-CN': '食品经营许可证已办理' },
      mandatory: true,
      evidence_required: true,
      done: false,
      version: 1,
    });
    expect(checklist.body.blocking).toEqual([
      { to_stage: 'pre_opening', open_items: ['lease_signed', 'business_licence', 'food_licence', 'fire_safety', 'fit_out', 'equipment_installed', 'staff_hired'] },
    ]);
  });

  it('refuses to leave a stage with open mandatory items, naming them', async () => {
    const reply = await expectStatus(server, 409, 'POST', '/stores/C001/transitions', { token: ops, body: { to_stage: 'pre_opening' } });
    expect(reply.body.code).toBe('checklist_incomplete');
    expect(reply.body.params.count).toBe(7);
    expect(reply.body.detail).toContain('7 mandatory checklist items are open: lease_signed, business_licence');
    expect(reply.body.detail).toContain('boh store checklist C001 --tick <key>');
  });

  it('lets only an admin override, and records the reason and the open items', async () => {
    const byOps = await expectStatus(server, 403, 'POST', '/stores/C001/transitions', { token: ops, body: { to_stage: 'pre_opening', override_reason: '证照已在办理' } });
    expect(byOps.body.code).toBe('override_not_allowed');
    expect(byOps.body.params.allowed).toEqual(['admin']);

    await expectStatus(server, 200, 'PATCH', '/stores/C001/checklist/lease_signed', { token: ops, body: { done: true, evidence_ref: 'LEASE-2025-001' } });
    const byAdmin = await expectStatus(server, 201, 'POST', '/stores/C001/transitions', {
      token: admin,
      body: { to_stage: 'pre_opening', override_reason: '证照已在办理，总部批准先行筹备', note: '按计划推进' },
    });
    expect(byAdmin.headers.get('etag')).toBe(`"${byAdmin.body.store.version}"`);
    expect(byAdmin.body.transition).toMatchObject({
      store_code: 'C001',
      from_stage: 'construction',
      to_stage: 'pre_opening',
      overridden: true,
      override_reason: '证照已在办理，总部批准先行筹备',
      overridden_items: ['business_licence', 'food_licence', 'fire_safety', 'fit_out', 'equipment_installed', 'staff_hired'],
      note: '按计划推进',
      actor: 'test-admin',
    });
    expect(byAdmin.body.store.lifecycle_stage).toBe('pre_opening');

    const history = await expectStatus(server, 200, 'GET', '/history/store/C001', { token: admin });
    const transition = history.body.data[0];
    expect(transition.action).toBe('transition');
    expect(transition.changes).toEqual([
      { field: 'lifecycle_stage', before: 'construction', after: 'pre_opening' },
      { field: 'transition_note', before: null, after: '按计划推进' },
      { field: 'override_reason', before: null, after: '证照已在办理，总部批准先行筹备' },
      { field: 'overridden_items', before: null, after: byAdmin.body.transition.overridden_items },
    ]);
    expect(history.body.data[1]).toMatchObject({ action: 'checklist_tick', actor: 'test-ops' });
  });

  it('keeps the checklist of a stage the store has left, read-only', async () => {
    const past = await expectStatus(server, 200, 'GET', '/stores/C001/checklist?stage=construction', { token: ops });
    expect(past.body.current).toBe(false);
    expect(past.body.ended_on).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(past.body.items.find((item: { key: string }) => item.key === 'lease_signed')).toMatchObject({ done: true, evidence_ref: 'LEASE-2025-001', done_by: 'test-ops' });

    const never = await expectStatus(server, 404, 'GET', '/stores/C001/checklist?stage=closing', { token: ops, headers: ZH });
    expect(never.body.code).toBe('stage_not_visited');
    expect(never.body.detail).toContain('从未处于闭店中（closing）');
  });
});

describe('ticking', () => {
  it('lets each item be ticked only by the roles its template names', async () => {
    await createStore('K001', { lifecycle_stage: 'construction' });
    const technician = await server.token('technician');
    const denied = await expectStatus(server, 403, 'PATCH', '/stores/K001/checklist/lease_signed', { token: technician, body: { done: true } });
    expect(denied.body.code).toBe('checklist_role_not_allowed');
    expect(denied.body.detail).toContain('Roles that may: admin, ops, finance.');
    const allowed = await expectStatus(server, 200, 'PATCH', '/stores/K001/checklist/fit_out', { token: technician, body: { done: true, note: '验收单已签' } });
    expect(allowed.body).toMatchObject({ key: 'fit_out', done: true, note: '验收单已签', done_by: 'test-technician', version: 2 });
    expect(allowed.headers.get('etag')).toBe('"2"');
  });

  it('needs an evidence reference for items that say so', async () => {
    const reply = await expectStatus(server, 422, 'PATCH', '/stores/K001/checklist/food_licence', { token: ops, body: { done: true }, headers: ZH });
    expect(reply.body.errors[0]).toMatchObject({ field: 'body.evidence_ref', code: 'evidence_required' });
    expect(reply.body.errors[0].message).toContain('许可证号');
  });

  it('rejects a stale If-Match and an unknown item', async () => {
    const stale = await expectStatus(server, 412, 'PATCH', '/stores/K001/checklist/fit_out', { token: ops, body: { done: false }, headers: { 'if-match': '"1"' } });
    expect(stale.body.code).toBe('precondition_failed');
    expect(stale.body.detail).toContain('checklist item "fit_out" is at version 2');
    const unknown = await expectStatus(server, 404, 'PATCH', '/stores/K001/checklist/coffee', { token: ops, body: { done: true } });
    expect(unknown.body.code).toBe('checklist_item_not_found');
    expect(unknown.body.params.keys).toContain('food_licence');
  });

  it('records ticks and unticks with who, note and evidence before and after', async () => {
    await expectStatus(server, 200, 'PATCH', '/stores/K001/checklist/business_licence', { token: ops, body: { done: true, evidence_ref: '91310000MA1FL0001X', note: '正本已存档' } });
    const untick = await expectStatus(server, 200, 'PATCH', '/stores/K001/checklist/business_licence', { token: ops, body: { done: false, note: '登记信息有误，重新办理' }, headers: { 'if-match': '"2"' } });
    expect(untick.body).toMatchObject({ done: false, evidence_ref: '91310000MA1FL0001X', version: 3 });

    const history = await expectStatus(server, 200, 'GET', '/history/store/K001?limit=2', { token: admin });
    expect(history.body.data.map((event: { action: string }) => event.action)).toEqual(['checklist_untick', 'checklist_tick']);
    expect(history.body.data[0].changes).toEqual([
      {
        field: 'checklist.construction.business_licence',
        before: { done: true, note: '正本已存档', evidence_ref: '91310000MA1FL0001X' },
        after: { done: false, note: '登记信息有误，重新办理', evidence_ref: '91310000MA1FL0001X' },
      },
    ]);
  });

  it('leaves the version alone when nothing changes', async () => {
    const again = await expectStatus(server, 200, 'PATCH', '/stores/K001/checklist/fit_out', { token: ops, body: { done: true } });
    expect(again.body.version).toBe(2);
  });

  it('lets a store manager tick the items of its own store only', async () => {
    const manager = await server.token('store_manager', ['K001']);
    await expectStatus(server, 200, 'PATCH', '/stores/K001/checklist/staff_hired', { token: manager, body: { done: true } });
    const foreign = await expectStatus(server, 403, 'PATCH', '/stores/C001/checklist/staff_trained', { token: manager, body: { done: true } });
    expect(foreign.body.code).toBe('store_out_of_scope');
  });
});

describe('stage history', () => {
  it('records each stay with its dates and days, and sets the opening date', async () => {
    await createStore('H001', { lifecycle_stage: 'site_selection' });
    await tickAll(server, admin, 'H001');
    await expectStatus(server, 201, 'POST', '/stores/H001/transitions', { token: admin, body: { to_stage: 'construction', effective_on: '2020-01-10' } });
    const early = await expectStatus(server, 422, 'POST', '/stores/H001/transitions', { token: admin, body: { to_stage: 'pre_opening', effective_on: '2020-01-09', override_reason: 'x' } });
    expect(early.body.errors[0]).toMatchObject({ field: 'body.effective_on', code: 'effective_before_stage' });
    const future = await expectStatus(server, 422, 'POST', '/stores/H001/transitions', { token: admin, body: { to_stage: 'pre_opening', effective_on: '2999-01-01', override_reason: 'x' } });
    expect(future.body.errors[0].code).toBe('effective_in_future');

    await tickAll(server, admin, 'H001');
    await expectStatus(server, 201, 'POST', '/stores/H001/transitions', { token: admin, body: { to_stage: 'pre_opening', effective_on: '2020-03-01' } });
    await tickAll(server, admin, 'H001');
    const opened = await expectStatus(server, 201, 'POST', '/stores/H001/transitions', { token: admin, body: { to_stage: 'operating', effective_on: '2020-03-15' } });
    expect(opened.body.store.opened_on).toBe('2020-03-15');

    const stages = await expectStatus(server, 200, 'GET', '/stores/H001/stages', { token: ops });
    const rows = stages.body.data;
    expect(rows.map((row: { stage: string }) => row.stage)).toEqual(['site_selection', 'construction', 'pre_opening', 'operating']);
    expect(rows[1]).toMatchObject({ started_on: '2020-01-10', ended_on: '2020-03-01', days: 51, current: false });
    expect(rows[2]).toMatchObject({ started_on: '2020-03-01', ended_on: '2020-03-15', days: 14 });
    expect(rows[3]).toMatchObject({ started_on: '2020-03-15', ended_on: null, current: true });
    expect(rows[3].days).toBeGreaterThan(365 * 5);
    expect(rows[0].entry_transition_id).toBeNull();
    expect(rows[3].entry_transition_id).toBe(opened.body.transition.id);

    const transitions = await expectStatus(server, 200, 'GET', '/stores/H001/transitions?limit=2', { token: ops });
    expect(transitions.body.data.map((t: { to_stage: string }) => t.to_stage)).toEqual(['operating', 'pre_opening']);
    const rest = await expectStatus(server, 200, 'GET', `/stores/H001/transitions?limit=2&cursor=${transitions.body.next_cursor}`, { token: ops });
    expect(rest.body.data.map((t: { to_stage: string }) => t.to_stage)).toEqual(['construction']);
    expect(rest.body.next_cursor).toBeNull();
  });

  it('shows a store without moves as one stay since its opening date', async () => {
    await createStore('H002', { opened_on: '2019-05-01' });
    const stages = await expectStatus(server, 200, 'GET', '/stores/H002/stages', { token: ops });
    expect(stages.body.data).toHaveLength(1);
    expect(stages.body.data[0]).toMatchObject({ stage: 'operating', started_on: '2019-05-01', ended_on: null, current: true, entry_transition_id: null });
  });

  it('gives every renovation a fresh checklist', async () => {
    await walk(server, admin, 'H002', ['renovating', 'operating', 'renovating']);
    const checklist = await expectStatus(server, 200, 'GET', '/stores/H002/checklist', { token: ops });
    expect(checklist.body.stage).toBe('renovating');
    expect(checklist.body.items.every((item: { done: boolean }) => !item.done)).toBe(true);
    const stages = await expectStatus(server, 200, 'GET', '/stores/H002/stages', { token: ops });
    expect(stages.body.data.map((row: { stage: string }) => row.stage)).toEqual(['operating', 'renovating', 'operating', 'renovating']);
    expect(stages.body.data[0].started_on).toBe('2019-05-01');
  });
});

describe('closing', () => {
  it('is blocked by assets and employees still at the store, listed by code in both languages', async () => {
    await createStore('X001', { opened_on: '2018-01-01' });
    await expectStatus(server, 201, 'POST', '/assets', { token: admin, body: { code: 'X001-A1', store_code: 'X001', category: 'coffee_machine', name: '咖啡机' } });
    await expectStatus(server, 201, 'POST', '/assets', { token: admin, body: { code: 'X001-A2', store_code: 'X001', category: 'refrigeration', name: '冰箱', status: 'disposed' } });
    await expectStatus(server, 201, 'POST', '/employees', { token: admin, body: { code: 'X001-E1', name: '张三', role: 'barista', store_code: 'X001' } });
    await walk(server, admin, 'X001', ['closing']);
    await tickAll(server, admin, 'X001');

    const english = await expectStatus(server, 409, 'POST', '/stores/X001/transitions', { token: admin, body: { to_stage: 'closed' } });
    expect(english.body.code).toBe('closing_blocked');
    expect(english.body.params.remaining).toEqual([
      { guard: 'assets_in_service', remaining: ['X001-A1'] },
      { guard: 'employees_assigned', remaining: ['X001-E1'] },
    ]);
    expect(english.body.detail).toBe(
      'Store "X001" cannot move to closed while 2 records still tie it to operations: assets not yet moved or disposed (1): X001-A1; employees still assigned to the store (1): X001-E1. Move, dispose or close them first; no override lifts this check. Nothing was written.',
    );
    const chinese = await expectStatus(server, 409, 'POST', '/stores/X001/transitions', { token: admin, body: { to_stage: 'closed', override_reason: '强制' }, headers: ZH });
    expect(chinese.body.detail).toContain('尚未调拨或报废的设备（1）：X001-A1；仍归属该门店的员工（1）：X001-E1');
  });

  it('lets the store close once they are moved, and sets the closing date', async () => {
    await expectStatus(server, 200, 'PATCH', '/assets/X001-A1', { token: admin, body: { status: 'disposed' } });
    await expectStatus(server, 200, 'PATCH', '/employees/X001-E1', { token: admin, body: { store_code: null } });
    const closed = await expectStatus(server, 201, 'POST', '/stores/X001/transitions', { token: admin, body: { to_stage: 'closed' } });
    expect(closed.body.store.closed_on).toBe(closed.body.transition.effective_on);
    expect(closed.body.store.opened_on).toBe('2018-01-01');
  });

  it('runs the guards other domains register, such as stock on hand', async () => {
    await createStore('X002', { opened_on: '2018-01-01' });
    registerClosingGuard('test_stock_on_hand', async (_db, storeCode) => (storeCode === 'X002' ? ['BEAN-1', 'MILK-1'] : []));
    try {
      await walk(server, admin, 'X002', ['closing']);
      await tickAll(server, admin, 'X002');
      const reply = await expectStatus(server, 409, 'POST', '/stores/X002/transitions', { token: admin, body: { to_stage: 'closed' } });
      expect(reply.body.params.remaining).toEqual([{ guard: 'test_stock_on_hand', remaining: ['BEAN-1', 'MILK-1'] }]);
      expect(reply.body.detail).toContain('test_stock_on_hand (2): BEAN-1, MILK-1');
    } finally {
      unregisterClosingGuard('test_stock_on_hand');
    }
    await expectStatus(server, 201, 'POST', '/stores/X002/transitions', { token: admin, body: { to_stage: 'closed' } });
  });
});

describe('writes', () => {
  it('replays a move sent twice with one Idempotency-Key and records it once', async () => {
    await createStore('I001', { lifecycle_stage: 'site_selection' });
    const headers = { 'idempotency-key': 'reject-I001' };
    const first = await expectStatus(server, 201, 'POST', '/stores/I001/transitions', { token: admin, body: { to_stage: 'rejected', note: '租金过高' }, headers });
    const second = await expectStatus(server, 201, 'POST', '/stores/I001/transitions', { token: admin, body: { to_stage: 'rejected', note: '租金过高' }, headers });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    const list = await expectStatus(server, 200, 'GET', '/stores/I001/transitions', { token: admin });
    expect(list.body.data).toHaveLength(1);
  });

  it('applies one of two concurrent moves of a store and rejects the other', async () => {
    await createStore('I002', { lifecycle_stage: 'site_selection' });
    const replies = await Promise.all([
      send(server.url, 'POST', '/stores/I002/transitions', { token: admin, body: { to_stage: 'rejected' } }),
      send(server.url, 'POST', '/stores/I002/transitions', { token: admin, body: { to_stage: 'rejected' } }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
    const stages = await expectStatus(server, 200, 'GET', '/stores/I002/stages', { token: admin });
    expect(stages.body.data.map((row: { stage: string }) => row.stage)).toEqual(['site_selection', 'rejected']);
  });

  it('rejects a stale If-Match on the store', async () => {
    await createStore('I003', { lifecycle_stage: 'site_selection' });
    const reply = await expectStatus(server, 412, 'POST', '/stores/I003/transitions', { token: admin, body: { to_stage: 'rejected' }, headers: { 'if-match': '"7"' } });
    expect(reply.body.code).toBe('precondition_failed');
  });

  it('keeps lifecycle_stage out of store updates', async () => {
    const reply = await expectStatus(server, 422, 'PATCH', '/stores/I003', { token: admin, body: { lifecycle_stage: 'operating' } });
    expect(reply.body.errors[0]).toMatchObject({ field: 'body.lifecycle_stage', code: 'unknown_field' });
  });

  it('found no response that breaks the contract', () => {
    expect(server.violations).toEqual([]);
  });
});
