/**
 * A balanced assignment of tickets to technicians, solved as a min-cost assignment with
 * capacities by the auction algorithm (Bertsekas) with ε-scaling.
 *
 * Each technician t offers `capacity[t]` slots; slot s costs `slotCost[t] * (open[t] + s)` on
 * top of the ticket's own cost, so every further ticket in a queue costs more than the one
 * before. That convex load cost is what balances the plan: a ticket goes to a busier technician
 * only when the saving in travel, skill and SLA outweighs the extra load. A ticket may stay
 * unassigned at `unassignedCost[i]`, which is how capacity shortages are settled: the tickets
 * with the lowest cost of waiting (the least urgent) are the ones left out.
 *
 * With integer costs scaled by n + 1 and a final ε of 1, the result is an optimal assignment
 * (ε-complementary slackness with ε < 1/n on the unscaled problem).
 */
export interface AssignmentProblem {
  tickets: number;
  technicians: number;
  /** Per ticket, the candidate technicians and the ticket's cost with each (without load). */
  candidates: readonly { technician: number; cost: number }[][];
  /** Cost of leaving each ticket unassigned. */
  unassignedCost: readonly number[];
  /** Open tickets each technician has already. */
  open: readonly number[];
  /** Further tickets each technician can take. */
  capacity: readonly number[];
  /** Cost of each ticket in a technician's queue. */
  slotCost: number;
}

export interface AssignmentResult {
  /** The technician of each ticket, or -1 when left unassigned. */
  technicianOf: Int32Array;
  totalCost: number;
}

const UNASSIGNED = -2;
const NONE = -1;

export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const n = problem.tickets;
  const scale = n + 1;
  const round = (cost: number) => Math.round(cost * 100) * scale;

  // Slots are numbered per technician: slotStart[t] … slotStart[t + 1] - 1.
  const slotStart = new Int32Array(problem.technicians + 1);
  for (let t = 0; t < problem.technicians; t++) slotStart[t + 1] = slotStart[t]! + Math.max(0, problem.capacity[t]!);
  const slots = slotStart[problem.technicians]!;
  const slotValue = new Float64Array(slots);
  const price = new Float64Array(slots);
  const owner = new Int32Array(slots).fill(NONE);
  for (let t = 0; t < problem.technicians; t++) {
    for (let s = slotStart[t]!; s < slotStart[t + 1]!; s++) slotValue[s] = -round(problem.slotCost * (problem.open[t]! + s - slotStart[t]!));
  }

  // Per technician: its best slot (value minus price) and the second best, so a bid costs
  // O(candidates) and only the technician whose price rose is scanned again.
  const best1 = new Float64Array(problem.technicians);
  const best2 = new Float64Array(problem.technicians);
  const bestSlot = new Int32Array(problem.technicians);
  const rescan = (t: number) => {
    let v1 = -Infinity;
    let v2 = -Infinity;
    let at = NONE;
    for (let s = slotStart[t]!; s < slotStart[t + 1]!; s++) {
      const v = slotValue[s]! - price[s]!;
      if (v > v1) {
        v2 = v1;
        v1 = v;
        at = s;
      } else if (v > v2) v2 = v;
    }
    best1[t] = v1;
    best2[t] = v2;
    bestSlot[t] = at;
  };

  const benefit = problem.candidates.map((list) => list.map((c) => -round(c.cost)));
  const stay = problem.unassignedCost.map((cost) => -round(cost));
  const assigned = new Int32Array(n).fill(NONE);

  let maxSpread = 1;
  for (let i = 0; i < n; i++) for (const b of benefit[i]!) maxSpread = Math.max(maxSpread, Math.abs(b - stay[i]!));
  let epsilon = Math.max(1, Math.floor(maxSpread / 4));

  const queue = new Int32Array(n);
  for (;;) {
    // Each phase starts with every ticket unassigned and the prices of the last phase.
    assigned.fill(NONE);
    owner.fill(NONE);
    for (let t = 0; t < problem.technicians; t++) rescan(t);
    let head = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) queue[tail++ % n] = i;

    while (head !== tail) {
      const i = queue[head++ % n]!;
      const list = problem.candidates[i]!;
      let first = stay[i]!;
      let second = -Infinity;
      let chosen = NONE;
      for (let k = 0; k < list.length; k++) {
        const t = list[k]!.technician;
        if (bestSlot[t] === NONE) continue;
        const b = benefit[i]![k]!;
        const v1 = b + best1[t]!;
        const v2 = b + best2[t]!;
        if (v1 > first) {
          second = Math.max(first, v2);
          first = v1;
          chosen = t;
        } else {
          second = Math.max(second, v1);
        }
      }
      if (chosen === NONE) {
        assigned[i] = UNASSIGNED;
        continue;
      }

      const slot = bestSlot[chosen]!;
      price[slot]! += first - second + epsilon;
      const previous = owner[slot]!;
      owner[slot] = i;
      assigned[i] = slot;
      rescan(chosen);
      if (previous !== NONE) {
        assigned[previous] = NONE;
        queue[tail++ % n] = previous;
      }
    }

    if (epsilon === 1) break;
    epsilon = Math.max(1, Math.floor(epsilon / 5));
  }

  const technicianOf = new Int32Array(n).fill(-1);
  const slotTechnician = new Int32Array(slots);
  for (let t = 0; t < problem.technicians; t++) for (let s = slotStart[t]!; s < slotStart[t + 1]!; s++) slotTechnician[s] = t;
  let totalCost = 0;
  const used = new Int32Array(problem.technicians);
  for (let i = 0; i < n; i++) {
    const slot = assigned[i]!;
    if (slot >= 0) technicianOf[i] = slotTechnician[slot]!;
  }
  for (let i = 0; i < n; i++) {
    const t = technicianOf[i]!;
    if (t < 0) {
      totalCost += problem.unassignedCost[i]!;
      continue;
    }
    const candidate = problem.candidates[i]!.find((c) => c.technician === t)!;
    totalCost += candidate.cost + problem.slotCost * (problem.open[t]! + used[t]!);
    used[t]! += 1;
  }
  return { technicianOf, totalCost };
}
