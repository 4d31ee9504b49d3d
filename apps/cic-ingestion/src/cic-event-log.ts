import { cicStreamId, type CicObjectKind, type Envelope } from '@bridge/contracts';
import { envelopeToNewEvent, EVENT_STORE, type AppendResult, type EventStore } from '@bridge/event-store';
import { Inject, Injectable } from '@nestjs/common';

/** One CIC event about one CIC object. */
export interface CicObjectEvent {
  readonly kind: CicObjectKind;
  readonly id: string;
  readonly envelope: Envelope;
}

/**
 * Where cic-ingestion records what CIC told it: each event goes to its object's stream (`cic-user:<id>` …), all
 * of one call in one transaction. The outbox relay publishes them to JetStream from there.
 */
@Injectable()
export class CicEventLog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(events: readonly CicObjectEvent[]): Promise<AppendResult[]> {
    return this.store.appendMany(
      events.map((event) => ({
        streamId: cicStreamId(event.kind, event.id),
        expectedVersion: 'any',
        events: [envelopeToNewEvent(event.envelope)],
      })),
    );
  }
}
