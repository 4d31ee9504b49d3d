import type { DesiredPresence, NotSyncedReason } from '@bridge/contracts';
import type { DeliveredPresence, DesiredState } from '@bridge/delivery-planning';
import type { TraceCarrier } from '@bridge/telemetry';
import type { DataSource } from 'typeorm';
import { deliveryTables } from './tables';
import { tracesByKey, tracesOnStore } from './trace-columns';

/** The latest desired presence of one user, as the consumer stores it. */
export interface DesiredUserPresence {
  readonly key: string;
  readonly desired: DesiredState<DesiredPresence>;
  /** The trace context of the change it came from, when there is one. */
  readonly trace?: TraceCarrier;
}

/** A presence the lane holds the lease of. */
export interface ClaimedPresence extends DesiredUserPresence {
  readonly delivered: DeliveredPresence | undefined;
  /** The Genesys user whose primary presence source the bridge became. */
  readonly primarySourceUserId: string | undefined;
  readonly attempts: number;
  /** The revision it delivers: a newer one stored meanwhile leaves it due when the lease ends. */
  readonly revision: string;
  /** How long ago its latest desired presence was stored. */
  readonly waitedMs: number;
  /** An earlier lease ran out unfinished: what it sent is not known. */
  readonly abandoned: boolean;
  /** The trace contexts of the changes that made it due. */
  readonly traces: readonly TraceCarrier[];
}

/** What became of one claimed presence. */
export type PresenceOutcome = { readonly revision: string } & (
  | {
      readonly key: string;
      readonly outcome: 'done';
      readonly delivered?: DeliveredPresence;
      readonly primarySourceUserId?: string;
    }
  /** Some parts went: what did is recorded, and the rest is due again at once. */
  | {
      readonly key: string;
      readonly outcome: 'partial';
      readonly delivered: DeliveredPresence;
      readonly primarySourceUserId: string;
    }
  /** Due again when what it waits for becomes live, or after `delayMs` at the latest (a missed wake-up). */
  | {
      readonly key: string;
      readonly outcome: 'wait';
      readonly on: 'user' | 'secondaryStatus';
      readonly delayMs: number;
    }
  /** A failure: due again after `delayMs`, with what is known to be delivered (parts that failed forgotten). */
  | {
      readonly key: string;
      readonly outcome: 'retry';
      readonly delayMs: number;
      readonly delivered?: DeliveredPresence;
      readonly primarySourceUserId?: string;
    }
);

interface PresenceRow {
  readonly key: string;
  readonly present: boolean;
  readonly document: DesiredPresence | null;
  readonly reason: NotSyncedReason | null;
  readonly delivered: DeliveredPresence | null;
  readonly primary_source_user_id: string | null;
  readonly attempts: number;
  readonly revision: string;
  readonly waited_ms: number;
  readonly abandoned: boolean;
  readonly traces: TraceCarrier[];
}

/** The presence lane's table (delivery_presences): latest desired presence per user, delivered state, lease. */
export class Presences {
  private readonly presences: string;

  private readonly idMap: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    ({ presences: this.presences, idMap: this.idMap } = deliveryTables(schema));
  }

  /** Users whose presence waits to be sent (due now or later, a bounded wait included): the lane's backlog. */
  async backlog(): Promise<number> {
    const rows = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${this.presences} WHERE dirty`,
    );
    return rows[0]?.count ?? 0;
  }

  /**
   * Stores the latest desired presence of each user and makes it due; a present one never replaces a higher
   * sequence (a redelivery of an older change is ignored). An absent one keeps the sequence, so a later change
   * is still compared with the last delivered. One durable statement for the batch, before the consumer acks.
   * Rows are written in key order, the order `finish` locks them in, so the two never deadlock.
   */
  async store(presences: readonly DesiredUserPresence[]): Promise<void> {
    const latest = newestByUser(presences).sort((a, b) => byKey(a.key, b.key));
    if (latest.length === 0) return;
    const tracesOf = tracesByKey(presences, (p) => p.key);
    const column = <T>(value: (presence: DesiredUserPresence) => T) => latest.map(value);
    // One round trip, not a transaction's four: `synchronous_commit` set for the statement's own transaction is
    // read at its commit. The storm stores a batch every few milliseconds beside the configuration changes.
    await this.db.query(
      `WITH stored AS (
         INSERT INTO ${this.presences} AS p (key, sequence, present, document, reason, traces)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::boolean[], $4::jsonb[], $5::text[], $6::jsonb[])
         ON CONFLICT (key) DO UPDATE SET
           sequence = GREATEST(p.sequence, EXCLUDED.sequence), present = EXCLUDED.present,
           document = EXCLUDED.document, reason = EXCLUDED.reason, waiting = NULL, dirty = true,
           revision = p.revision + 1,
           not_before = now(), attempts = 0, changed_at = now(), ${tracesOnStore('p')}
         WHERE (EXCLUDED.present AND EXCLUDED.sequence > p.sequence)
            OR (NOT EXCLUDED.present AND (p.present OR p.reason IS DISTINCT FROM EXCLUDED.reason)))
       SELECT set_config('synchronous_commit', 'on', true)`,
      [
        column((p) => p.key),
        column((p) => (p.desired.present ? p.desired.document.sequence : -1)),
        column((p) => p.desired.present),
        column((p) => (p.desired.present ? JSON.stringify(p.desired.document) : null)),
        column((p) => (p.desired.present ? null : p.desired.reason)),
        column((p) => tracesOf(p.key)),
      ],
    );
  }

  /**
   * Leases up to `limit` due presences, oldest first; none is claimed by two instances. A presence whose lease ran
   * out unfinished comes back `abandoned`: its holder may have sent calls whose outcome it never recorded.
   */
  async claim(leaseMs: number, limit: number): Promise<ClaimedPresence[]> {
    const rows = await this.db.query<PresenceRow[]>(
      `WITH due AS (
         SELECT key, lease_until IS NOT NULL AS abandoned FROM ${this.presences}
         WHERE dirty AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY not_before LIMIT $2 FOR UPDATE SKIP LOCKED),
       leased AS (
         UPDATE ${this.presences} p SET lease_until = now() + make_interval(secs => $1::double precision / 1000)
         FROM due WHERE p.key = due.key
         RETURNING p.key, p.present, p.document, p.reason, p.delivered, p.primary_source_user_id, p.attempts,
           p.revision::text AS revision, due.abandoned, p.traces,
           (extract(epoch FROM clock_timestamp() - p.changed_at) * 1000)::double precision AS waited_ms)
       SELECT * FROM leased`,
      [leaseMs, limit],
    );
    return rows.map(claimedOf);
  }

  /** Extends the leases of the presences a round still holds. */
  async renew(keys: readonly string[], leaseMs: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.presences} SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
       WHERE key = ANY($1::text[]) AND lease_until IS NOT NULL`,
      [keys, leaseMs],
    );
  }

  /**
   * Ends the lease of each claimed presence with its outcome. The rows are locked in key order first, the order
   * `store` writes in: an UPDATE joined with the outcomes may visit them in any order, and a store of the same
   * users in another order would deadlock with it (Postgres then fails one of the two after a second).
   */
  async finish(outcomes: readonly PresenceOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const column = <T>(value: (outcome: PresenceOutcome) => T) => outcomes.map(value);
    await this.db.transaction(async (manager) => {
      await manager.query(
        `SELECT 1 FROM ${this.presences} WHERE key = ANY($1::text[]) ORDER BY key COLLATE "C" FOR UPDATE`,
        [column((o) => o.key)],
      );
      await manager.query(
        `UPDATE ${this.presences} p SET lease_until = NULL,
         delivered = COALESCE(o.delivered, p.delivered),
         primary_source_user_id = COALESCE(o.primary_source_user_id, p.primary_source_user_id),
         waiting = o.waiting,
         dirty = p.revision::text <> o.revision OR o.due_in_ms IS NOT NULL,
         not_before = CASE WHEN o.due_in_ms IS NULL THEN p.not_before
                           ELSE now() + make_interval(secs => o.due_in_ms / 1000) END,
         attempts = CASE WHEN o.failed THEN p.attempts + 1 ELSE 0 END,
         traces = CASE WHEN p.revision::text = o.revision AND o.due_in_ms IS NULL THEN '[]' ELSE p.traces END
       FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::text[], $5::double precision[], $6::boolean[],
         $7::text[]) AS o(key, delivered, primary_source_user_id, waiting, due_in_ms, failed, revision)
       WHERE p.key = o.key`,
        [
          column((o) => o.key),
          column((o) => (sentSome(o) && o.delivered ? JSON.stringify(o.delivered) : null)),
          column((o) => (sentSome(o) ? (o.primarySourceUserId ?? null) : null)),
          column((o) => (o.outcome === 'wait' ? o.on : null)),
          column((o) => dueInMs(o)),
          column((o) => o.outcome === 'retry'),
          column((o) => o.revision),
        ],
      );
      // What a presence waits for may have become live while its round ran: the reconciler's wake-up
      // (`redirtyWaiting`) found it not yet waiting. Its id map entry committed before that wake-up, so a
      // wait recorded after it sees the entry here, and one recorded before it is woken by it.
      const waits = outcomes.filter((o) => o.outcome === 'wait').map((o) => o.key);
      if (waits.length > 0)
        await manager.query(
          `UPDATE ${this.presences} p SET ${wokenUp}
           WHERE p.key = ANY($1::text[]) AND EXISTS (
             SELECT 1 FROM ${this.idMap} m WHERE m.live AND m.kind = p.waiting
               AND m.key = CASE WHEN p.waiting = 'user' THEN p.key ELSE p.document ->> 'secondaryStatusKey' END)`,
          [waits],
        );
    });
  }

  /** Presences waiting for these users or secondary statuses, which are live now: due again. */
  async redirtyWaiting(on: 'user' | 'secondaryStatus', keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const match = on === 'user' ? 'key = ANY($1)' : `document ->> 'secondaryStatusKey' = ANY($1)`;
    await this.db.query(`UPDATE ${this.presences} p SET ${wokenUp} WHERE waiting = '${on}' AND ${match}`, [
      keys,
    ]);
  }
}

const sentSome = (o: PresenceOutcome) => o.outcome !== 'wait';

/** A waiting presence whose user or secondary status is live now: due at once, as a new revision. */
const wokenUp = 'dirty = true, not_before = now(), waiting = NULL, revision = p.revision + 1';

/** When the presence is due again: never for a done one, at once for the parts a round left. */
function dueInMs(o: PresenceOutcome): number | null {
  switch (o.outcome) {
    case 'done':
      return null;
    case 'partial':
      return 0;
    case 'wait':
    case 'retry':
      return o.delayMs;
  }
}

function claimedOf(row: PresenceRow): ClaimedPresence {
  // Written by this service from documents object-mapping validated: read back as written.
  const desired: DesiredState<DesiredPresence> =
    row.present && row.document
      ? { present: true, document: row.document }
      : { present: false, reason: row.reason ?? 'removedFromCic' };
  return {
    key: row.key,
    desired,
    delivered: row.delivered ?? undefined,
    primarySourceUserId: row.primary_source_user_id ?? undefined,
    attempts: row.attempts,
    revision: row.revision,
    waitedMs: row.waited_ms,
    abandoned: row.abandoned,
    traces: row.traces,
  };
}

/**
 * Of several presences of one user in a batch, the newest: the highest sequence of the present ones (a stream
 * redelivery can bring an older one after a newer), and an absent one, which carries no sequence, when it came
 * last.
 */
/** Code-unit order, which for the ASCII keys CIC gives is Postgres's `COLLATE "C"`. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function newestByUser(presences: readonly DesiredUserPresence[]): DesiredUserPresence[] {
  const newest = new Map<string, DesiredUserPresence>();
  for (const presence of presences) {
    const kept = newest.get(presence.key)?.desired;
    const older =
      kept?.present &&
      presence.desired.present &&
      presence.desired.document.sequence <= kept.document.sequence;
    if (!older) newest.set(presence.key, presence);
  }
  return [...newest.values()];
}
