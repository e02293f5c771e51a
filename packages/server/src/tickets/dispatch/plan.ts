import { solveAssignment } from './auction.js';
import { greatCircleKm } from './geo.js';
import { partsNearby } from './parts.js';
import type { DispatchTechnician, DispatchTicket } from './score.js';
import type { DispatchSettings } from './settings.js';

/** Cost of leaving a ticket unplaced, by priority: above any assignment, higher for urgent ones. */
const UNASSIGNED_COST: Record<string, number> = { urgent: 400_000, high: 300_000, normal: 200_000, low: 100_000 };

export interface PlannedAssignment {
  ticket: DispatchTicket;
  technician: DispatchTechnician;
  score: number;
  travelMinutes: number | null;
}

export interface DispatchPlanResult {
  assignments: PlannedAssignment[];
  unassigned: { ticket: DispatchTicket; reason: 'no_eligible_technician' | 'no_capacity' }[];
  load: { technician: DispatchTechnician; before: number; after: number }[];
  totalScore: number;
}

/**
 * Plan a balanced dispatch: each ticket keeps its `candidate_limit` best eligible technicians
 * by base cost (travel, skill, SLA slack, parts, hours), and the auction assigns them with a
 * growing cost per ticket already in a queue (the workload weight), up to each queue's capacity.
 */
export function planDispatch(tickets: readonly DispatchTicket[], technicians: readonly DispatchTechnician[], settings: DispatchSettings): DispatchPlanResult {
  const limit = settings.candidate_limit;
  const candidates: { technician: number; cost: number; travel: number | null }[][] = [];
  const hasEligible: boolean[] = [];
  // Only technicians with the skill can be eligible, so each ticket scores only those.
  const bySkill = new Map<string, number[]>();
  technicians.forEach((technician, t) => {
    for (const skill of technician.skills.keys()) {
      const list = bySkill.get(skill) ?? [];
      list.push(t);
      bySkill.set(skill, list);
    }
  });

  for (const ticket of tickets) {
    const list: { technician: number; cost: number; travel: number | null }[] = [];
    let qualified = false;
    for (const t of bySkill.get(ticket.skill) ?? []) {
      const cost = quickCost(ticket, technicians[t]!, settings);
      if (cost === null) continue;
      qualified = true;
      if (technicians[t]!.openTickets >= technicians[t]!.capacity) continue;
      insertBest(list, { technician: t, cost: cost.cost, travel: cost.travel }, limit);
    }
    hasEligible.push(qualified);
    candidates.push(list);
  }

  const solved = solveAssignment({
    tickets: tickets.length,
    technicians: technicians.length,
    candidates,
    unassignedCost: tickets.map((ticket) => UNASSIGNED_COST[ticket.priority] ?? 200_000),
    open: technicians.map((t) => t.openTickets),
    capacity: technicians.map((t) => Math.max(0, t.capacity - t.openTickets)),
    slotCost: settings.weights.workload,
  });

  const after = technicians.map((t) => t.openTickets);
  const assignments: PlannedAssignment[] = [];
  const unassigned: DispatchPlanResult['unassigned'] = [];
  tickets.forEach((ticket, i) => {
    const t = solved.technicianOf[i]!;
    if (t < 0) {
      unassigned.push({ ticket, reason: hasEligible[i] ? 'no_capacity' : 'no_eligible_technician' });
      return;
    }
    const candidate = candidates[i]!.find((c) => c.technician === t)!;
    assignments.push({ ticket, technician: technicians[t]!, score: candidate.cost + settings.weights.workload * after[t]!, travelMinutes: candidate.travel });
    after[t]! += 1;
  });

  return {
    assignments,
    unassigned,
    load: technicians.map((technician, t) => ({ technician, before: technician.openTickets, after: after[t]! })),
    totalScore: solved.totalCost,
  };
}

/**
 * The base cost of `scoreCandidate` without building its reasons, for planning thousands of
 * tickets at once; null when the technician lacks the skill or is out of reach. A test keeps
 * the two equal.
 */
export function quickCost(ticket: DispatchTicket, technician: DispatchTechnician, settings: DispatchSettings): { cost: number; travel: number } | null {
  const level = technician.skills.get(ticket.skill) ?? 0;
  if (level === 0) return null;
  const w = settings.weights;
  let travel = technician.travelTable.get(ticket.storeCode);
  if (travel === undefined) {
    if (ticket.latitude === null || ticket.longitude === null || technician.latitude === null || technician.longitude === null) return null;
    travel = (greatCircleKm(technician.latitude, technician.longitude, ticket.latitude, ticket.longitude) / settings.speed_kmh) * 60;
  }
  if (travel > settings.max_travel_minutes) return null;
  let cost = travel * w.travel_minute + (5 - level) * w.skill_gap;
  if (ticket.slackMinutes !== null) cost += Math.max(0, -Math.round(ticket.slackMinutes - travel)) * w.slack_shortfall_minute;
  if (!technician.onDuty) cost += w.off_duty;
  if (ticket.partsNeeded && partsNearby(ticket, technician, settings)?.inStock === false) cost += w.parts_missing;
  return { cost, travel };
}

// Keep the `limit` cheapest candidates, sorted by cost.
function insertBest<T extends { cost: number }>(list: T[], item: T, limit: number): void {
  if (list.length === limit && item.cost >= list[list.length - 1]!.cost) return;
  let index = list.length;
  while (index > 0 && list[index - 1]!.cost > item.cost) index--;
  list.splice(index, 0, item);
  if (list.length > limit) list.pop();
}
