import type { TargetKind } from '@bridge/contracts';
import type { RecordStatus } from '@bridge/delivery-planning';
import type { DataSource } from 'typeorm';
import { deliveryTables } from './tables';

/** The records with a status: the reconciler's objects, and each user's presence (the presence lane's). */
export type StatusKind = TargetKind | 'presence';

/** One record's status, as a worker's batch writes it. */
export interface StatusOfRecord<K extends StatusKind = StatusKind> {
  readonly kind: K;
  readonly key: string;
  readonly status: RecordStatus;
}

/** The delivery status of every record (delivery_statuses), for the operator and the outcome events. */
export class RecordStatuses {
  private readonly status: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.status = deliveryTables(schema).status;
  }

  /**
   * Writes the status of each record; answers those whose status changed or that were synchronized (the ones
   * worth an outcome event), with the time each was last synchronized.
   */
  async save<K extends StatusKind>(
    records: readonly StatusOfRecord<K>[],
  ): Promise<{ kind: K; key: string; lastSynchronizedAt: Date | undefined }[]> {
    if (records.length === 0) return [];
    const column = <T>(value: (status: RecordStatus) => T) => records.map((r) => value(r.status));
    const rows = await this.db.query<{ kind: K; key: string; last_synchronized_at: Date | null }[]>(
      `INSERT INTO ${this.status} AS s (kind, key, status, genesys_id, reason, error_code, error_message,
         quarantined, last_synchronized_at, note)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::boolean[], $9::timestamptz[], $10::text[])
       ON CONFLICT (kind, key) DO UPDATE SET status = EXCLUDED.status, genesys_id = EXCLUDED.genesys_id,
         reason = EXCLUDED.reason, error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
         quarantined = EXCLUDED.quarantined, note = EXCLUDED.note,
         last_synchronized_at = COALESCE(EXCLUDED.last_synchronized_at, s.last_synchronized_at),
         updated_at = now()
       WHERE (s.status, s.genesys_id, s.reason, s.error_code, s.quarantined, s.note)
             IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.genesys_id, EXCLUDED.reason, EXCLUDED.error_code,
                               EXCLUDED.quarantined, EXCLUDED.note)
          OR EXCLUDED.last_synchronized_at IS NOT NULL
       RETURNING kind, key, last_synchronized_at`,
      [
        records.map((r) => r.kind),
        records.map((r) => r.key),
        column((status) => status.status),
        column((status) => status.genesysId ?? null),
        column((status) => status.reason ?? null),
        column((status) => status.error?.code ?? null),
        column((status) => status.error?.message ?? null),
        column((status) => status.quarantined ?? false),
        column((status) => status.synchronizedAt ?? null),
        column((status) => status.note ?? null),
      ],
    );
    return rows.map((row) => ({
      kind: row.kind,
      key: row.key,
      lastSynchronizedAt: row.last_synchronized_at ?? undefined,
    }));
  }

  /** How many records of each kind have each status. */
  async countByStatus(): Promise<{ kind: StatusKind; status: string; count: number }[]> {
    return await this.db.query<{ kind: StatusKind; status: string; count: number }[]>(
      `SELECT kind, status, count(*)::int AS count FROM ${this.status} GROUP BY kind, status`,
    );
  }

  async list(): Promise<unknown[]> {
    return await this.db.query<unknown[]>(`SELECT * FROM ${this.status} ORDER BY kind, key`);
  }
}
