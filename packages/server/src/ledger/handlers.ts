import { accountHandlers } from './accounts.js';
import { detailHandlers } from './detail.js';
import { entryHandlers } from './entries.js';
import { periodHandlers } from './period-handlers.js';
import { ruleHandlers } from './rule-handlers.js';
import { trialBalanceHandlers } from './trial-balance.js';

/** Every handler of the ledger's operations. */
export const ledgerHandlers = {
  ...accountHandlers,
  ...ruleHandlers,
  ...periodHandlers,
  ...entryHandlers,
  ...trialBalanceHandlers,
  ...detailHandlers,
};
