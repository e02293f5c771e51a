// The public surface of @boh/server: start a server, build the app for tests, and the
// database-level operations the CLI needs before any token exists.
export { startServer, DEFAULT_HOST, DEFAULT_PORT, type RunningServer, type ServerOptions } from './server.js';
export { buildApp, type AppOptions } from './http/app.js';
export type { ContractViolation } from './http/contract-check.js';
export { loadContract } from './http/contract.js';
export { openDatabase, DEFAULT_SQLITE_FILE, type BohDatabase, type DialectName } from './db/connect.js';
export { migrateToLatest, type MigrationOutcome } from './db/migrate.js';
export { insertToken, tokenToApi, type CreatedToken, type NewToken } from './auth/tokens.js';
export { createToken, type TokenRequest } from './auth/create-token.js';
export { ApiError, toProblem, type ProblemBody } from './http/api-error.js';
export { StartupError } from './startup-error.js';
export { ROLES, isRole, type Role } from './auth/roles.js';
export { SERVER_VERSION } from './version.js';
export { registerClosingGuard, unregisterClosingGuard, closingGuardNames, type ClosingGuard } from './lifecycle/closing-guards.js';
export { loadStoreLifecycleContext, cohortOf, type LifecycleContextQuery, type StoreCohort, type StoreLifecycleContext } from './lifecycle/kpi-context.js';
export { loadStorePerformance, type StorePerformance, type PerformanceWindow } from './lifecycle/site/performance.js';

// Posting services of sales, inventory and the ledger, for other domains and for the benchmark.
// Each takes a PostingContext whose `db` is the transaction to write in.
export type { PostingContext } from './ledger/context.js';
export { businessDate, localTime, periodOf } from './time/business-date.js';
export { postSalesBatch, type SalesBatchInput, type SalesBatchOptions, type SalesBatchResult } from './sales/post-batch.js';
export type { OrderInput, BatchRefundInput, RefundInput } from './sales/canonical.js';
export { recordStockMovement, recordStockMovements, type RecordedMovement } from './inventory/movements.js';
export { postStockDocument, type StockDocumentInput } from './inventory/documents.js';
export type { MovementKind, MovementRequest, NegativeStockPolicy } from './inventory/stock-book.js';
export { postJournalEntry, postJournalEntries, type JournalEntryInput, type JournalLineInput } from './ledger/journal.js';
export { assertPeriodsOpen, changePeriod, isPeriod, lockPeriodsForPosting, type PeriodStatus } from './ledger/periods.js';
export { computeTrialBalance, type LedgerRange } from './ledger/trial-balance.js';
export { bulkInsert } from './db/bulk-insert.js';
export { registerCloseCheck, closeCheckKeys, runCloseChecks, type CloseCheck, type CloseCheckContext, type CloseCheckOutcome, type CheckResult } from './close/checks.js';
export { closePeriodWithChecklist, type CloseOptions } from './close/close-period.js';
export { computeSnapshotContent, canonicalText, contentHash, type SnapshotContent } from './close/snapshot.js';
export { createRun, loadRun, runToApi, type RunRequest } from './reports/run-service.js';
export { reportDefinitions, loadDefinitions, parseDefinition, ReportDefinitionError } from './reports/definitions/load.js';
export { renderRunOutput, OUTPUT_FORMATS, type OutputFormat } from './reports/render-output.js';
export type { RunResult } from './reports/engine/run-result.js';
export { periodReconciliationStatus } from './reconciliation/period-status.js';
export { matchRecords } from './reconciliation/engine.js';
export type { LineRecord, MatchOptions, PosRecord } from './reconciliation/records.js';
