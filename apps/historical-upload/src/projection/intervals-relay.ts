import { CIC_INTERACTION_STREAM_PREFIX } from '@bridge/contracts';
import { OutboxRelay, PostgresEventStore, type OutboxRelayOptions } from '@bridge/event-store';
import type { DataSource } from 'typeorm';
import { INTERVALS_RELAY } from '../persistence/interval-projection-store';
import type { IntervalProjection } from './interval-projection';

/**
 * The relay that feeds the interval projection from the event store: one leader among the instances, woken by
 * the store's NOTIFY. Its cursor commits asynchronously, since the projection keeps its own position with its
 * rows and recognises a batch it already has (ADR 0009). It reads of each batch only the events the projection
 * uses, each interaction's newest, and the batch's bounds, which the projection's position and gap check need.
 */
export function intervalsRelay(
  projection: IntervalProjection,
  options: Pick<OutboxRelayOptions, 'databaseUrl' | 'schema' | 'batchSize' | 'onError' | 'onLeadership'> & {
    readonly dataSource: DataSource;
  },
): OutboxRelay {
  const log = new PostgresEventStore(options.dataSource, options.schema);
  return new OutboxRelay({
    ...options,
    name: INTERVALS_RELAY,
    store: {
      readAll: (fromPosition, batchSize) =>
        log.readNewestInBatch(fromPosition, batchSize, CIC_INTERACTION_STREAM_PREFIX),
    },
    asynchronousCursor: true,
    readAhead: true,
    publish: async (events) => {
      await projection.apply(events);
    },
  });
}
