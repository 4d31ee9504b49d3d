import type { InboxNotification, InboxRequestKind } from '@bridge/contracts';
import { inboxRequestKeyOf, type PassedOnStatus } from '@bridge/delivery-planning';
import type { DataSource } from 'typeorm';
import { deliveryTables } from './tables';

type RequestOf = Pick<InboxNotification, 'genesysUserId'> & {
  request: { kind: InboxRequestKind; requestId: string; status: string };
};

/**
 * What the inbox catch-up remembers (ADR 0013, "Catch-up"): the last status passed on per agent and request, and
 * the last moment the holder's sockets were all listening. A status is recorded after its notification is on
 * DELIVERY, so a crash in between passes it on again at the next catch-up, under the same message id.
 */
export class InboxRequests {
  private readonly requests: string;
  private readonly watermark: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    ({ inboxRequests: this.requests, inboxWatermark: this.watermark } = deliveryTables(schema));
  }

  /** The last status passed on of each of these requests the bridge has one for, by `inboxRequestKeyOf`. */
  async lastStatuses(of: readonly RequestOf[]): Promise<Map<string, PassedOnStatus>> {
    if (of.length === 0) return new Map();
    const rows = await this.db.query<
      {
        genesys_user_id: string;
        kind: InboxRequestKind;
        request_id: string;
        status: string;
        passed_on_at: Date;
      }[]
    >(
      `SELECT r.genesys_user_id, r.kind, r.request_id, r.status, r.passed_on_at
         FROM ${this.requests} r
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS q (genesys_user_id, kind, request_id)
           ON (r.genesys_user_id, r.kind, r.request_id) = (q.genesys_user_id, q.kind, q.request_id)`,
      [of.map((o) => o.genesysUserId), of.map((o) => o.request.kind), of.map((o) => o.request.requestId)],
    );
    return new Map(
      rows.map((r) => [
        inboxRequestKeyOf(r.genesys_user_id, r.kind, r.request_id),
        { status: r.status, at: r.passed_on_at.getTime() },
      ]),
    );
  }

  /**
   * Records the statuses just passed on (the last of a request given twice wins), at this process's time: the
   * catch-up compares it with the time its reads began, on the same clock.
   */
  async passedOn(notifications: readonly RequestOf[], at = Date.now()): Promise<void> {
    if (notifications.length === 0) return;
    const last = [
      ...new Map(
        notifications.map((n) => [
          inboxRequestKeyOf(n.genesysUserId, n.request.kind, n.request.requestId),
          n,
        ]),
      ).values(),
    ];
    await this.db.query(
      `INSERT INTO ${this.requests} (genesys_user_id, kind, request_id, status, passed_on_at)
       SELECT *, $5::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (genesys_user_id, kind, request_id)
       DO UPDATE SET status = excluded.status, passed_on_at = excluded.passed_on_at`,
      [
        last.map((n) => n.genesysUserId),
        last.map((n) => n.request.kind),
        last.map((n) => n.request.requestId),
        last.map((n) => n.request.status),
        new Date(at),
      ],
    );
  }

  /** The last moment every socket of a holder was listening (ms), if any holder ever listened. */
  async listenedAt(): Promise<number | undefined> {
    const rows = await this.db.query<{ listened_at: Date }[]>(`SELECT listened_at FROM ${this.watermark}`);
    return rows[0]?.listened_at.getTime();
  }

  /** Moves the watermark on; never back, so a late write of a former holder cannot hide a newer gap's start. */
  async listened(at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.watermark} (id, listened_at) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET listened_at = GREATEST(${this.watermark}.listened_at, excluded.listened_at)`,
      [new Date(at)],
    );
  }
}
