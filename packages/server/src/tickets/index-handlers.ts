import { analyticsHandlers } from './analytics/handlers.js';
import { attachmentHandlers } from './attachments.js';
import { batchHandlers } from './batch.js';
import { registerTicketClosingGuard } from './closing-guard.js';
import { costHandlers } from './costs.js';
import { dispatchHandlers } from './dispatch/handlers.js';
import { eventHandlers } from './events.js';
import { ticketHandlers } from './handlers.js';
import { planHandlers } from './plans.js';
import { progressHandlers } from './progress.js';
import { settingsHandlers } from './settings-handlers.js';
import { signalHandlers } from './signals.js';
import { slaRunHandlers } from './sla-run.js';
import { technicianHandlers } from './technicians.js';

registerTicketClosingGuard();

/** Every operation of the repair-ticket domain, spread into the server's handler map. */
export const repairTicketHandlers = {
  ...ticketHandlers,
  ...batchHandlers,
  ...costHandlers,
  ...attachmentHandlers,
  ...progressHandlers,
  ...dispatchHandlers,
  ...settingsHandlers,
  ...technicianHandlers,
  ...signalHandlers,
  ...planHandlers,
  ...eventHandlers,
  ...slaRunHandlers,
  ...analyticsHandlers,
};
