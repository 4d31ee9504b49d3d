/**
 * A typed ICWS client on Node's fetch: connection by password or one-time token with switchover (503 +
 * alternateHostList and the configured server list), the signed-in user's own emails, configuration lists with
 * Range paging, configuration and status subscriptions, and message retrieval by server-sent events (messaging
 * ≥ 2) or short polling. See README.md.
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
  type IcwsConnectSettings,
  type IcwsCredentials,
  type IcwsPasswordCredentials,
  type IcwsSession,
  type IcwsTokenCredentials,
  type IcwsWarning,
} from './icws-session';
export { listConfiguration, PAGE_SIZE, subscribeConfiguration } from './configuration';
export { subscribeStatusMessages, subscribeUserStatuses } from './status';
export { subscribeWorkgroupQueues } from './queues';
/** Custom notifications ([INF]): how the inbox lane reaches an agent's CIC session (issue 19). */
export { sendCustomNotification, type CustomNotification } from './custom-notifications';
export {
  DEFAULT_PART_ITEMS,
  retrieveMessages,
  retrievalModeOf,
  type IcwsIncoming,
  type RetrievalMode,
} from './messages';
export type { MessagePart } from './message-splitter';
export { readOwnEmails, type IcwsUserEmails } from './user-emails';
export { readOwnMasterAdministrator } from './own-rights';
export {
  IcwsConnectError,
  IcwsHttpError,
  IcwsResponseTooLargeError,
  IcwsSignInRefusedError,
} from './icws-errors';
export { DEFAULT_MAX_RESPONSE_BYTES } from './bounded-body';
export { SseParser, type SseEvent } from './sse-parser';
