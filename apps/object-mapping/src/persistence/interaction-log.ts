import {
  CIC_INTERACTION_STREAM_PREFIX,
  CicInteractionDisconnected,
  cicInteractionEvents,
  cicInteractionSchema,
  type CicInteraction,
} from '@bridge/contracts';
import { openDatabase, quoteIdentifier } from '@bridge/postgres';
import type { DataSource } from 'typeorm';

/**
 * The interaction streams of the event store, read only (cic-ingestion owns the store). Opened at the first read:
 * mapping itself needs only NATS, so object-mapping starts and maps without Postgres.
 */
export class InteractionLog {
  private db: Promise<DataSource> | undefined;
  private readonly events: string;

  constructor(private readonly options: { url: string; schema: string }) {
    this.events = `${quoteIdentifier(options.schema)}.events`;
  }

  /**
   * The latest state of every interaction that disconnected in [from, to), by CIC's disconnect time, in
   * interaction id order.
   */
  async disconnectedIn(from: Date, to: Date): Promise<CicInteraction[]> {
    const db = await this.database();
    const rows = await db.query<{ data: { interaction?: unknown } }[]>(
      `WITH disconnected AS (
         SELECT DISTINCT stream_id FROM ${this.events}
         WHERE type = $1 AND starts_with(stream_id, $2)
           AND (data->'interaction'->>'disconnectedAt')::timestamptz >= $3
           AND (data->'interaction'->>'disconnectedAt')::timestamptz < $4)
       SELECT DISTINCT ON (e.stream_id) e.data FROM ${this.events} e JOIN disconnected USING (stream_id)
       WHERE e.type = ANY($5)
       ORDER BY e.stream_id, e.stream_version DESC`,
      [
        CicInteractionDisconnected.type,
        CIC_INTERACTION_STREAM_PREFIX,
        from,
        to,
        cicInteractionEvents.map((definition) => definition.type),
      ],
    );
    return rows.flatMap((row) => {
      const parsed = cicInteractionSchema.safeParse(row.data.interaction);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async close(): Promise<void> {
    const db = await this.db?.catch(() => undefined);
    await db?.destroy();
  }

  private database(): Promise<DataSource> {
    this.db ??= openDatabase({ ...this.options, poolSize: 2 }, []).catch((error: unknown) => {
      this.db = undefined;
      throw error;
    });
    return this.db;
  }
}
