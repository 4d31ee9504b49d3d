import { contextFromCarrier, type EventPublisher } from '@bridge/messaging';
import { storedEventToEnvelope } from './envelope-events';
import type { StoredEvent } from './event-store';
import { relayedMessageId } from './outbox-relay';

/**
 * The outbox relay's publish step for JetStream: each event as its envelope, continuing the trace that was active
 * when it was appended. The batch is pipelined: every publish is written, in log order, before any ack is
 * awaited. One connection delivers them in that order and the stream stores them so; awaiting each ack in turn
 * would make a snapshot wait on one round trip per object. If any publish fails, the batch fails once all have
 * settled, and the relay publishes it again from its cursor (JetStream drops the ones it has by id).
 */
export function relayToJetStream(publisher: EventPublisher) {
  return async (events: readonly StoredEvent[], epoch: string): Promise<void> => {
    const results = await Promise.allSettled(
      events.map((event) =>
        publisher.publish(
          storedEventToEnvelope(event),
          contextFromCarrier(event.metadata.trace),
          relayedMessageId(epoch, event.id),
        ),
      ),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  };
}
