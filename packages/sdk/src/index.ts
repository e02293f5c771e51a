// @boh/sdk: a typed client for the BOH API.
export { BohClient, createClient } from './client.js';
export type { ClientOptions, Language, RequestEvent, RequestOptions } from './transport.js';
export { PagedList, TO_ARRAY_CAP, type Page } from './paginate.js';
export { pathSegment, type MasterDataResource, type UpdateOptions, type WriteOptions } from './resources/master-data.js';
export type { StoreLifecycleResource } from './resources/lifecycle.js';
export type { SitesResource } from './resources/sites.js';
export type { DispatchResource, MaintenanceResource, TicketsResource } from './resources/tickets.js';
export type { ImportsResource } from './resources/imports.js';
export { MAX_BATCH, type BatchSummary, type OrdersResource, type PostBatchOptions } from './resources/orders.js';
export type { StockCountsResource, StockResource } from './resources/stock.js';
export { MAX_STATEMENT_BATCH, type LoadOptions, type StatementUpload, type StatementsResource } from './resources/statements.js';
export type { ReconciliationsResource } from './resources/reconciliations.js';
export type { AccountsResource, JournalResource, LedgerResource, PeriodsResource } from './resources/ledger.js';
export type { ReportFormat, ReportsResource } from './resources/reports.js';
export {
  BohApiError,
  BohAuthenticationError,
  BohBadRequestError,
  BohConflictError,
  BohConnectionError,
  BohError,
  BohNotFoundError,
  BohPermissionError,
  BohPreconditionFailedError,
  BohRateLimitError,
  BohServerError,
  BohTimeoutError,
  BohValidationError,
  type FieldError,
  type ProblemDetails,
} from './errors.js';
export { shouldRetry, retryDelayMs, parseRetryAfter } from './retry.js';
export { SDK_VERSION } from './version.js';
export type { components, operations, paths } from './types.js';
