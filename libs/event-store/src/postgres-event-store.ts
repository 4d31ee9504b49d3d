import { context, propagation } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import { checkedPathState, conflictState, uniqueViolationState } from './append-protocol';
import {
  WrongExpectedVersionError,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from './event-store';
import { quoteIdentifier } from '@bridge/postgres';

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

/** The channel a relay LISTENs on; every append NOTIFYs it on commit. */
export function appendedChannel(schema: string): string {
  return `${schema}_events_appended`;
}

/**
 * The EventStore on Postgres. Each append is one call of `append_events` (a migration creates it), which takes a
 * transaction-scoped advisory lock first: positions then grow in commit order, so a reader that has seen
 * position N has seen every event before N, and the outbox relay can follow the log with a plain cursor.
 */
export class PostgresEventStore implements EventStore {
  private readonly events: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {
    this.events = `${quoteIdentifier(schema)}.events`;
  }

  async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[]) {
    const [result] = await this.appendMany([{ streamId, expectedVersion, events }]);
    return result as AppendResult;
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const trace: Record<string, string> = {};
    propagation.inject(context.active(), trace);
    const withTrace = Object.keys(trace).length > 0 ? { trace } : {};
    const payload = requests.map((request) => ({
      streamId: request.streamId,
      expectedVersion: expectedNumber(request.expectedVersion),
      events: request.events.map((event) => ({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: { ...event.metadata, ...withTrace },
      })),
    }));
    const [only] = payload;
    const [event] = only?.events ?? [];
    const bases = await (only && event && payload.length === 1 && only.events.length === 1
      ? this.tryAppendOne(only.streamId, only.expectedVersion, event)
      : this.tryAppend(JSON.stringify(payload)));
    if (bases) {
      return requests.map((request, i) => ({
        streamId: request.streamId,
        nextVersion: (bases[i] ?? 0) + request.events.length,
        appended: request.events.length,
      }));
    }
    try {
      const [row] = await rowsOf<{ results: AppendResult[] }>(
        this.dataSource,
        `SELECT ${quoteIdentifier(this.schema)}.append_events($1::jsonb, $2) AS results`,
        [JSON.stringify(payload), appendedChannel(this.schema)],
      );
      return row?.results ?? [];
    } catch (error) {
      throw asConflict(error, requests);
    }
  }

  /**
   * The append without its per-event checks (`try_append_events`): each request's version before the call, or
   * undefined when an event was already stored or a version did not hold, and `append_events` must decide.
   */
  private tryAppend(body: string): Promise<number[] | undefined> {
    return settledByIndexes(
      this.dataSource,
      `SELECT ${quoteIdentifier(this.schema)}.try_append_events($1::jsonb, $2) AS base`,
      [body, appendedChannel(this.schema)],
    );
  }

  /** `tryAppend` for one event of one stream, passed as parameters (`try_append_event`). */
  private tryAppendOne(
    streamId: string,
    expected: number | null,
    event: PayloadEvent,
  ): Promise<number[] | undefined> {
    return settledByIndexes(
      this.dataSource,
      `SELECT ARRAY[${quoteIdentifier(this.schema)}.try_append_event($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)] AS base`,
      [
        streamId,
        expected,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        appendedChannel(this.schema),
      ],
    );
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const rows = await rowsOf<EventRow>(
      this.dataSource,
      `SELECT * FROM ${this.events} WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, fromVersion],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(fromPosition: number, batchSize: number): Promise<StoredEvent[]> {
    const rows = await rowsOf<EventRow>(
      this.dataSource,
      `SELECT * FROM ${this.events} WHERE position > $1 ORDER BY position LIMIT $2`,
      [fromPosition, batchSize],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * The batch `readAll(fromPosition, batchSize)` returns, less what a consumer of the streams named by `prefix`
   * needs not parse when each of their events carries its stream's whole state: the events of other streams, and
   * those a later event of the same stream in the batch supersedes. The batch's first and last events stay
   * whatever their stream, so the consumer still knows the part of the log the batch covers.
   */
  async readNewestInBatch(fromPosition: number, batchSize: number, prefix: string): Promise<StoredEvent[]> {
    // The batch is chosen on its positions and stream ids; only the rows kept are read whole, sent and parsed,
    // through the primary key in its order (no sort of whole rows).
    const rows = await rowsOf<EventRow>(
      this.dataSource,
      `SELECT * FROM ${this.events} WHERE position = ANY (ARRAY(
         WITH batch AS (SELECT position, stream_id FROM ${this.events}
                        WHERE position > $1 ORDER BY position LIMIT $2)
         SELECT min(position) FROM batch
         UNION ALL SELECT max(position) FROM batch
         UNION ALL SELECT max(position) FROM batch WHERE starts_with(stream_id, $3) GROUP BY stream_id))
       ORDER BY position`,
      [fromPosition, batchSize, prefix],
    );
    return rows.map(toStoredEvent);
  }

  async lastPosition(): Promise<number> {
    const [row] = await rowsOf<{ last: string | null }>(
      this.dataSource,
      `SELECT max(position) AS last FROM ${this.events}`,
      [],
    );
    return Number(row?.last ?? 0);
  }

  async readRange(
    fromPosition: number,
    toPosition: number,
    newestOnlyOf: readonly string[],
    upTo: number,
  ): Promise<StoredEvent[]> {
    // The newer event is looked for through the (stream_id, stream_version) index; the skipped rows are never
    // sent nor parsed.
    const rows = await rowsOf<EventRow>(
      this.dataSource,
      `SELECT * FROM ${this.events} e WHERE position > $1 AND position <= $2
         AND NOT (EXISTS (SELECT 1 FROM unnest($3::text[]) AS p(prefix) WHERE starts_with(e.stream_id, p.prefix))
                  AND EXISTS (SELECT 1 FROM ${this.events} n WHERE n.stream_id = e.stream_id
                                AND n.stream_version > e.stream_version AND n.position <= $4))
       ORDER BY position`,
      [fromPosition, toPosition, newestOnlyOf, upTo],
    );
    return rows.map(toStoredEvent);
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: Number(row.position),
    id: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

interface PayloadEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: object;
}

/**
 * Runs a `try_append_*` call: the stream versions it returns, or undefined when the unique indexes or a missing
 * expected version sent the append to the checked path.
 */
async function settledByIndexes(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
): Promise<number[] | undefined> {
  try {
    const [row] = await rowsOf<{ base: number[] }>(dataSource, sql, parameters);
    return row?.base ?? [];
  } catch (error) {
    const { code } = error as { code?: string };
    if (code === uniqueViolationState || code === checkedPathState) return undefined;
    throw error;
  }
}

/** TypeORM types raw query results as `any`; the SQL beside each call says what the rows hold. */
async function rowsOf<Row>(
  runner: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  sql: string,
  parameters: unknown[],
): Promise<Row[]> {
  return (await runner.query(sql, parameters)) as Row[];
}

/** `noStream` is version 0; `any` skips the check. */
function expectedNumber(expected: ExpectedVersion): number | null {
  if (expected === 'any') return null;
  return expected === 'noStream' ? 0 : expected;
}

/** The function's conflict error as the port's WrongExpectedVersionError; anything else unchanged. */
function asConflict(error: unknown, requests: readonly AppendRequest[]): unknown {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== conflictState || !detail) return error;
  const { streamId, actualVersion } = JSON.parse(detail) as { streamId: string; actualVersion: number };
  const expected = requests.find((request) => request.streamId === streamId)?.expectedVersion ?? 'any';
  return new WrongExpectedVersionError(streamId, expected, actualVersion);
}
