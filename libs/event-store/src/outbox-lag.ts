import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource } from 'typeorm';

export interface OutboxLag {
  /** Events committed and not yet published by the relay (the newest position less its cursor). */
  readonly events: number;
  /** The age of the oldest of them; 0 when there is none. */
  readonly seconds: number;
}

/** How far a relay is behind the event store, by two index lookups whatever the backlog. */
export async function outboxLag(
  dataSource: DataSource,
  schemaName: string,
  relay: string,
): Promise<OutboxLag> {
  const schema = quoteIdentifier(schemaName);
  const rows = await dataSource.query<{ events: string; seconds: number | null }[]>(
    `SELECT coalesce((SELECT max(position) FROM ${schema}.events), 0) - c.position AS events,
            extract(epoch FROM now() - (SELECT recorded_at FROM ${schema}.events
                                        WHERE position > c.position ORDER BY position LIMIT 1))::float8 AS seconds
     FROM (SELECT coalesce((SELECT position FROM ${schema}.outbox_cursors WHERE relay = $1), 0) AS position) c`,
    [relay],
  );
  return { events: Number(rows[0]?.events ?? 0), seconds: Math.max(0, rows[0]?.seconds ?? 0) };
}
