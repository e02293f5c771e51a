import { expect } from 'vitest';
import { send, type Reply } from '../../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../../test-support/server.js';

/** A test clock: `now()` is what the server reads; `set` and `advance` move it. */
export class TestClock {
  #ms: number;
  constructor(iso: string) {
    this.#ms = Date.parse(iso);
  }
  now = (): Date => new Date(this.#ms);
  set(iso: string): void {
    this.#ms = Date.parse(iso);
  }
  advanceMinutes(minutes: number): void {
    this.#ms += minutes * 60_000;
  }
}

export interface TicketWorld {
  server: TestServer;
  clock: TestClock;
  admin: string;
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>, token?: string): Promise<Reply<T>>;
  ok<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

/** A server on a test clock with an admin token. */
export async function startWorld(start = '2024-03-04T01:00:00Z'): Promise<TicketWorld> {
  const clock = new TestClock(start);
  const server = await startTestServer({ now: clock.now });
  const admin = await server.token('admin');
  const call = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token = admin) =>
    send<T>(server.url, method, path, { token, body, headers });
  const ok = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const reply = await call<T>(method, path, body, headers);
    expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);
    return reply.body;
  };
  return { server, clock, admin, call, ok };
}

/** Two stores in Shanghai, a fryer and a coffee machine, and three technicians. */
export async function seedMasterData(world: TicketWorld): Promise<void> {
  const { ok } = world;
  await ok('POST', '/stores', { code: '0001', name: '静安寺店', latitude: 31.2234, longitude: 121.4453 });
  await ok('POST', '/stores', { code: '0002', name: '陆家嘴店', latitude: 31.2397, longitude: 121.4998 });
  await ok('POST', '/assets', { code: 'A-FRY-1', store_code: '0001', category: 'fryer', name: '炸炉1号', model: 'FR-400' });
  await ok('POST', '/assets', { code: 'A-COF-1', store_code: '0001', category: 'coffee_machine', name: '咖啡机', model: 'Linea PB' });
  await ok('POST', '/assets', { code: 'A-FRY-2', store_code: '0002', category: 'fryer', name: '炸炉', model: 'FR-400' });
  await ok('POST', '/items', { code: 'P-THERMO', name: '温控器', kind: 'spare_part', base_unit: 'pcs', standard_cost_fen: 12_345 });
  const technicians = [
    { code: 'T01', name: '王师傅', skills: [{ skill: 'fryer', level: 5 }, { skill: 'coffee_machine', level: 2 }], home_latitude: 31.2250, home_longitude: 121.4460, hourly_cost_fen: 9000 },
    { code: 'T02', name: '李师傅', skills: [{ skill: 'fryer', level: 3 }], home_latitude: 31.2400, home_longitude: 121.5000, hourly_cost_fen: 7000 },
    { code: 'T03', name: '张师傅', skills: [{ skill: 'coffee_machine', level: 5 }], home_latitude: 31.3000, home_longitude: 121.5500, hourly_cost_fen: 8000 },
  ];
  for (const t of technicians) await ok('POST', '/employees', { ...t, role: 'technician' });
}
