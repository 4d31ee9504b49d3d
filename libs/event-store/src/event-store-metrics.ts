import { quoteIdentifier } from '@bridge/postgres';
import { gaugeOnScrape, metricNames } from '@bridge/telemetry';
import type { DataSource } from 'typeorm';
import { outboxLag } from './outbox-lag';

/**
 * Exports the event store's size and this relay's lag on /metrics, each read by one indexed query when Prometheus
 * scrapes. The event count is the newest position: positions come from a sequence, so a rolled-back append leaves
 * a gap and the count can run a little high.
 */
export function watchEventStore(dataSource: DataSource, schemaName: string, relay: string): void {
  const schema = quoteIdentifier(schemaName);
  gaugeOnScrape(metricNames.eventStoreEvents, 'Events in the event store', [], 'store', async () => {
    const rows = await dataSource.query<{ events: string }[]>(
      `SELECT coalesce(max(position), 0) AS events FROM ${schema}.events`,
    );
    return [{ labels: {}, value: Number(rows[0]?.events ?? 0) }];
  });
  gaugeOnScrape(
    metricNames.eventStoreSize,
    'Disk used by the event store table with its indexes',
    [],
    'store',
    async () => {
      const rows = await dataSource.query<{ bytes: string }[]>(
        `SELECT pg_total_relation_size($1::regclass) AS bytes`,
        [`${schema}.events`],
      );
      return [{ labels: {}, value: Number(rows[0]?.bytes ?? 0) }];
    },
  );
  const lag = () => outboxLag(dataSource, schemaName, relay);
  gaugeOnScrape(
    metricNames.outboxLagEvents,
    'Events committed to the event store and not yet published to JetStream by this relay',
    ['relay'],
    relay,
    async () => [{ labels: { relay }, value: (await lag()).events }],
  );
  gaugeOnScrape(
    metricNames.outboxLag,
    'Age of the oldest event this relay has not yet published; 0 when it is up to date',
    ['relay'],
    relay,
    async () => [{ labels: { relay }, value: (await lag()).seconds }],
  );
}
