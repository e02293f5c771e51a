import { acceptReconciliation } from './accept.js';
import { getReconciliationBridge } from './bridge.js';
import { listReconciliationItemRows, listReconciliationItems } from './items.js';
import { getReconciliation, listReconciliations } from './queries.js';
import { resolveReconciliationItem } from './resolve.js';
import { runReconciliation } from './run.js';
import { getReconciliationSettings, listReconciliationSettings, updateReconciliationSettings } from './settings-handlers.js';
import { createStatement } from './statement-create.js';
import { finishStatement } from './statement-finish.js';
import { addStatementLines } from './statement-lines.js';
import { listStatements } from './statement-list.js';
import './tables.js';

export const reconciliationHandlers = {
  createStatement,
  addStatementLines,
  finishStatement,
  listStatements,
  runReconciliation,
  listReconciliations,
  getReconciliation,
  listReconciliationItems,
  listReconciliationItemRows,
  resolveReconciliationItem,
  acceptReconciliation,
  getReconciliationBridge,
  listReconciliationSettings,
  getReconciliationSettings,
  updateReconciliationSettings,
};
