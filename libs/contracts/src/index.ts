/**
 * The bridge's contracts: stream and subject names, the message envelope, every event's schema and type, and
 * the encoder from object ids to subject tokens. Only zod is imported here; see README.md.
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
  definitionOf,
  eventDefinitions,
  InvalidMessageError,
  type AnyEventDefinition,
  type BridgeEvent,
  type EventType,
} from './registry';
export * from './cic/cic-objects';
export { cicObjectKinds, cicStreamId, type CicObjectKind } from './cic/cic-object-events';
export * from './cic/cic-events';
export * from './mapping/desired-documents';
export * from './mapping/desired-state-events';
export * from './mapping/business-email';
export * from './delivery/delivery-outcome-recorded';
export * from './messaging/dead-letter-recorded';
/** Genesys Cloud regions and their login/API hosts, for every project that takes a `GC_REGION`. */
export { genesysRegionHosts, genesysRegions, isGenesysRegion, type GenesysRegion } from './genesys-regions';
