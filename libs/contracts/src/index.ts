/**
 * The bridge's contracts: stream and subject names, the message envelope, every event's schema and type, the
 * registry of object kinds, the encoder from object ids to subject tokens, and the canonical JSON that equal
 * documents share. Only zod is imported here; see README.md.
 */
export { decodeSubjectToken, encodeSubjectToken } from './subject-token';
export { streams, subjectFilterOf, type StreamDefinition, type StreamName } from './streams';
export {
  defineEvent,
  envelopeSchema,
  subjectOf,
  type Envelope,
  type EventData,
  type EventDefinition,
} from './envelope';
export {
  decodeEvent,
  eventDefinitionOf,
  eventDefinitions,
  InvalidMessageError,
  type AnyEventDefinition,
  type BridgeEvent,
  type EventType,
} from './registry';
export * from './cic/cic-objects';
export { cicStreamId, type CicObjectKind } from './cic/cic-object-events';
export type { TargetKind } from './mapping/target-kind-tokens';
export { cicKinds, targetKinds } from './kinds';
export { cicKindOf, cicObjectOf, isCicEvent, targetKindOf, type CicChange, type CicEvent } from './kind-of';
export { canonicalJson } from './canonical-json';
export { keptJson, keptText } from './kept-text';
export { isUnsafeKey } from './unsafe-keys';
export * from './cic/cic-events';
export * from './mapping/desired-documents';
export * from './mapping/desired-state-events';
export * from './mapping/business-email';
export * from './delivery/delivery-attempt';
export * from './delivery/delivery-record-outcome';
export * from './messaging/deadletter-message-recorded';
/** Genesys Cloud regions and their login/API hosts, for every project that takes a `GC_REGION`. */
export {
  genesysMyPerformanceUrl,
  genesysRegionHosts,
  genesysRegions,
  isGenesysRegion,
  type GenesysRegion,
} from './genesys-regions';
/** Agent presence (issue 12): CIC status facts, and the secondary statuses and presences mapping derives. */
export * from './presence/cic-status-events';
export * from './presence/presence-documents';
export * from './presence/presence-desired-events';
/** Operator commands (issue 15): NATS request/reply subjects, their requests and answers; see operator-command.ts. */
export * from './operator/operator-command';
export * from './operator/operator-commands';
export * from './operator/deletion-commands';
export * from './operator/quarantine-commands';
export * from './operator/plan-commands';
export * from './operator/reprovision-commands';
export * from './operator/sync-commands';
export * from './operator/status-commands';
export * from './operator/mapping-commands';
export * from './operator/record-commands';
export * from './delivery/delivery-reprovision-progressed';
/** Interactions (issue 13): CIC interaction facts, and the desired Genesys conversations mapping derives. */
export * from './interactions/cic-interaction';
export * from './interactions/cic-interaction-events';
export * from './interactions/conversation-documents';
export * from './interactions/conversation-desired-events';
/** Inbox notifications (issue 19): Genesys Cloud WFM notifications on their way to the CIC agent. */
export * from './notifications/inbox-notification-events';
