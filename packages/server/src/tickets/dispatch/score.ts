import type { DispatchSettings } from './settings.js';
import { greatCircleKm } from './geo.js';
import { partsNearby, type PartsNearby, type PartsStock } from './parts.js';

/** What dispatch needs to know of a ticket. */
export interface DispatchTicket {
  number: number;
  storeCode: string;
  latitude: number | null;
  longitude: number | null;
  skill: string;
  priority: string;
  /** Business minutes left on the resolution clock; null when unknown. */
  slackMinutes: number | null;
  partsNeeded: boolean;
  /** Where the needed parts are on hand; absent when their stock was not read. */
  partsStock?: PartsStock;
}

/** What dispatch needs to know of a technician. */
export interface DispatchTechnician {
  code: string;
  name: string;
  skills: ReadonlyMap<string, number>;
  latitude: number | null;
  longitude: number | null;
  openTickets: number;
  capacity: number;
  onDuty: boolean;
  /** Imported minutes to stores, by store code. */
  travelTable: ReadonlyMap<string, number>;
}

export type Factor = 'travel' | 'skill' | 'workload' | 'sla_slack' | 'parts' | 'working_hours' | 'capacity';

/** One factor's contribution, with the message key and params that explain it. */
export interface ScoreReason {
  factor: Factor;
  points: number;
  key: string;
  params: Record<string, unknown>;
}

export interface Travel {
  minutes: number | null;
  km: number | null;
  source: 'table' | 'great_circle' | 'unknown';
}

export interface CandidateScore {
  technician: DispatchTechnician;
  eligible: boolean;
  /** Cost without the workload term, which the balanced plan prices per queue slot. */
  baseCost: number;
  /** baseCost plus the workload of the current queue: the ranking's score. */
  score: number;
  travel: Travel;
  skillLevel: number;
  slackMinutes: number | null;
  /** Whether the technician finds the needed parts nearby; null when none are needed or their stock was not read. */
  partsInStock: boolean | null;
  /** The store holding the parts for this technician: the ticket's own store first. */
  partsStoreCode: string | null;
  reasons: ScoreReason[];
}

/** Minutes from the technician to the ticket's store: the imported table first, else distance at the set speed. */
export function travelTo(ticket: DispatchTicket, technician: DispatchTechnician, speedKmh: number): Travel {
  const fromTable = technician.travelTable.get(ticket.storeCode);
  if (fromTable !== undefined) return { minutes: fromTable, km: null, source: 'table' };
  if (ticket.latitude === null || ticket.longitude === null || technician.latitude === null || technician.longitude === null) {
    return { minutes: null, km: null, source: 'unknown' };
  }
  const km = greatCircleKm(technician.latitude, technician.longitude, ticket.latitude, ticket.longitude);
  return { minutes: (km / speedKmh) * 60, km, source: 'great_circle' };
}

/**
 * Score one technician for one ticket. Lower is better. A technician is eligible when it has the
 * skill, a known travel time within the limit and room in its queue.
 */
export function scoreCandidate(
  ticket: DispatchTicket,
  technician: DispatchTechnician,
  settings: DispatchSettings,
): CandidateScore {
  const w = settings.weights;
  const reasons: ScoreReason[] = [];
  let eligible = true;

  const travel = travelTo(ticket, technician, settings.speed_kmh);
  const travelMinutes = travel.minutes ?? settings.max_travel_minutes;
  const rounded = Math.round(travelMinutes);
  if (travel.source === 'unknown') {
    eligible = false;
    reasons.push({ factor: 'travel', points: travelMinutes * w.travel_minute, key: 'dispatch.travel_unknown', params: {} });
  } else if (travelMinutes > settings.max_travel_minutes) {
    eligible = false;
    reasons.push({ factor: 'travel', points: travelMinutes * w.travel_minute, key: 'dispatch.travel_too_far', params: { minutes: rounded, limit: settings.max_travel_minutes } });
  } else if (travel.source === 'table') {
    reasons.push({ factor: 'travel', points: travelMinutes * w.travel_minute, key: 'dispatch.travel_table', params: { minutes: rounded } });
  } else {
    reasons.push({ factor: 'travel', points: travelMinutes * w.travel_minute, key: 'dispatch.travel_distance', params: { km: (travel.km ?? 0).toFixed(1), minutes: rounded } });
  }

  const skillLevel = technician.skills.get(ticket.skill) ?? 0;
  if (skillLevel === 0) {
    eligible = false;
    reasons.push({ factor: 'skill', points: 5 * w.skill_gap, key: 'dispatch.skill_missing', params: { skill: ticket.skill } });
  } else {
    reasons.push({ factor: 'skill', points: (5 - skillLevel) * w.skill_gap, key: 'dispatch.skill_level', params: { skill: ticket.skill, level: skillLevel } });
  }

  let slackMinutes: number | null = null;
  if (ticket.slackMinutes !== null) {
    slackMinutes = Math.round(ticket.slackMinutes - travelMinutes);
    const short = Math.max(0, -slackMinutes);
    reasons.push(
      short > 0
        ? { factor: 'sla_slack', points: short * w.slack_shortfall_minute, key: 'dispatch.slack_short', params: { short } }
        : { factor: 'sla_slack', points: 0, key: 'dispatch.slack', params: { slack: slackMinutes } },
    );
  }

  const parts = partsNearby(ticket, technician, settings);
  reasons.push(partsReason(ticket, parts, w.parts_missing));

  reasons.push(
    technician.onDuty
      ? { factor: 'working_hours', points: 0, key: 'dispatch.on_duty', params: {} }
      : { factor: 'working_hours', points: w.off_duty, key: 'dispatch.off_duty', params: {} },
  );

  const baseCost = reasons.reduce((sum, reason) => sum + reason.points, 0);
  const workload = technician.openTickets * w.workload;
  if (technician.openTickets >= technician.capacity) {
    eligible = false;
    reasons.push({ factor: 'capacity', points: workload, key: 'dispatch.capacity_full', params: { open: technician.openTickets, capacity: technician.capacity } });
  } else {
    reasons.push({ factor: 'workload', points: workload, key: 'dispatch.workload', params: { open: technician.openTickets, capacity: technician.capacity } });
  }

  return { technician, eligible, baseCost, score: baseCost + workload, travel, skillLevel, slackMinutes, partsInStock: parts?.inStock ?? null, partsStoreCode: parts?.storeCode ?? null, reasons };
}

function partsReason(ticket: DispatchTicket, parts: PartsNearby | null, missingPoints: number): ScoreReason {
  if (!ticket.partsNeeded) return { factor: 'parts', points: 0, key: 'dispatch.parts_none', params: {} };
  if (parts === null) return { factor: 'parts', points: 0, key: 'dispatch.parts_unknown', params: {} };
  if (!parts.inStock) return { factor: 'parts', points: missingPoints, key: 'dispatch.parts_missing', params: {} };
  if (parts.minutes === null) return { factor: 'parts', points: 0, key: 'dispatch.parts_at_store', params: { store: parts.storeCode } };
  return { factor: 'parts', points: 0, key: 'dispatch.parts_nearby', params: { store: parts.storeCode, minutes: Math.round(parts.minutes) } };
}

/** Rank technicians for a ticket: eligible first, then by score, then by code. */
export function rankCandidates(ticket: DispatchTicket, technicians: readonly DispatchTechnician[], settings: DispatchSettings): CandidateScore[] {
  return technicians
    .map((technician) => scoreCandidate(ticket, technician, settings))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.score - b.score || (a.technician.code < b.technician.code ? -1 : 1));
}
