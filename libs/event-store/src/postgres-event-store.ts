import { context, propagation } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  checkExpectedVersion,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from './event-store';
import { quoteIdentifier } from './schema';

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

/** Serialises appends so that global positions are handed out in commit order; see docs/adr/0002. */
const appendLock = 0x6576656e; // "even"

/** The channel a relay LISTENs on; every append NOTIFYs it on commit. */
export function appendedChannel(schema: string): string {
  return `${schema}_events_appended`;
}

/**
 * The EventStore on Postgres. Each append runs in one transaction that takes a transaction-scoped advisory
 * lock first: positions then grow in commit order, so a reader that has seen position N has seen every event
 * before N, and the outbox relay can follow the log with a plain cursor.
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
    return this.transaction(async (runner) => {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [appendLock]);
      const ids = requests.flatMap((request) => request.events.map((event) => event.id));
      const stored = new Set(
        (
          await rowsOf<{ event_id: string }>(
            runner,
            `SELECT event_id FROM ${this.events} WHERE event_id = ANY($1::uuid[])`,
            [ids],
          )
        ).map((row) => row.event_id),
      );
      const versions = await this.currentVersions(
        runner,
        requests.map((request) => request.streamId),
      );
      const columns = {
        id: [] as string[],
        stream: [] as string[],
        version: [] as number[],
        type: [] as string[],
        data: [] as string[],
        metadata: [] as string[],
      };
      const results = requests.map((request) => {
        const fresh = request.events.filter((event) => !stored.has(event.id));
        const current = versions.get(request.streamId) ?? 0;
        if (fresh.length > 0) checkExpectedVersion(request.streamId, request.expectedVersion, current);
        fresh.forEach((event, index) => {
          columns.id.push(event.id);
          columns.stream.push(request.streamId);
          columns.version.push(current + index + 1);
          columns.type.push(event.type);
          columns.data.push(JSON.stringify(event.data));
          columns.metadata.push(
            JSON.stringify({ ...event.metadata, ...(Object.keys(trace).length ? { trace } : {}) }),
          );
        });
        versions.set(request.streamId, current + fresh.length);
        return { streamId: request.streamId, nextVersion: current + fresh.length, appended: fresh.length };
      });
      if (columns.id.length > 0) {
        await runner.query(
          `INSERT INTO ${this.events} (event_id, stream_id, stream_version, type, data, metadata)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[])`,
          [columns.id, columns.stream, columns.version, columns.type, columns.data, columns.metadata],
        );
        await runner.query('SELECT pg_notify($1, $2)', [appendedChannel(this.schema), '']);
      }
      return results;
    });
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

  private async currentVersions(
    runner: QueryRunner,
    streamIds: readonly string[],
  ): Promise<Map<string, number>> {
    const rows = await rowsOf<{ stream_id: string; version: number }>(
      runner,
      `SELECT stream_id, max(stream_version) AS version FROM ${this.events}
       WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
      [[...new Set(streamIds)]],
    );
    return new Map(rows.map((row) => [row.stream_id, row.version]));
  }

  private async transaction<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
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

/** TypeORM types raw query results as `any`; the SQL beside each call says what the rows hold. */
async function rowsOf<Row>(
  runner: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  sql: string,
  parameters: unknown[],
): Promise<Row[]> {
  return (await runner.query(sql, parameters)) as Row[];
}
