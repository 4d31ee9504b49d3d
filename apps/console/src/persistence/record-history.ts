import { quoteIdentifier } from '@bridge/postgres';
import type { TargetKind } from '@bridge/contracts';
import type { TimelineEntry } from '@bridge/console-projection';
import { attemptOf, summaryOf } from '@bridge/console-projection';
import type { DataSource } from 'typeorm';

/** One mapping decision or delivery outcome as the console received it. */
export interface HistoryRow {
  readonly stream: 'MAPPING' | 'DELIVERY';
  readonly sequence: number;
  readonly kind: TargetKind;
  readonly key: string;
  readonly type: string;
  readonly at: string;
  readonly data: unknown;
}

/** console_record_history: what the bridge decided and did for each record, kept beyond the streams' newest. */
export class RecordHistory {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.console_record_history`;
  }

  /** Stores the rows; ones already stored (a stream read again) are skipped. */
  async add(rows: readonly HistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO ${this.table} (stream, sequence, kind, key, type, at, data)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.stream),
        rows.map((r) => r.sequence),
        rows.map((r) => r.kind),
        rows.map((r) => r.key),
        rows.map((r) => r.type),
        rows.map((r) => r.at),
        rows.map((r) => JSON.stringify(r.data)),
      ],
    );
  }

  /** A record's decisions and outcomes as timeline steps, oldest first (at most the newest `limit`). */
  async of(kind: TargetKind, key: string, limit = 500): Promise<TimelineEntry[]> {
    const rows = await this.db.query<{ stream: string; type: string; at: Date; data: unknown }[]>(
      `SELECT stream, type, at, data FROM (
         SELECT stream, type, at, data, sequence FROM ${this.table}
         WHERE kind = $1 AND key = $2 ORDER BY at DESC, sequence DESC LIMIT $3
       ) newest ORDER BY at, sequence`,
      [kind, key, limit],
    );
    return rows.map((row) => {
      const attempt = attemptOf(row.data);
      return {
        at: row.at.toISOString(),
        source: row.stream === 'MAPPING' ? 'mapping' : 'delivery',
        type: row.type,
        summary: summaryOf(row.data),
        data: row.data,
        ...(attempt ? { attempt } : {}),
      };
    });
  }
}
