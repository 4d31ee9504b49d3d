import { cicStreamId, type CicObjectKind, type Envelope } from '@bridge/contracts';
import {
  envelopeToNewEvent,
  EVENT_STORE,
  type AppendResult,
  type EventStore,
  type StoredEvent,
} from '@bridge/event-store';
import { Inject, Injectable } from '@nestjs/common';

/** One CIC event about one CIC object. */
export interface CicLogEntry {
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

  record(events: readonly CicLogEntry[]): Promise<AppendResult[]> {
    // One request per stream: two requests for one stream in a batch would both claim the same next version.
    const byStream = new Map<string, Envelope[]>();
    for (const event of events) {
      const streamId = cicStreamId(event.kind, event.id);
      byStream.set(streamId, [...(byStream.get(streamId) ?? []), event.envelope]);
    }
    return this.store.appendMany(
      [...byStream].map(([streamId, envelopes]) => ({
        streamId,
        expectedVersion: 'any',
        events: envelopes.map(envelopeToNewEvent),
      })),
    );
  }

  /** Every event of the log in order, batch by batch: how ingestion rebuilds what it knows at start. */
  async *readAll(batchSize = 5_000): AsyncGenerator<StoredEvent> {
    for (let position = 0; ;) {
      const batch = await this.store.readAll(position, batchSize);
      yield* batch;
      const last = batch.at(-1);
      if (!last || batch.length < batchSize) return;
      position = last.position;
    }
  }
}
