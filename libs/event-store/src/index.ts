/**
 * The event store (DESIGN §3): Postgres through TypeORM, append with expected version, idempotent by event id,
 * read a stream or the whole log, and the outbox relay that publishes the log to JetStream. See README.md.
 */
export {
  checkExpectedVersion,
  WrongExpectedVersionError,
  type AppendRequest,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from './event-store';
export { InMemoryEventStore } from './in-memory-event-store';
export { PostgresEventStore, appendedChannel } from './postgres-event-store';
export { migrations, openEventStoreDatabase } from './data-source';
export { OutboxRelay, relayedMessageId, type OutboxRelayOptions } from './outbox-relay';
export { envelopeToNewEvent, storedEventToEnvelope } from './envelope-events';
export { readLog, readNewestOf, type RangeReader } from './read-log';
export { relayToJetStream } from './relay-to-jetstream';
export { outboxLag, type OutboxLag } from './outbox-lag';
export { DATABASE_OPTIONS, EVENT_STORE, EventStoreModule } from './event-store.module';
