import {
  computeTicketClocks,
  parseBusinessCalendar,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type SlaTargets,
  type TicketClocks,
  type TicketEvent,
  type TicketEventType,
} from '../../../src/tickets/sla/index.js';

/** Monday to Friday 09:00–18:00 in Shanghai, the office calendar of most repair contractors. */
export const OFFICE_HOURS: BusinessCalendarInput = {
  timeZone: 'Asia/Shanghai',
  weeklyHours: {
    mon: [{ start: '09:00', end: '18:00' }],
    tue: [{ start: '09:00', end: '18:00' }],
    wed: [{ start: '09:00', end: '18:00' }],
    thu: [{ start: '09:00', end: '18:00' }],
    fri: [{ start: '09:00', end: '18:00' }],
  },
};

export const officeCalendar: BusinessCalendar = parseBusinessCalendar(OFFICE_HOURS);
export const alwaysOpen: BusinessCalendar = parseBusinessCalendar({ timeZone: 'Asia/Shanghai', alwaysOpen: true });

/** Targets with both clocks set and the default warning at 80 %. */
export function targets(overrides: Partial<SlaTargets> = {}): SlaTargets {
  return {
    responseMinutes: 30,
    resolutionMinutes: 240,
    acceptMinutes: null,
    arrivalMinutes: null,
    hours: 'business',
    responseEndsOn: 'accepted',
    warnAtPercent: 80,
    ...overrides,
  };
}

/** Build an event at a Shanghai wall-clock time written `YYYY-MM-DD HH:MM`. */
export function at(type: TicketEventType, local: string, extra: Partial<TicketEvent> = {}): TicketEvent {
  return { type, at: shanghai(local), ...extra };
}

/** Write a Shanghai wall-clock time `YYYY-MM-DD HH:MM` as an ISO instant with its offset. */
export function shanghai(local: string): string {
  return `${local.replace(' ', 'T')}:00+08:00`;
}

/** Write a Shanghai wall-clock time as the UTC ISO string that the clocks return. */
export function utc(local: string): string {
  return new Date(shanghai(local)).toISOString();
}

export function clocksAt(
  events: readonly TicketEvent[],
  now: string,
  options: { calendar?: BusinessCalendar; targets?: SlaTargets } = {},
): TicketClocks {
  return computeTicketClocks({
    events,
    calendar: options.calendar ?? officeCalendar,
    targets: options.targets ?? targets(),
    now: shanghai(now),
  });
}
