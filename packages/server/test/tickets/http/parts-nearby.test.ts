// The parts factor of dispatch reads stock balances: a technician finds the needed parts at the
// ticket's store, or else at the nearest store within reach that has them all on hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMasterData, startWorld, type TicketWorld } from './support.js';

let world: TicketWorld;
let code: string;

beforeAll(async () => {
  world = await startWorld('2024-03-04T02:00:00Z'); // Monday 10:00 in Shanghai
  await seedMasterData(world);
  // Far outside any technician's reach (Hangzhou, about 165 km away).
  await world.ok('POST', '/stores', { code: '0003', name: '西湖店', latitude: 30.2741, longitude: 120.1551 });
  code = (
    await world.ok('POST', '/tickets', {
      store_code: '0001',
      asset_code: 'A-FRY-1',
      category: 'fryer',
      title: '温控器坏了',
      required_parts: [{ item_code: 'P-THERMO', quantity: 2 }],
    })
  ).code;
});
afterAll(() => world.server.close());

async function receive(store: string, quantity: number): Promise<void> {
  await world.ok('POST', '/stock/movements', {
    kind: 'receipt',
    store_code: store,
    occurred_at: '2024-03-04T01:00:00Z',
    lines: [{ item_code: 'P-THERMO', quantity, value_fen: quantity * 10_000 }],
  });
}

async function candidate(technician: string, language = 'en'): Promise<any> {
  const ranking = await world.ok('GET', `/tickets/${code}/candidates`, undefined, { 'accept-language': language });
  return ranking.data.find((c: any) => c.technician_code === technician);
}

const partsReason = (c: any) => c.reasons.find((r: any) => r.factor === 'parts');

describe('parts in stock nearby', () => {
  it('counts the parts as missing when no store within reach has them', async () => {
    await receive('0003', 10);
    const t01 = await candidate('T01');
    expect(t01).toMatchObject({ parts_in_stock: false, parts_store_code: null });
    expect(partsReason(t01)).toEqual({ factor: 'parts', points: 60, detail: 'needed parts not on hand at the ticket’s store or at a store within reach' });
  });

  it('finds them at another store within reach and names it', async () => {
    await receive('0002', 5);
    const t01 = await candidate('T01', 'zh-CN');
    expect(t01).toMatchObject({ parts_in_stock: true, parts_store_code: '0002' });
    expect(partsReason(t01).points).toBe(0);
    expect(partsReason(t01).detail).toMatch(/^门店 0002 有所需配件库存，距技师 1\d 分钟$/);
  });

  it('does not count a store with less than the needed quantity', async () => {
    await receive('0001', 1);
    expect(await candidate('T01')).toMatchObject({ parts_in_stock: true, parts_store_code: '0002' });
  });

  it('prefers the ticket’s own store once it has enough', async () => {
    await receive('0001', 1);
    const t01 = await candidate('T01');
    expect(t01).toMatchObject({ parts_in_stock: true, parts_store_code: '0001' });
    expect(partsReason(t01).detail).toBe('needed parts on hand at the ticket’s store 0001');
  });

  it('judges reach per technician', async () => {
    // Take the parts out of 0001 again, and shrink the reach to 10 minutes: T02 stands at 0002
    // and reaches its stock; T01 is 13 minutes from 0002.
    await world.ok('POST', '/stock/movements', { kind: 'waste', store_code: '0001', occurred_at: '2024-03-04T01:30:00Z', lines: [{ item_code: 'P-THERMO', quantity: 2 }] });
    await world.ok('POST', '/technicians/T02/location', { latitude: 31.2397, longitude: 121.4998 });
    const settings = await world.call('GET', '/dispatch/settings');
    await world.ok('PUT', '/dispatch/settings', { ...settings.body, version: undefined, max_travel_minutes: 10 }, { 'if-match': settings.headers.get('etag')! });

    expect(await candidate('T01')).toMatchObject({ parts_in_stock: false, parts_store_code: null });
    expect(await candidate('T02')).toMatchObject({ parts_in_stock: true, parts_store_code: '0002' });
  });
});
