import {
  cicKinds,
  cicStatusMessageStreamId,
  cicStreamId,
  type CicObjectKind,
  type TargetKind,
} from '@bridge/contracts';
import { summaryOf, type TimelineEntry } from '@bridge/console-projection';
import { PostgresEventStore } from '@bridge/event-store';
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

  constructor(db: DataSource, schema: string) {
    this.store = new PostgresEventStore(db, schema);
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
