import { OutboxRelay, PostgresEventStore, type OutboxRelayOptions } from '@bridge/event-store';
import type { DataSource } from 'typeorm';
import { INTERVALS_RELAY } from '../persistence/interval-projection-store';
import type { IntervalProjection } from './interval-projection';

/**
 * The relay that feeds the interval projection from the event store: one leader among the instances, woken by
 * the store's NOTIFY. Its cursor commits asynchronously, since the projection keeps its own position with its
 * rows and recognises a batch it already has (ADR 0009).
 */
export function intervalsRelay(
  projection: IntervalProjection,
  options: Pick<OutboxRelayOptions, 'databaseUrl' | 'schema' | 'batchSize' | 'onError' | 'onLeadership'> & {
    readonly dataSource: DataSource;
  },
): OutboxRelay {
  return new OutboxRelay({
    ...options,
    name: INTERVALS_RELAY,
    store: new PostgresEventStore(options.dataSource, options.schema),
    asynchronousCursor: true,
    publish: async (events) => {
      await projection.apply(events);
    },
  });
}
