/**
 * The bridge's typed port to Genesys Cloud over the official SDK: one request per method, a rate gate, typed
 * failures. See README.md.
 */
/**
 * The client: SCIM users, skills, languages, wrap-up codes, queues with bulk members and wrap-up codes, secondary
 * statuses, and the presence lane's source, primary sources, events and out of office.
 */
export {
  GenesysClient,
  type GenesysTokenState,
  openGate,
  readAllPages,
  type GenesysClientOptions,
  type Page,
  type RequestGate,
} from './genesys-client';
/** A failed call: kind (rateLimited, unavailable, timeout, conflict, notFound, rejected), status, code. */
export { GenesysFailure, retryAfterMsOf, toGenesysFailure } from './genesys-failure';
/** Where requests go: a host of our choosing (gateway) or a Genesys Cloud region. */
export { regionTarget, targetOf, type GenesysTarget } from './target';
