import { eventDefinitionOf, type Envelope } from '@bridge/contracts';
import type { NewEvent, StoredEvent } from './event-store';

/** Stores an envelope: its data as the event's data, the other envelope fields as metadata. */
export function envelopeToNewEvent(envelope: Envelope): NewEvent {
  const { id, type, data, schemaVersion, occurredAt, source, correlationId, causationId } = envelope;
  return { id, type, data, metadata: { schemaVersion, occurredAt, source, correlationId, causationId } };
}

/**
 * The envelope a stored event was appended as; what the relay publishes and a replay reads. An event stored under
 * a type its contract has since renamed comes back under the new one (ADR 0003): the log is never rewritten.
 */
export function storedEventToEnvelope(event: StoredEvent): Envelope {
  const { schemaVersion, occurredAt, source, correlationId, causationId } = event.metadata as Partial<
    Record<'schemaVersion' | 'occurredAt' | 'source' | 'correlationId' | 'causationId', unknown>
  >;
  return {
    id: event.id,
    type: eventDefinitionOf(event.type)?.type ?? event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : event.recordedAt.toISOString(),
    source: typeof source === 'string' ? source : 'unknown',
    correlationId: typeof correlationId === 'string' ? correlationId : event.id,
    ...(typeof causationId === 'string' ? { causationId } : {}),
    data: event.data,
  };
}
