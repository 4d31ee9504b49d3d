/**
 * The bridge's typed port to Genesys Cloud over the official SDK: one request per method, a rate gate, typed
 * failures. See README.md.
 */
/**
 * The client: SCIM users, skills, languages, wrap-up codes, queues with bulk members and wrap-up codes, secondary
 * statuses, the presence lane's source, primary sources, events and out of office, and the inbox lane's
 * notification channels and WFM management unit reads.
 */
export {
  GenesysClient,
  type GenesysTokenState,
  openGate,
  readAllPages,
  type GenesysClientOptions,
  type HistoricalDataUpload,
  type HistoricalImport,
  type ManagementUnit,
  type NotificationChannel,
  type ShiftTradeState,
  type TimeOffRequestState,
  type WfmRequestState,
  type Page,
  type RequestGate,
} from './genesys-client';
/**
 * The org's one rate budget, a row in Postgres (`genesys_rate_budgets`, this lib's migration, which every calling
 * service runs) that every lane of every service calling the org takes its tokens from (ADR 0007, ADR 0009).
 */
export { PostgresRateGate, type RateGateOptions } from './postgres-rate-gate';
export { rateBudgetMigrations, rateBudgetsTable } from './migrations';
/** The org's client options, rate budget and gate from the `GC_*` settings every calling service reads. */
export { genesysClientOptions, orgRateBudget, orgRateGate, type GenesysOrgSettings } from './org-settings';
/** A failed call: kind (rateLimited, unavailable, timeout, conflict, notFound, rejected), status, code. */
export { GenesysFailure, retryAfterMsOf, toGenesysFailure } from './genesys-failure';
/** Where requests go: a host of our choosing (gateway) or a Genesys Cloud region. */
export { regionTarget, targetOf, type GenesysTarget } from './target';
