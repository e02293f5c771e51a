// Dispatching 10,000 open tickets across 500 technicians (target: under 5 s).
// A: the planner alone, in process. B: POST /dispatch/plan over HTTP on loopback, with the
// tickets and technicians in a SQLite database, so loading and scoring are included.
// Needs `npm run build` first. Usage: node bench/dispatch.bench.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, insertToken, migrateToLatest, openDatabase } from '../packages/server/dist/index.js';
import { planDispatch } from '../packages/server/dist/tickets/dispatch/plan.js';
import { defaultDispatchSettings } from '../packages/server/dist/tickets/dispatch/settings.js';

const TICKETS = 10_000;
const TECHNICIANS = 500;
const STORES = 400;
const SKILLS = ['refrigeration', 'coffee_machine', 'fryer', 'electrical', 'plumbing', 'hvac'];

// A deterministic generator, so every run plans the same problem.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const around = (center, spread) => center + (random() - 0.5) * spread;

const stores = Array.from({ length: STORES }, (_, i) => ({ code: `S${String(i).padStart(4, '0')}`, latitude: around(31.23, 0.6), longitude: around(121.47, 0.7) }));
const technicians = Array.from({ length: TECHNICIANS }, (_, i) => {
  const skills = SKILLS.filter(() => random() < 0.45);
  if (skills.length === 0) skills.push(SKILLS[i % SKILLS.length]);
  return { code: `T${String(i).padStart(4, '0')}`, skills: skills.map((skill) => ({ skill, level: 1 + Math.floor(random() * 5) })), latitude: around(31.23, 0.6), longitude: around(121.47, 0.7) };
});
const tickets = Array.from({ length: TICKETS }, (_, i) => {
  const store = stores[Math.floor(random() * STORES)];
  return { number: i + 1, store, skill: SKILLS[Math.floor(random() * SKILLS.length)], priority: ['urgent', 'high', 'normal', 'low'][Math.floor(random() * 4)], slack: 60 + random() * 600 };
});
const settings = { ...defaultDispatchSettings(), max_travel_minutes: 600 };

function partA() {
  const planTechnicians = technicians.map((t) => ({
    code: t.code, name: t.code, skills: new Map(t.skills.map((s) => [s.skill, s.level])), latitude: t.latitude, longitude: t.longitude,
    openTickets: 0, capacity: 30, onDuty: true, travelTable: new Map(),
  }));
  const planTickets = tickets.map((t) => ({ number: t.number, storeCode: t.store.code, latitude: t.store.latitude, longitude: t.store.longitude, skill: t.skill, priority: t.priority, slackMinutes: t.slack, partsNeeded: false }));
  const times = [];
  let plan;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    plan = planDispatch(planTickets, planTechnicians, settings);
    times.push(performance.now() - started);
  }
  const loads = plan.load.map((l) => l.after);
  console.log(`A planner: median ${Math.round(times.sort((a, b) => a - b)[1])} ms of 3 runs; assigned ${plan.assignments.length}, unassigned ${plan.unassigned.length}; load min ${Math.min(...loads)} max ${Math.max(...loads)}`);
}

async function partB() {
  const folder = mkdtempSync(join(tmpdir(), 'boh-bench-'));
  const database = await openDatabase(join(folder, 'boh.db'));
  await migrateToLatest(database);
  const app = await buildApp({ database });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const { secret } = await insertToken(database.db, { name: 'bench', role: 'admin', storeCodes: [] });
  const call = async (method, path, body) => {
    const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  try {
    const now = new Date().toISOString();
    const db = database.db;
    await db.insertInto('stores').values(stores.map((s) => ({ code: s.code, name: s.code, latitude: s.latitude, longitude: s.longitude, timezone: 'Asia/Shanghai', day_end_cutoff: '00:00', lifecycle_stage: 'operating', active: true, version: 1, created_at: now, updated_at: now }))).execute();
    for (let i = 0; i < technicians.length; i += 100) {
      await db.insertInto('employees').values(technicians.slice(i, i + 100).map((t) => ({ code: t.code, name: t.code, role: 'technician', skills: JSON.stringify(t.skills), home_latitude: t.latitude, home_longitude: t.longitude, active: true, version: 1, created_at: now, updated_at: now }))).execute();
    }
    await db.insertInto('technician_profiles').values(technicians.map((t) => ({ employee_code: t.code, working_hours: JSON.stringify({ always_open: true }), max_open_tickets: 30, version: 1, updated_at: now }))).execute();
    // Tickets are written straight into the table (the API would take minutes to create 10,000);
    // the columns are those the ticket service sets on creation.
    for (let i = 0; i < tickets.length; i += 500) {
      await db.insertInto('tickets').values(tickets.slice(i, i + 500).map((t) => ({
        store_code: t.store.code, kind: 'failure', category: t.skill, priority: t.priority, title: 'bench', reporter_language: 'zh-CN', source: 'import', required_parts: '[]',
        status: 'new', is_open: true, reopen_count: 0, signal_count: 0, created_at: now, resolution_due_at: new Date(Date.now() + t.slack * 60_000).toISOString(),
        parts_cost_fen: 0, labour_cost_fen: 0, version: 1, updated_at: now,
      }))).execute();
    }
    await call('PUT', '/dispatch/settings', settings);
    const times = [];
    let plan;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      plan = await call('POST', '/dispatch/plan', {});
      times.push(performance.now() - started);
    }
    console.log(`B POST /dispatch/plan: median ${Math.round(times.sort((a, b) => a - b)[1])} ms of 3 runs (server-side ${plan.stats.elapsed_ms} ms); tickets ${plan.stats.tickets}, technicians ${plan.stats.technicians}, assigned ${plan.assignments.length}`);
  } finally {
    await app.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
partA();
await partB();
