import type { Language } from '../../i18n/language.js';
import type { SlaClock } from './clock.js';
import { formatSlaMessage } from './format-message.js';
import { toEpochMs } from './instant.js';
import type { PauseReason } from './ticket-event.js';
import { formatLocalDateTime } from './zone.js';

export type ClockName = 'response' | 'resolution' | 'acceptance' | 'arrival';

/**
 * Write one line on a clock for a person, with times in the store's local time. It gives what is
 * left and when it is due, or by how much it was breached. `pausedFor` names the pause of a
 * paused clock.
 */
export function summarizeClock(
  language: Language,
  name: ClockName,
  clock: SlaClock,
  timeZone: string,
  pausedFor: readonly PauseReason[] = [],
): string {
  const local = (iso: string): string => formatLocalDateTime(timeZone, toEpochMs(iso, 'instant'));
  const params = {
    clock: name,
    remaining: clock.remainingMinutes,
    overdue: clock.overdueMinutes,
    used: clock.usedMinutes,
    target: clock.targetMinutes,
    due_at: local(clock.dueAt),
    breached_at: clock.breachedAt === null ? '' : local(clock.breachedAt),
    reason: pausedFor[0] ?? '',
  };

  if (clock.status === 'breached') return formatSlaMessage(language, 'summary.breached', params);
  if (clock.status === 'met') return formatSlaMessage(language, 'summary.met', params);
  if (clock.status === 'cancelled') return formatSlaMessage(language, 'summary.cancelled', params);
  if (clock.phase === 'paused') return formatSlaMessage(language, 'summary.paused', params);
  if (clock.status === 'at_risk') return formatSlaMessage(language, 'summary.at_risk', params);
  return formatSlaMessage(language, 'summary.running', params);
}
