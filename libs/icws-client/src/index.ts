/**
 * A typed ICWS client on Node's fetch: connection with switchover (503 + alternateHostList and the configured
 * server list), configuration lists with Range paging, subscriptions, and message retrieval by server-sent
 * events (messaging ≥ 2) or short polling. See README.md.
 */
export { IcwsClient, type IcwsClientOptions, type IcwsConnectionState } from './icws-client';
export {
  alternateUrl,
  cleartextServers,
  connect,
  disconnect,
  sessionFetch,
  type Fetch,
  type IcwsConnectOptions,
  type IcwsCredentials,
  type IcwsSession,
  type IcwsWarning,
} from './icws-session';
export { listConfiguration, PAGE_SIZE, subscribeConfiguration } from './configuration';
export { retrieveMessages, retrievalModeOf, type IcwsIncoming, type RetrievalMode } from './messages';
export { IcwsConnectError, IcwsHttpError, IcwsResponseTooLargeError } from './icws-errors';
export { DEFAULT_MAX_RESPONSE_BYTES } from './bounded-body';
export { SseParser, type SseEvent } from './sse-parser';
