import { contextFromCarrier, type EventPublisher } from '@bridge/messaging';
import { storedEventToEnvelope } from './envelope-events';
import type { StoredEvent } from './event-store';

/**
 * The outbox relay's publish step for JetStream: each event in order, as its envelope, continuing the trace that
 * was active when it was appended. Sent one after another so the stream's order is the log's order.
 */
export function relayToJetStream(publisher: EventPublisher) {
  return async (events: readonly StoredEvent[]): Promise<void> => {
    for (const event of events) {
      await publisher.publish(storedEventToEnvelope(event), contextFromCarrier(event.metadata.trace));
    }
  };
}
