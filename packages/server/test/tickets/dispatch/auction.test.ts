// The balanced assignment is optimal: compared with an exhaustive search on small problems.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveAssignment, type AssignmentProblem } from '../../../src/tickets/dispatch/auction.js';
import { planDispatch, quickCost } from '../../../src/tickets/dispatch/plan.js';
import { scoreCandidate, type DispatchTechnician, type DispatchTicket } from '../../../src/tickets/dispatch/score.js';
import { defaultDispatchSettings } from '../../../src/tickets/dispatch/settings.js';

/** The cheapest total over every way to place the tickets, by exhaustive search. */
function bruteForce(problem: AssignmentProblem): number {
  const used = new Array(problem.technicians).fill(0);
  let best = Infinity;
  const walk = (i: number, cost: number) => {
    if (cost >= best) return;
    if (i === problem.tickets) {
      best = cost;
      return;
    }
    walk(i + 1, cost + problem.unassignedCost[i]!);
    for (const candidate of problem.candidates[i]!) {
      const t = candidate.technician;
      if (used[t] >= problem.capacity[t]!) continue;
      const slot = problem.slotCost * (problem.open[t]! + used[t]);
      used[t]++;
      walk(i + 1, cost + candidate.cost + slot);
      used[t]--;
    }
  };
  walk(0, 0);
  return best;
}

const problemArbitrary = fc
  .record({ tickets: fc.integer({ min: 1, max: 7 }), technicians: fc.integer({ min: 1, max: 4 }) })
  .chain(({ tickets, technicians }) =>
    fc.record({
      tickets: fc.constant(tickets),
      technicians: fc.constant(technicians),
      candidates: fc.array(
        fc.uniqueArray(fc.record({ technician: fc.integer({ min: 0, max: technicians - 1 }), cost: fc.integer({ min: 0, max: 200 }) }), { selector: (c) => c.technician, maxLength: technicians }),
        { minLength: tickets, maxLength: tickets },
      ),
      unassignedCost: fc.array(fc.integer({ min: 100, max: 600 }), { minLength: tickets, maxLength: tickets }),
      open: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: technicians, maxLength: technicians }),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: technicians, maxLength: technicians }),
      slotCost: fc.integer({ min: 0, max: 40 }),
    }),
  );

describe('solveAssignment', () => {
  it('finds a minimum-cost assignment', () => {
    fc.assert(
      fc.property(problemArbitrary, (problem) => {
        const result = solveAssignment(problem);
        expect(result.totalCost).toBeCloseTo(bruteForce(problem), 6);
        const load = new Array(problem.technicians).fill(0);
        result.technicianOf.forEach((t, i) => {
          if (t < 0) return;
          expect(problem.candidates[i]!.some((c) => c.technician === t)).toBe(true);
          load[t]++;
        });
        load.forEach((n, t) => expect(n).toBeLessThanOrEqual(problem.capacity[t]!));
      }),
      { numRuns: 300 },
    );
  });

  it('spreads equal tickets evenly instead of filling the first queue', () => {
    const result = solveAssignment({
      tickets: 9,
      technicians: 3,
      candidates: Array.from({ length: 9 }, () => [0, 1, 2].map((technician) => ({ technician, cost: 10 }))),
      unassignedCost: new Array(9).fill(1000),
      open: [0, 0, 0],
      capacity: [9, 9, 9],
      slotCost: 15,
    });
    const load = [0, 0, 0];
    for (const t of result.technicianOf) load[t]!++;
    expect(load).toEqual([3, 3, 3]);
  });
});

const technician = (code: string, skills: [string, number][], at: [number, number], open = 0): DispatchTechnician => ({
  code, name: code, skills: new Map(skills), latitude: at[0], longitude: at[1], openTickets: open, capacity: 5, onDuty: true, travelTable: new Map(),
});
const ticket = (number: number, skill: string, at: [number, number], slack: number | null = 600): DispatchTicket => ({
  number, storeCode: `S${number}`, latitude: at[0], longitude: at[1], skill, priority: 'normal', slackMinutes: slack, partsNeeded: false,
});

describe('planDispatch', () => {
  it('uses the same base cost as the ranking', () => {
    const settings = defaultDispatchSettings();
    const t = technician('T1', [['fryer', 3]], [31.2, 121.4], 2);
    const k = ticket(1, 'fryer', [31.25, 121.45], 20);
    expect(quickCost(k, t, settings)!.cost).toBeCloseTo(scoreCandidate(k, t, settings).baseCost, 9);
  });

  it('prices missing parts the same as the ranking, per technician', () => {
    const settings = { ...defaultDispatchSettings(), max_travel_minutes: 60 };
    // The parts are only at store P, 17 km north of the ticket. NORTH is 8 km from P; SOUTH is
    // 28 km from it, beyond 60 minutes at 25 km/h.
    const partsStock = { atTicketStore: false, otherStores: [{ code: 'P', latitude: 31.4, longitude: 121.45 }] };
    const k = { ...ticket(1, 'fryer', [31.25, 121.45], null), partsNeeded: true, partsStock };
    const north = technician('NORTH', [['fryer', 4]], [31.33, 121.45]);
    const south = technician('SOUTH', [['fryer', 4]], [31.15, 121.45]);
    for (const t of [north, south]) expect(quickCost(k, t, settings)!.cost).toBeCloseTo(scoreCandidate(k, t, settings).baseCost, 9);
    expect(scoreCandidate(k, north, settings)).toMatchObject({ eligible: true, partsInStock: true, partsStoreCode: 'P' });
    expect(scoreCandidate(k, south, settings)).toMatchObject({ eligible: true, partsInStock: false, partsStoreCode: null });
    expect(scoreCandidate(k, south, settings).reasons.find((r) => r.factor === 'parts')!.points).toBe(60);
  });

  it('leaves no technician idle while another is loaded, when both can do the work', () => {
    const settings = defaultDispatchSettings();
    const technicians = [technician('NEAR', [['fryer', 4]], [31.23, 121.45]), technician('FAR', [['fryer', 4]], [31.26, 121.48])];
    const tickets = Array.from({ length: 6 }, (_, i) => ticket(i + 1, 'fryer', [31.23, 121.45]));
    const plan = planDispatch(tickets, technicians, settings);
    expect(plan.load.map((l) => l.after)).toEqual([3, 3]);
    expect(plan.unassigned).toEqual([]);
  });

  it('says why a ticket stays unassigned', () => {
    const settings = defaultDispatchSettings();
    const technicians = [{ ...technician('ONE', [['fryer', 4]], [31.23, 121.45]), capacity: 1 }];
    const plan = planDispatch([ticket(1, 'fryer', [31.23, 121.45]), ticket(2, 'fryer', [31.23, 121.45]), ticket(3, 'hvac', [31.23, 121.45])], technicians, settings);
    expect(plan.unassigned.map((u) => [u.ticket.number, u.reason]).sort()).toEqual([
      [2, 'no_capacity'],
      [3, 'no_eligible_technician'],
    ]);
  });
});
