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
