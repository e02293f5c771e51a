import type { Migration } from 'kysely';
import { columnTypes } from '../column-types.js';
import type { DialectName } from '../connect.js';
import { foundation } from './0001-foundation.js';
import { masterData } from './0002-master-data.js';
import { salesInventoryLedger } from './0003-sales-inventory-ledger.js';
import { importJobs } from './0004-import-jobs.js';
import { lifecycle } from './0005-lifecycle.js';
import { repairTickets } from './0006-repair-tickets.js';
import { statementsReconciliation } from './0007-statements-reconciliation.js';
import { periodClose } from './0008-period-close.js';
import { reports } from './0009-reports.js';
import { integration } from './0011-integration.js';
import { bankSettlement } from './0012-bank-settlement.js';
import { settlementMatchInputs } from './0013-settlement-match-inputs.js';
import { reconciliationItemIds } from './0014-reconciliation-item-ids.js';
import { expenseSubAccounts } from './0015-expense-sub-accounts.js';
import { runningTotalFillfactor } from './0016-running-total-fillfactor.js';
import { statementFingerprints } from './0017-statement-fingerprints.js';

/**
 * Every schema change, in order. Names sort in the order they run; a released migration is
 * never edited, only followed by a new one.
 */
export function allMigrations(dialect: DialectName): Record<string, Migration> {
  const types = columnTypes(dialect);
  return {
    '0001-foundation': foundation(types),
    '0002-master-data': masterData(types),
    '0003-sales-inventory-ledger': salesInventoryLedger(types, dialect),
    '0004-import-jobs': importJobs(types),
    '0005-lifecycle': lifecycle(types),
    '0006-repair-tickets': repairTickets(types),
    '0007-statements-reconciliation': statementsReconciliation(types),
    '0008-period-close': periodClose(types),
    '0009-reports': reports(types),
    '0011-integration': integration(types),
    '0012-bank-settlement': bankSettlement(types),
    '0013-settlement-match-inputs': settlementMatchInputs(),
    '0014-reconciliation-item-ids': reconciliationItemIds(),
    '0015-expense-sub-accounts': expenseSubAccounts(),
    '0016-running-total-fillfactor': runningTotalFillfactor(dialect),
    '0017-statement-fingerprints': statementFingerprints(),
  };
}
