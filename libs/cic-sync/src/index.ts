/**
 * CIC configuration → CIC domain events, as pure decisions (no I/O): parsing ICWS items and messages into the
 * contracts' objects (a bad item is a typed Rejection, never an exception), diffing a snapshot against what the
 * log knows, merging delta messages, and deterministic event ids. See README.md.
 */
export { ABSENT_PROPERTIES, ICWS, SUBSCRIBED_PROPERTIES, type AbsentProperty } from './icws-names';
export { CIC_KINDS, type CicObject, type CicObjectByKind } from './kinds';
export type { Rejection, RejectionReason } from './rejection';
export { parseItem, type ItemResult } from './parse-item';
export { parseConfigMessage, type ConfigMessage, type MessageResult } from './parse-message';
export { mergeDelta } from './merge-delta';
export {
  changeOf,
  objectAfter,
  type CicObjectChange,
  type EventIdOf,
  type KnownObject,
  type KnownObjects,
} from './cic-object-change';
export { diffSnapshot } from './diff-snapshot';
export {
  CicMirror,
  type AppliedDefault,
  type Decision,
  type LoggedEvent,
  type MessagePart,
} from './cic-mirror';
export {
  isoOfIcwsDate,
  isStatusMessage,
  parseStatusEnvelope,
  parseStatusMessage,
  parseUserStatus,
} from './parse-status';
export { CicStatusMirror, type CicStatusChange, type StatusDecision } from './status-mirror';
export {
  INTERACTION_ATTRIBUTES,
  isQueueMessage,
  parseObservedInteraction,
  type ObservedInteraction,
  type ObservedState,
} from './parse-interaction';
export { interactionChanges, type InteractionChange } from './interaction-changes';
export {
  CicInteractionMirror,
  type CicInteractionFact,
  type InteractionDecision,
} from './interaction-mirror';
/** Inbox notifications (issue 19): the custom notification an agent's CIC client receives for one WFM notification. */
export {
  INBOX_EVENT_ID,
  inboxLaunchUrlOf,
  inboxLineOf,
  inboxMessageOf,
  type InboxMessage,
} from './inbox-message';
