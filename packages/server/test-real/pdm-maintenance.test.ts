import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';

// The public Azure predictive-maintenance records (100 machines, 2019–2021) loaded through the
// SDK: machines as assets of ten stores, each failure event (one machine at one time, whatever
// components failed) as a failure ticket, errors as equipment signals, and maintenance records
// resolving the alert tickets the signals opened. MTBF, repeat failures and the number of alert
// tickets are then compared with figures computed here straight from the CSV files, by separate
// and deliberately plain code (sorting and nested loops, no shared helpers with the server).
const DIR = 'azure-pdm-maintenance';
const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;

type Row = Record<string, string>;
const read = (file: string) => parse(readFileSync(realDataPath(DIR, file)), { columns: true, bom: true }) as Row[];
const instant = (text: string) => new Date(`${text.replace(' ', 'T')}Z`).toISOString();
const assetOf = (machine: string) => `M${machine.padStart(3, '0')}`;
const storeOf = (machine: string) => `PDM-${String((Number(machine) - 1) % 10).padStart(2, '0')}`;

let server: TestServer;
let boh: BohClient;
let machines: Row[];
let failureEvents: { machine: string; at: string; components: string[] }[];

beforeAll(async () => {
  machines = read('PdM_machines.csv');
  const grouped = new Map<string, { machine: string; at: string; components: string[] }>();
  for (const row of read('PdM_failures.csv')) {
    const key = `${row.machineID}|${row.datetime}`;
    const event = grouped.get(key) ?? { machine: row.machineID!, at: instant(row.datetime!), components: [] };
    event.components.push(row.failure!);
    grouped.set(key, event);
  }
  failureEvents = [...grouped.values()].sort((a, b) => a.at.localeCompare(b.at) || Number(a.machine) - Number(b.machine));

  server = await startTestServer({ now: () => new Date('2022-06-01T00:00:00Z') });
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });
  for (let s = 0; s < 10; s++) {
    const code = `PDM-${String(s).padStart(2, '0')}`;
    await boh.stores.create({ code, name: `工厂 ${s}` });
    await boh.maintenance.putBusinessCalendar(code, { calendar: { always_open: true } });
  }
  for (const m of machines) {
    await boh.assets.create({ code: assetOf(m.machineID!), store_code: storeOf(m.machineID!), category: 'other', name: `machine ${m.machineID}`, model: m.model! });
  }
}, 600_000);
afterAll(async () => {
  await boh?.close();
  await server?.close();
});

describe('failures as tickets', () => {
  it('loads every failure event as a resolved failure ticket', async () => {
    const codes: string[] = [];
    for (let i = 0; i < failureEvents.length; i += 400) {
      const chunk = failureEvents.slice(i, i + 400);
      const result = await boh.tickets.batch({
        rows: chunk.map((e) => ({
          action: 'create' as const,
          create: {
            store_code: storeOf(e.machine), asset_code: assetOf(e.machine), kind: 'failure' as const, category: 'other' as const,
            title: `failure ${e.components.join('+')}`, reported_at: e.at, external_ref: `pdm-${e.machine}-${e.at}`,
          },
        })),
      });
      expect(result.applied).toBe(true);
      codes.push(...result.results.map((r) => r.ticket_code!));
    }
    for (let i = 0; i < codes.length; i += 400) {
      const result = await boh.tickets.batch({
        rows: codes.slice(i, i + 400).map((code, k) => ({ action: 'transition' as const, ticket_code: code, transition: { to: 'resolved' as const, at: failureEvents[i + k]!.at } })),
      });
      expect(result.applied).toBe(true);
    }
    expect(codes).toHaveLength(failureEvents.length);
    expect(failureEvents.length).toBe(719);
  });

  it('gives the MTBF per model computed from the raw failures', async () => {
    // Independent figure: per machine, the gaps between consecutive distinct failure times,
    // pooled per model: Σ gaps ÷ number of gaps, in hours.
    const modelOf = new Map(machines.map((m) => [m.machineID!, m.model!]));
    const times = new Map<string, number[]>();
    for (const row of read('PdM_failures.csv')) {
      const list = times.get(row.machineID!) ?? [];
      const t = Date.parse(instant(row.datetime!));
      if (!list.includes(t)) list.push(t);
      times.set(row.machineID!, list);
    }
    const pooled = new Map<string, { sum: number; gaps: number; failures: number; machines: number }>();
    for (const [machine, list] of times) {
      list.sort((a, b) => a - b);
      const model = modelOf.get(machine)!;
      const entry = pooled.get(model) ?? { sum: 0, gaps: 0, failures: 0, machines: 0 };
      entry.machines += 1;
      entry.failures += list.length;
      for (let i = 1; i < list.length; i++) {
        entry.sum += list[i]! - list[i - 1]!;
        entry.gaps += 1;
      }
      pooled.set(model, entry);
    }

    const reliability = await boh.maintenance.reliability();
    expect(reliability.data.map((m) => m.model)).toEqual([...pooled.keys()].sort());
    for (const m of reliability.data) {
      const expected = pooled.get(m.model)!;
      expect(m, m.model).toMatchObject({ assets: expected.machines, failures: expected.failures, intervals: expected.gaps });
      expect(m.mtbf_hours!).toBeCloseTo(expected.sum / expected.gaps / 3_600_000, 2);
    }
  });

  it('lists the repeat failures computed from the raw failures', async () => {
    // Independent figures with nested loops over all failure events sorted by time.
    const modelOf = new Map(machines.map((m) => [m.machineID!, m.model!]));
    const events = failureEvents.map((e) => ({ ...e, t: Date.parse(e.at) }));
    let sameAsset = 0;
    let sameModel = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      let previousSameMachine: number | undefined;
      let previousOtherStore: number | undefined;
      for (let j = 0; j < i; j++) {
        const p = events[j]!;
        if (p.t === e.t && p.machine === e.machine) continue;
        if (p.machine === e.machine) previousSameMachine = p.t;
        if (modelOf.get(p.machine) === modelOf.get(e.machine) && storeOf(p.machine) !== storeOf(e.machine) && p.t <= e.t) previousOtherStore = p.t;
      }
      if (previousSameMachine !== undefined && e.t - previousSameMachine <= WINDOW_DAYS * DAY_MS) sameAsset++;
      // The latest earlier failure of the model, at any store, must lie within the window; the
      // nearest one at another store is the one named.
      if (previousOtherStore !== undefined && e.t - previousOtherStore <= WINDOW_DAYS * DAY_MS) sameModel++;
    }

    const repeats = await boh.maintenance.repeatFailures({ days: WINDOW_DAYS });
    expect(repeats.same_asset).toHaveLength(sameAsset);
    expect(repeats.same_model).toHaveLength(sameModel);
    expect(sameAsset).toBeGreaterThan(0);
    expect(sameModel).toBeGreaterThan(100);
  });
});

describe('errors as signals', () => {
  it('opens one alert ticket per machine and error until maintenance, never a duplicate', async () => {
    await boh.maintenance.putSignalRules({ rules: [{ code: 'pdm-error', fault_code: '*', kind: 'alert', ticket_category: 'other', priority: 'normal', title: 'error' }] });
    type Step = { at: string; machine: string; kind: 'error' | 'maintenance'; code: string };
    const steps: Step[] = [
      ...read('PdM_maint.csv').map((r) => ({ at: instant(r.datetime!), machine: r.machineID!, kind: 'maintenance' as const, code: r.comp! })),
      ...read('PdM_errors.csv').map((r) => ({ at: instant(r.datetime!), machine: r.machineID!, kind: 'error' as const, code: r.errorID! })),
    ];
    // Maintenance before errors at the same instant; then by machine and code.
    steps.sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === 'maintenance' ? -1 : 1) || Number(a.machine) - Number(b.machine) || a.code.localeCompare(b.code));

    // Independent figure: a set of open error codes per machine, cleared by maintenance.
    const open = new Map<string, Set<string>>();
    let expectedTickets = 0;
    for (const step of steps) {
      const set = open.get(step.machine) ?? new Set<string>();
      open.set(step.machine, set);
      if (step.kind === 'maintenance') set.clear();
      else if (!set.has(step.code)) {
        set.add(step.code);
        expectedTickets++;
      }
    }

    let opened = 0;
    let updated = 0;
    const openTickets = new Map<string, Set<string>>();
    for (const step of steps) {
      const asset = assetOf(step.machine);
      if (step.kind === 'error') {
        const outcome = await boh.maintenance.recordSignal(asset, { at: step.at, fault_code: step.code });
        const match = outcome.matched[0]!;
        if (match.action === 'opened') opened++;
        else updated++;
        const set = openTickets.get(asset) ?? new Set<string>();
        set.add(match.ticket_code);
        openTickets.set(asset, set);
        continue;
      }
      for (const code of openTickets.get(asset) ?? []) await boh.tickets.transition(code, { to: 'resolved', at: step.at, note: `maintenance ${step.code}` });
      openTickets.delete(asset);
    }

    expect(opened).toBe(expectedTickets);
    expect(opened + updated).toBe(read('PdM_errors.csv').length);
    let alerts = 0;
    for await (const _ticket of boh.tickets.list({ kind: 'alert', limit: 500 })) alerts++;
    expect(alerts).toBe(expectedTickets);
  });
});
