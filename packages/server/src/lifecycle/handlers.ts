import { batchHandlers } from './batch.js';
import { budgetHandlers } from './budget.js';
import { registerBuiltinClosingGuards } from './builtin-closing-guards.js';
import { checklistHandlers } from './checklist-handlers.js';
import { contextHandlers } from './context-handlers.js';
import { attributeHandlers } from './site/attributes.js';
import { scoreHandlers } from './site/score-handlers.js';
import { siteHandlers } from './site/sites.js';
import { transitionHandlers } from './transition-handlers.js';

registerBuiltinClosingGuards();

/** Every handler of the store lifecycle and site selection. */
export const lifecycleHandlers = {
  ...transitionHandlers,
  ...checklistHandlers,
  ...batchHandlers,
  ...budgetHandlers,
  ...contextHandlers,
  ...attributeHandlers,
  ...siteHandlers,
  ...scoreHandlers,
};
