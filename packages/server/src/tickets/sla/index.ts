// The SLA clock of repair tickets: business calendars, targets and the clocks computed from a
// ticket's timeline. Pure functions over plain data; nothing here reads a clock or a database.
export {
  WEEKDAYS,
  DEFAULT_TIME_ZONE,
  parseBusinessCalendar,
  alwaysOpenCalendar,
  type Weekday,
  type OpeningHours,
  type ExtraWorkingDay,
  type BusinessCalendarInput,
  type BusinessCalendar,
  type MinuteRange,
} from './calendar.js';
export { businessMinutesBetween, addBusinessMinutes, nextBusinessInstant, isBusinessTime } from './business-minutes.js';
export { NO_WORKING_TIME_LIMIT_DAYS, DUE_HORIZON_DAYS } from './business-time.js';
export {
  MAX_TARGET_MINUTES,
  DEFAULT_WARN_AT_PERCENT,
  CLOCK_HOURS,
  RESPONSE_ENDS_ON,
  parseSlaPolicy,
  selectSlaTargets,
  type ClockHours,
  type ResponseEndsOn,
  type SlaTargetRule,
  type SlaPolicyInput,
  type SlaPolicy,
  type SlaTargets,
} from './policy.js';
export {
  TICKET_EVENT_TYPES,
  PAUSE_REASONS,
  type TicketEventType,
  type PauseReason,
  type TicketEvent,
} from './ticket-event.js';
export type { TicketState } from './timeline.js';
export type { ClockPhase, ClockStopReason } from './clock-track.js';
export type { ClockStatus, ElapsedClock, SlaClock } from './clock.js';
export {
  computeTicketClocks,
  type TicketClockInput,
  type TicketClocks,
  type AssignmentClock,
  type PauseRecord,
} from './ticket-clocks.js';
export type { Instant } from './instant.js';
export { SlaError, type SlaIssue } from './sla-error.js';
export { messages, type SlaMessageKey, type SlaErrorCode } from './messages.js';
export { formatSlaMessage } from './format-message.js';
export { summarizeClock, type ClockName } from './clock-summary.js';
