import type { Envelope } from '@bridge/contracts';
import {
  envelopeToNewEvent,
  EVENT_STORE,
  type AppendResult,
  type EventStore,
  type StoredEvent,
} from '@bridge/event-store';
import { Inject, Injectable } from '@nestjs/common';

/** One CIC event and its stream (`cic-user:<id>`, `cic-user-status:<id>` …). */
export interface CicLogEntry {
  readonly streamId: string;
  readonly envelope: Envelope;
}

/**
 * Where cic-ingestion records what CIC told it: each event goes to its own stream, all
 * of one call in one transaction. The outbox relay publishes them to JetStream from there.
 */
@Injectable()
export class CicEventLog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(events: readonly CicLogEntry[]): Promise<AppendResult[]> {
    // One request per stream: two requests for one stream in a batch would both claim the same next version.
    const byStream = new Map<string, Envelope[]>();
    for (const event of events) {
      const envelopes = byStream.get(event.streamId);
      if (envelopes) envelopes.push(event.envelope);
      else byStream.set(event.streamId, [event.envelope]);
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
