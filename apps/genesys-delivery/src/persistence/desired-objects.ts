import type { TargetKind } from '@bridge/contracts';
import { kindPriority, type DeliveryObject, type DesiredObject } from '@bridge/delivery-planning';
import type { TraceCarrier } from '@bridge/telemetry';
import type { DataSource } from 'typeorm';
import { deliveryObjectOf, type IdMapRow, type ObjectRow } from './rows';
import { deliveryTables, lastBy, markDirty } from './tables';
import { tracesByKey, tracesOnStore } from './trace-columns';

/** One object a worker holds the lease of: its latest desired state and the revision it reconciles. */
export type ClaimedObject = DeliveryObject & {
  readonly revision: string;
  readonly attempts: number;
  /** Its last lease lapsed unfinished (a worker crashed or stalled mid-reconcile). */
  readonly recovered: boolean;
  /** The trace contexts of the changes that dirtied it (none when a referrer or an operator did). */
  readonly traces: readonly TraceCarrier[];
};

/**
 * A desired document to store, with the trace context of the change it came from when there is one, and when
 * MAPPING stored it (none: as new as any).
 */
export type CausedDocument = DesiredObject & {
  readonly trace?: TraceCarrier;
  readonly mappedAtNanos?: bigint;
};

/** The revision of a claimed object, all that its lease and its finish name. */
type Held = Pick<ClaimedObject, 'kind' | 'key' | 'revision'>;

/**
 * Where documents refer to objects of a kind: the referring kind, its JSON array, and one element's shape (the
 * inverse of delivery-planning's `dependenciesOf`, in the documents' JSON).
 */
const referrersOf: Partial<
  Record<TargetKind, { kind: TargetKind; path: string; element: (key: string) => unknown }>
> = {
  user: { kind: 'queue', path: 'memberKeys', element: (key) => key },
  wrapUpCode: { kind: 'queue', path: 'wrapUpCodeKeys', element: (key) => key },
  skill: { kind: 'user', path: 'routingSkills', element: (key) => ({ key }) },
  language: { kind: 'user', path: 'routingLanguages', element: (key) => ({ key }) },
};

/** The desired objects (delivery_objects): their latest documents, dirty flags, leases and quarantine. */
export class DesiredObjects {
  private readonly objects: string;
  private readonly idMap: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    ({ objects: this.objects, idMap: this.idMap } = deliveryTables(schema));
  }

  /**
   * Stores the latest desired state of each object and marks it dirty, unless it equals the stored one (a
   * redelivery) or MAPPING stored it before the stored one (an older document redelivered after a newer: two
   * instances share the consumer, and a killed one's unacked batch goes to the other); of several documents for
   * one object, the newest wins. An absent state waits `settleMs`, so the deletions of one change are counted
   * together: CIC sends a mass deletion one object at a time, so each deletion of a managed object restarts the
   * wait of the others of its kind still waiting, and a burst is weighed whole however slowly it arrives.
   * Returns how many objects it marked dirty.
   */
  async store(documents: readonly CausedDocument[], settleMs: number): Promise<number> {
    const latest = lastBy(
      [...documents].sort((a, b) => compareBigints(a.mappedAtNanos ?? 0n, b.mappedAtNanos ?? 0n)),
      (d) => `${d.kind}:${d.key}`,
    );
    if (latest.length === 0) return 0;
    const tracesOf = tracesByKey(documents, (d) => `${d.kind}:${d.key}`);
    const column = <T>(value: (document: CausedDocument) => T) => latest.map(value);
    // One statement, so one round trip: under load each round trip of a transaction (its begin, the setting,
    // each statement, the commit) queued behind other writers, and the store is on every change's way. The
    // upsert, the settle restart and the newer times are CTEs that each write a row at most once (a statement
    // must not write a row twice): rows the upsert wrote are left to it, and the other two are one UPDATE.
    // Durable before the consumer acks the documents: the pool commits asynchronously (ADR 0005), and
    // `synchronous_commit` set for this transaction is read at its commit.
    const [{ stored }] = await this.db.query<[{ stored: number }]>(
      `WITH d AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::boolean[], $5::jsonb[], $6::text[],
           $8::jsonb[], $9::bigint[]) AS d(kind, key, priority, present, document, reason, traces, mapped_at_ns)),
       stored AS (
         INSERT INTO ${this.objects} AS o
           (kind, key, priority, present, document, reason, not_before, traces, mapped_at_ns)
         SELECT kind, key, priority, present, document, reason,
           now() + make_interval(secs => CASE WHEN present THEN 0 ELSE $7::double precision / 1000 END), traces,
           mapped_at_ns
         FROM d
         ON CONFLICT (kind, key) DO UPDATE SET
           present = EXCLUDED.present, document = EXCLUDED.document, reason = EXCLUDED.reason,
           revision = o.revision + 1, dirty = true, attempts = 0, quarantined = false,
           not_before = EXCLUDED.not_before, changed_at = now(), mapped_at_ns = EXCLUDED.mapped_at_ns,
           ${tracesOnStore('o')}
         WHERE EXCLUDED.mapped_at_ns >= o.mapped_at_ns
           AND (o.present IS DISTINCT FROM EXCLUDED.present OR o.document IS DISTINCT FROM EXCLUDED.document
             OR o.reason IS DISTINCT FROM EXCLUDED.reason)
         RETURNING o.kind, o.key),
       arriving AS (
         SELECT DISTINCT d.kind FROM d JOIN ${this.idMap} m ON m.kind = d.kind AND m.key = d.key AND m.live
         WHERE NOT d.present),
       -- The uncorrelated EXISTS is evaluated once, before the scan: a batch without a managed deletion, the
       -- sync's every batch, does not read the objects of a kind whole to find that none is settling.
       settling AS (
         SELECT o.kind, o.key FROM ${this.objects} o JOIN arriving a ON a.kind = o.kind
         JOIN ${this.idMap} m ON m.kind = o.kind AND m.key = o.key AND m.live
         WHERE o.dirty AND NOT o.present AND o.not_before > now() AND EXISTS (SELECT FROM arriving)),
       others AS (
         SELECT kind, key, bool_or(settles) AS settles, max(mapped_at_ns) AS mapped_at_ns FROM (
           SELECT kind, key, true AS settles, NULL::bigint AS mapped_at_ns FROM settling
           UNION ALL SELECT kind, key, false, mapped_at_ns FROM d) AS x
         GROUP BY kind, key),
       -- A newer document equal to the stored one changes nothing but its time, which an older one still in
       -- flight must not pass. The key arrays give the planner an index condition on the objects: joined with
       -- the others alone, whose size it cannot tell, it may hash every object instead.
       touched AS (
         UPDATE ${this.objects} AS o SET
           not_before = CASE WHEN r.settles THEN now() + make_interval(secs => $7::double precision / 1000)
             ELSE o.not_before END,
           mapped_at_ns = GREATEST(o.mapped_at_ns, r.mapped_at_ns)
         FROM others r
         WHERE o.kind = r.kind AND o.key = r.key AND (r.settles OR r.mapped_at_ns > o.mapped_at_ns)
           AND o.kind = ANY(ARRAY(SELECT kind FROM others)) AND o.key = ANY(ARRAY(SELECT key FROM others))
           AND NOT EXISTS (SELECT 1 FROM stored s WHERE s.kind = o.kind AND s.key = o.key))
       SELECT set_config('synchronous_commit', 'on', true), (SELECT count(*)::int FROM stored) AS stored`,
      [
        column((d) => d.kind),
        column((d) => d.key),
        column((d) => kindPriority[d.kind]),
        column((d) => d.desired.present),
        column((d) => (d.desired.present ? JSON.stringify(d.desired.document) : null)),
        column((d) => (d.desired.present ? null : d.desired.reason)),
        settleMs,
        column((d) => tracesOf(`${d.kind}:${d.key}`)),
        column((d) => String(d.mappedAtNanos ?? 0n)),
      ],
    );
    return stored;
  }

  /**
   * Leases up to `limit` due dirty objects of the kind that goes first in dependency order, oldest first, each
   * with its id map entry: one round trip for what every reconcile starts by reading.
   */
  async claim(leaseMs: number, limit = 1): Promise<ClaimedObject[]> {
    const due = `dirty AND NOT quarantined AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())`;
    const rows = await this.db.query<
      (ObjectRow & {
        revision: string;
        attempts: number;
        recovered: boolean;
        traces: TraceCarrier[];
        entry: IdMapRow | null;
      })[]
    >(
      // A batch holds one kind's priority only: queues claimed beside users still being created would be
      // reconciled without them, and need a second call for their members. The rows are locked in the dirty
      // index's order and those of a later priority left (their locks end with the statement): naming the
      // priority in the WHERE instead makes the planner fetch and sort every dirty row (docs/benchmarks.md).
      `WITH claimed AS (
         SELECT kind, key, priority, lease_until IS NOT NULL AS recovered FROM ${this.objects} WHERE ${due}
         ORDER BY priority, not_before LIMIT $2 FOR UPDATE SKIP LOCKED),
       leased AS (
         UPDATE ${this.objects} o SET lease_until = now() + make_interval(secs => $1::double precision / 1000)
         FROM claimed
         WHERE o.kind = claimed.kind AND o.key = claimed.key AND claimed.priority = (SELECT min(priority) FROM claimed)
         RETURNING o.kind, o.key, o.present, o.document, o.reason, o.revision::text AS revision, o.attempts,
           o.traces, claimed.recovered)
       SELECT leased.*, to_jsonb(m) AS entry
       FROM leased LEFT JOIN ${this.idMap} m ON m.kind = leased.kind AND m.key = leased.key`,
      [leaseMs, limit],
    );
    return rows.map(({ entry, revision, attempts, recovered, traces, ...object }) => ({
      ...deliveryObjectOf(object, entry),
      revision,
      attempts,
      recovered,
      traces,
    }));
  }

  /** Extends the leases of the objects this worker still holds. */
  async renew(objects: readonly Held[], leaseMs: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.objects} o SET lease_until = now() + make_interval(secs => $3::double precision / 1000)
       FROM unnest($1::text[], $2::text[]) AS v(kind, key)
       WHERE o.kind = v.kind AND o.key = v.key AND o.lease_until IS NOT NULL`,
      [objects.map((o) => o.kind), objects.map((o) => o.key), leaseMs],
    );
  }

  /** Done with this revision: clean unless a newer document arrived meanwhile. */
  async finish(objects: readonly Held[]): Promise<void> {
    if (objects.length === 0) return;
    await this.db.query(
      `UPDATE ${this.objects} o SET dirty = (o.revision::text <> v.revision), lease_until = NULL, attempts = 0,
         not_before = now(), traces = CASE WHEN o.revision::text = v.revision THEN '[]' ELSE o.traces END
       FROM unnest($1::text[], $2::text[], $3::text[]) AS v(kind, key, revision)
       WHERE o.kind = v.kind AND o.key = v.key`,
      [objects.map((o) => o.kind), objects.map((o) => o.key), objects.map((o) => o.revision)],
    );
  }

  /** Try again later (a dependency is still pending, a failure, a pause). */
  async release(object: Held, delayMs: number, attempts: number, quarantined = false): Promise<void> {
    await this.db.query(
      `UPDATE ${this.objects} SET lease_until = NULL,
         not_before = now() + make_interval(secs => $3::double precision / 1000),
         attempts = CASE WHEN revision::text = $6 THEN $4 ELSE 0 END,
         quarantined = ($5 AND revision::text = $6)
       WHERE kind = $1 AND key = $2`,
      [object.kind, object.key, delayMs, attempts, quarantined, object.revision],
    );
  }

  /**
   * Marks dirty again the objects whose documents refer to these keys of `kind`: they can resolve them now. One
   * statement for a worker's batch.
   */
  async redirtyReferrers(kind: TargetKind, keys: readonly string[]): Promise<void> {
    const reference = referrersOf[kind];
    if (!reference || keys.length === 0) return;
    // A referrer that is dirty and not leased will read the id map when it is claimed: only clean ones, and
    // ones a worker is reconciling now (it may have read the id map already), need a new revision.
    await this.db.query(
      `UPDATE ${this.objects} SET ${markDirty}
       WHERE kind = $1 AND present AND document -> $2 @> ANY($3::jsonb[]) AND (NOT dirty OR lease_until IS NOT NULL)`,
      [reference.kind, reference.path, keys.map((key) => JSON.stringify([reference.element(key)]))],
    );
  }

  /** These users must be reconciled again (a Genesys user changed hands under them). */
  async redirtyUsers(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query(
      `UPDATE ${this.objects} SET ${markDirty}
       WHERE kind = 'user' AND key = ANY($1)`,
      [keys],
    );
  }

  /** The pending deletions of these kinds are due now (their pause was confirmed). */
  async hurryDeletions(kinds: readonly string[]): Promise<void> {
    await this.db.query(
      `UPDATE ${this.objects} SET not_before = now() WHERE dirty AND NOT present AND kind = ANY($1)`,
      [kinds],
    );
  }

  /**
   * Gives quarantined records a fresh set of attempts, now: all of them, one kind's, or one record's. For the
   * admin who fixed the cause (a permission, a name clash in Genesys) and does not want to wait for CIC to change.
   */
  async releaseQuarantine(kind?: TargetKind, key?: string): Promise<{ kind: string; key: string }[]> {
    const [rows] = await this.db.query<[{ kind: string; key: string }[], number]>(
      `UPDATE ${this.objects} SET ${markDirty}, attempts = 0, not_before = now()
       WHERE quarantined AND ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR key = $2)
       RETURNING kind, key`,
      [kind ?? null, key ?? null],
    );
    return rows;
  }

  /** How many objects still wait to be delivered (dirty, not quarantined), and how many are quarantined. */
  async backlog(): Promise<{ dirty: number; quarantined: number }> {
    return (await this.backlogByKind()).reduce(
      (sum, kind) => ({ dirty: sum.dirty + kind.dirty, quarantined: sum.quarantined + kind.quarantined }),
      { dirty: 0, quarantined: 0 },
    );
  }

  /** The backlog per kind of object. */
  async backlogByKind(): Promise<{ kind: TargetKind; dirty: number; quarantined: number }[]> {
    return await this.db.query<{ kind: TargetKind; dirty: number; quarantined: number }[]>(
      `SELECT kind, count(*) FILTER (WHERE dirty AND NOT quarantined)::int AS dirty,
              count(*) FILTER (WHERE quarantined)::int AS quarantined FROM ${this.objects} GROUP BY kind`,
    );
  }
}

function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
