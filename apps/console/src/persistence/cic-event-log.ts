import {
  CicInboxNotificationDelivered,
  cicKinds,
  cicStatusMessageStreamId,
  cicStreamId,
  inboxNotificationStreamId,
  type CicObjectKind,
  type TargetKind,
} from '@bridge/contracts';
import { summaryOf, type TimelineEntry } from '@bridge/console-projection';
import { PostgresEventStore } from '@bridge/event-store';
import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource } from 'typeorm';

/** The event-store stream of the CIC object a record comes from. */
export function sourceStreamOf(kind: TargetKind, key: string): string {
  if (kind === 'secondaryStatus') return cicStatusMessageStreamId(key);
  const cicKind = (Object.keys(cicKinds) as CicObjectKind[]).find((k) =>
    (cicKinds[k].targets as readonly TargetKind[]).includes(kind),
  );
  if (!cicKind) throw new TypeError(`no CIC kind becomes ${kind}`);
  return cicStreamId(cicKind, key);
}

/**
 * The CIC side of a record's history, read from the event store (read only: cic-ingestion owns it). An empty
 * history while ingestion has not created the store yet.
 */
export class CicEventLog {
  private readonly store: PostgresEventStore;
  private readonly events: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.store = new PostgresEventStore(db, schema);
    this.events = `${quoteIdentifier(schema)}.events`;
  }

  /**
   * The inbox notifications cic-ingestion recorded (one stream each), and those it sent to CIC. The streams share
   * a prefix and stream ids compare bytewise, so this is a range of the (stream_id, stream_version) index: it
   * reads the notification streams alone, however large the store.
   */
  async inboxRecords(): Promise<{ count: number; sent: number }> {
    const prefix = inboxNotificationStreamId('');
    // The first string after every id with the prefix: the prefix with its last character's successor.
    const after = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    try {
      const rows = await this.db.query<{ count: number; sent: number }[]>(
        `SELECT count(*)::int AS count, count(*) FILTER (WHERE data->>'outcome' = 'sent')::int AS sent
         FROM ${this.events}
         WHERE stream_id >= $1 AND stream_id < $2 AND stream_version = 1 AND type = $3`,
        [prefix, after, CicInboxNotificationDelivered.type],
      );
      return rows[0] ?? { count: 0, sent: 0 };
    } catch (error) {
      if (isMissingTable(error)) return { count: 0, sent: 0 };
      throw error;
    }
  }

  async of(kind: TargetKind, key: string): Promise<{ entries: TimelineEntry[]; latest?: unknown }> {
    let events;
    try {
      events = await this.store.readStream(sourceStreamOf(kind, key));
    } catch (error) {
      if (isMissingTable(error)) return { entries: [] };
      throw error;
    }
    const entries = events.map((event) => ({
      at: event.recordedAt.toISOString(),
      source: 'cic' as const,
      type: event.type,
      summary: summaryOf(event.data) || `version ${event.streamVersion}`,
      data: event.data,
    }));
    const last = events[events.length - 1];
    return last ? { entries, latest: last.data } : { entries };
  }
}

/** Postgres' undefined_table: the event store is not migrated yet in this schema. */
function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '42P01';
}
