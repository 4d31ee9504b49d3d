import { kindPriority } from '@bridge/delivery-planning';
import type { NotSyncedReason, SyncNote, SyncStatus, TargetKind } from '@bridge/contracts';
import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource } from 'typeorm';

/** One object a worker holds the lease of: its latest desired state and the revision it reconciles. */
export interface ClaimedObject {
  readonly kind: TargetKind;
  readonly key: string;
  readonly present: boolean;
  readonly document: unknown;
  readonly reason: NotSyncedReason | null;
  readonly revision: string;
  readonly attempts: number;
  /** Its last lease lapsed unfinished (a worker crashed or stalled mid-reconcile). */
  readonly recovered: boolean;
  /** Its id map entry as the claim found it (read in the same round trip). */
  readonly entry: IdMapEntry | undefined;
}

/** An object's latest desired state, as object-mapping published it. */
export interface DesiredDocument {
  readonly kind: TargetKind;
  readonly key: string;
  readonly desired: { present: true; document: unknown } | { present: false; reason: NotSyncedReason };
}

export interface IdMapEntry {
  readonly kind: TargetKind;
  readonly key: string;
  readonly genesysId: string;
  readonly origin: 'created' | 'adopted';
  readonly name: string;
  readonly live: boolean;
  readonly actual: unknown;
}

/** What documents refer to, as `DeliveryStore.references` found it. */
export interface References {
  live(kind: TargetKind, key: string): IdMapEntry | undefined;
  /** Not live yet, but on its way: whoever refers to it waits for it. */
  pending(kind: TargetKind, key: string): boolean;
}

export interface RecordStatus {
  readonly status: SyncStatus;
  readonly genesysId?: string;
  readonly reason?: NotSyncedReason;
  /** Something to know about a synced record, from its desired document. */
  readonly note?: SyncNote;
  readonly error?: { code: string; message: string };
  readonly quarantined?: boolean;
  readonly synchronizedAt?: Date;
}

export interface DeletionPause {
  readonly kind: TargetKind;
  readonly pending: number;
  readonly managed: number;
  readonly share: number;
  readonly pausedAt: string;
  readonly confirmedAt: string | null;
}

interface ObjectRow {
  kind: TargetKind;
  key: string;
  present: boolean;
  document: unknown;
  reason: NotSyncedReason | null;
  revision: string;
  attempts: number;
  recovered: boolean;
}
interface PauseRow {
  kind: TargetKind;
  pending: number;
  managed: number;
  share: number;
  paused_at: Date;
  confirmed_at: Date | null;
}
interface IdMapRow {
  kind: TargetKind;
  key: string;
  genesys_id: string;
  origin: 'created' | 'adopted';
  name: string;
  live: boolean;
  actual: unknown;
}

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

/** An object whose reconcile must run (again): a new revision, so a worker holding the old one leaves it dirty. */
const markDirty = 'dirty = true, revision = revision + 1, quarantined = false';

/** genesys-delivery's tables (migration CreateDeliveryTables), through plain SQL. */
export class DeliveryStore {
  private readonly objects: string;
  private readonly idMap: string;
  private readonly status: string;
  private readonly pauses: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    const s = quoteIdentifier(schema);
    this.objects = `${s}.delivery_objects`;
    this.idMap = `${s}.delivery_id_map`;
    this.status = `${s}.delivery_status`;
    this.pauses = `${s}.delivery_deletion_pauses`;
  }

  /**
   * Stores the latest desired state of each object and marks it dirty, unless it equals the stored one (a
   * redelivery); of several documents for one object, the last wins. An absent state waits `settleMs`, so the
   * deletions of one change are counted together. One statement for the whole batch.
   */
  async storeDesired(documents: readonly DesiredDocument[], settleMs: number): Promise<void> {
    const latest = lastBy(documents, (d) => `${d.kind}:${d.key}`);
    if (latest.length === 0) return;
    const column = <T>(value: (document: DesiredDocument) => T) => latest.map(value);
    // Durable before the consumer acks the documents: the pool commits asynchronously (ADR 0005).
    await this.db.transaction(async (manager) => {
      await manager.query('SET LOCAL synchronous_commit = on');
      await manager.query(
        `INSERT INTO ${this.objects} AS o (kind, key, priority, present, document, reason, not_before)
       SELECT kind, key, priority, present, document, reason,
         now() + make_interval(secs => CASE WHEN present THEN 0 ELSE $7::double precision / 1000 END)
       FROM unnest($1::text[], $2::text[], $3::int[], $4::boolean[], $5::jsonb[], $6::text[])
         AS d(kind, key, priority, present, document, reason)
       ON CONFLICT (kind, key) DO UPDATE SET
         present = EXCLUDED.present, document = EXCLUDED.document, reason = EXCLUDED.reason,
         revision = o.revision + 1, dirty = true, attempts = 0, quarantined = false,
         not_before = EXCLUDED.not_before, changed_at = now()
       WHERE o.present IS DISTINCT FROM EXCLUDED.present OR o.document IS DISTINCT FROM EXCLUDED.document
          OR o.reason IS DISTINCT FROM EXCLUDED.reason`,
        [
          column((d) => d.kind),
          column((d) => d.key),
          column((d) => kindPriority[d.kind]),
          column((d) => d.desired.present),
          column((d) => (d.desired.present ? JSON.stringify(d.desired.document) : null)),
          column((d) => (d.desired.present ? null : d.desired.reason)),
          settleMs,
        ],
      );
    });
  }

  /**
   * Leases up to `limit` due dirty objects of the kind that goes first in dependency order, oldest first, each
   * with its id map entry: one round trip for what every reconcile starts by reading.
   */
  async claim(leaseMs: number, limit = 1): Promise<ClaimedObject[]> {
    const due = `dirty AND NOT quarantined AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())`;
    const rows = await this.db.query<(ObjectRow & { entry: IdMapRow | null })[]>(
      // A batch holds one kind's priority only: queues claimed beside users still being created would be
      // reconciled without them, and need a second call for their members. The rows are locked in the dirty
      // index's order and those of a later priority left (their locks end with the statement): naming the
      // priority in the WHERE instead made the planner fetch and sort every dirty row, 9 ms a claim at 10,000.
      `WITH claimed AS (
         SELECT kind, key, priority, lease_until IS NOT NULL AS recovered FROM ${this.objects} WHERE ${due}
         ORDER BY priority, not_before LIMIT $2 FOR UPDATE SKIP LOCKED),
       leased AS (
         UPDATE ${this.objects} o SET lease_until = now() + make_interval(secs => $1::double precision / 1000)
         FROM claimed
         WHERE o.kind = claimed.kind AND o.key = claimed.key AND claimed.priority = (SELECT min(priority) FROM claimed)
         RETURNING o.kind, o.key, o.present, o.document, o.reason, o.revision::text AS revision, o.attempts,
           claimed.recovered)
       SELECT leased.*, to_jsonb(m) AS entry
       FROM leased LEFT JOIN ${this.idMap} m ON m.kind = leased.kind AND m.key = leased.key`,
      [leaseMs, limit],
    );
    return rows.map(({ entry, ...object }) => ({ ...object, entry: entry ? toEntry(entry) : undefined }));
  }

  /** Extends the leases of the objects this worker still holds. */
  async renew(objects: readonly ClaimedObject[], leaseMs: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.objects} o SET lease_until = now() + make_interval(secs => $3::double precision / 1000)
       FROM unnest($1::text[], $2::text[]) AS v(kind, key)
       WHERE o.kind = v.kind AND o.key = v.key AND o.lease_until IS NOT NULL`,
      [objects.map((o) => o.kind), objects.map((o) => o.key), leaseMs],
    );
  }

  /** Done with this revision: clean unless a newer document arrived meanwhile. */
  async finish(objects: readonly ClaimedObject[]): Promise<void> {
    if (objects.length === 0) return;
    await this.db.query(
      `UPDATE ${this.objects} o SET dirty = (o.revision::text <> v.revision), lease_until = NULL, attempts = 0,
         not_before = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS v(kind, key, revision)
       WHERE o.kind = v.kind AND o.key = v.key`,
      [objects.map((o) => o.kind), objects.map((o) => o.key), objects.map((o) => o.revision)],
    );
  }

  /** Try again later (a dependency is still pending, a failure, a pause). */
  async release(
    object: ClaimedObject,
    delayMs: number,
    attempts: number,
    quarantined = false,
  ): Promise<void> {
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

  async idMapEntry(kind: TargetKind, key: string): Promise<IdMapEntry | undefined> {
    const rows = await this.db.query<IdMapRow[]>(`SELECT * FROM ${this.idMap} WHERE kind = $1 AND key = $2`, [
      kind,
      key,
    ]);
    const row = rows[0];
    return row && toEntry(row);
  }

  /**
   * Records which Genesys object each key is (one statement for a batch). One Genesys object belongs to one key:
   * when a key adopts an object another key held (a business email passed from one CIC user to another), the
   * other key lets it go and, if it is still wanted, is made dirty to provision one of its own.
   */
  async saveIdMap(entries: readonly IdMapEntry[]): Promise<void> {
    const latest = lastBy(
      lastBy(entries, (e) => `${e.kind}:${e.key}`),
      (e) => `${e.kind}:${e.genesysId}`,
    );
    if (latest.length === 0) return;
    const column = <T>(value: (entry: IdMapEntry) => T) => latest.map(value);
    // A key of the batch is upserted, never released: its row would be changed twice in one statement.
    await this.db.query(
      `WITH v AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::jsonb[])
           AS v(kind, key, genesys_id, origin, name, live, actual)),
       released AS (
         DELETE FROM ${this.idMap} m USING v
         WHERE m.kind = v.kind AND m.genesys_id = v.genesys_id AND m.key <> v.key
           AND NOT EXISTS (SELECT 1 FROM v mine WHERE mine.kind = m.kind AND mine.key = m.key)
         RETURNING m.kind, m.key),
       orphaned AS (
         UPDATE ${this.objects} o SET ${markDirty}
         FROM released r WHERE o.kind = r.kind AND o.key = r.key AND o.present)
       INSERT INTO ${this.idMap} (kind, key, genesys_id, origin, name, live, actual) SELECT * FROM v
       ON CONFLICT (kind, key) DO UPDATE SET genesys_id = EXCLUDED.genesys_id, origin = EXCLUDED.origin,
         name = EXCLUDED.name, live = EXCLUDED.live, actual = EXCLUDED.actual, updated_at = now()`,
      [
        column((e) => e.kind),
        column((e) => e.key),
        column((e) => e.genesysId),
        column((e) => e.origin),
        column((e) => e.name),
        column((e) => e.live),
        column((e) => (e.actual === undefined ? null : JSON.stringify(e.actual))),
      ],
    );
  }

  /**
   * A user was deactivated or deleted for `key`. If meanwhile another key adopted that Genesys user (the email
   * passed on), the removal hit the new holder: its known state says so and it is made dirty, so it is activated
   * (or created) again rather than left behind a stale "active". The key that removed it never takes it back.
   */
  async userRemoved(
    key: string,
    actual: { id: string; active: boolean },
    how: 'deactivated' | 'deleted',
  ): Promise<void> {
    // TypeORM answers an UPDATE or DELETE with [rows, count].
    const [rows] =
      how === 'deleted'
        ? await this.db.query<[{ key: string }[], number]>(
            `DELETE FROM ${this.idMap} WHERE kind = 'user' AND genesys_id = $1 RETURNING key`,
            [actual.id],
          )
        : await this.db.query<[{ key: string }[], number]>(
            `UPDATE ${this.idMap}
             SET live = false, updated_at = now(),
                 actual = CASE WHEN key = $2 THEN $3::jsonb ELSE jsonb_set(actual, '{active}', 'false') END
             WHERE kind = 'user' AND genesys_id = $1 RETURNING key`,
            [actual.id, key, JSON.stringify(actual)],
          );
    await this.redirtyUsers(rows.map((row) => row.key).filter((other) => other !== key));
  }

  /**
   * A patch of a Genesys user that `key` held when its reconcile began. If it still does, its known state is
   * updated. If another key adopted that user meanwhile (the email passed on), the patch hit the new holder: its
   * known state becomes what the patch left and it is made dirty, to be patched back; `key` is made dirty too, to
   * provision a user of its own. Answers whether `key` still holds it.
   */
  async userPatched(
    key: string,
    actual: { id: string; userName: string; active: boolean },
  ): Promise<boolean> {
    const [rows] = await this.db.query<[{ key: string }[], number]>(
      `UPDATE ${this.idMap} SET actual = $2::jsonb, name = $3, live = $4, updated_at = now()
       WHERE kind = 'user' AND genesys_id = $1 RETURNING key`,
      [actual.id, JSON.stringify(actual), actual.userName, actual.active],
    );
    const holders = rows.map((row) => row.key);
    if (holders.includes(key)) return true;
    await this.redirtyUsers([key, ...holders]);
    return false;
  }

  private async redirtyUsers(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query(
      `UPDATE ${this.objects} SET ${markDirty}
       WHERE kind = 'user' AND key = ANY($1)`,
      [keys],
    );
  }

  /** key → Genesys id of every live entry of a kind. */
  async liveGenesysIds(kind: TargetKind): Promise<Map<string, string>> {
    const rows = await this.db.query<{ key: string; genesys_id: string }[]>(
      `SELECT key, genesys_id FROM ${this.idMap} WHERE kind = $1 AND live`,
      [kind],
    );
    return new Map(rows.map((row) => [row.key, row.genesys_id]));
  }

  /** These keys' Genesys objects are gone: forget them, and provision again those still desired. */
  async forgetAndRedirty(kind: TargetKind, keys: readonly string[]): Promise<void> {
    await this.db.query(
      `WITH gone AS (DELETE FROM ${this.idMap} WHERE kind = $1 AND key = ANY($2) RETURNING key)
       UPDATE ${this.objects} SET ${markDirty}, attempts = 0,
         not_before = now()
       WHERE kind = $1 AND present AND key IN (SELECT key FROM gone)`,
      [kind, keys],
    );
  }

  async forgetIdMap(kind: TargetKind, key: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.idMap} WHERE kind = $1 AND key = $2`, [kind, key]);
  }

  /**
   * What a batch of documents refers to, read at one instant: the live id map entry of each referenced key, and
   * which of those without one still wait to be delivered (dirty, present, not quarantined). One round trip for
   * the batch.
   */
  async references(wanted: readonly { kind: TargetKind; key: string }[]): Promise<References> {
    const live = new Map<string, IdMapEntry>();
    const pending = new Set<string>();
    if (wanted.length > 0) {
      const rows = await this.db.query<
        { kind: TargetKind; key: string; entry: IdMapRow | null; pending: boolean }[]
      >(
        `SELECT w.kind, w.key, to_jsonb(m) AS entry,
           (m.key IS NULL AND coalesce(o.dirty AND o.present AND NOT o.quarantined, false)) AS pending
         FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS w(kind, key)
         LEFT JOIN ${this.idMap} m ON m.kind = w.kind AND m.key = w.key AND m.live
         LEFT JOIN ${this.objects} o ON o.kind = w.kind AND o.key = w.key
         WHERE m.key IS NOT NULL OR (o.dirty AND o.present AND NOT o.quarantined)`,
        [wanted.map((w) => w.kind), wanted.map((w) => w.key)],
      );
      for (const row of rows) {
        if (row.entry) live.set(`${row.kind}:${row.key}`, toEntry(row.entry));
        if (row.pending) pending.add(`${row.kind}:${row.key}`);
      }
    }
    return {
      live: (kind, key) => live.get(`${kind}:${key}`),
      pending: (kind, key) => pending.has(`${kind}:${key}`),
    };
  }

  /** Which of these Genesys ids the bridge manages (created or adopted). */
  async managedIds(kind: TargetKind, genesysIds: readonly string[]): Promise<Set<string>> {
    if (genesysIds.length === 0) return new Set();
    const rows = await this.db.query<{ genesys_id: string }[]>(
      `SELECT genesys_id FROM ${this.idMap} WHERE kind = $1 AND genesys_id = ANY($2)`,
      [kind, genesysIds],
    );
    return new Set(rows.map((row) => row.genesys_id));
  }

  /** Names of the skills or languages the bridge manages. */
  async managedNames(kind: TargetKind): Promise<Set<string>> {
    const rows = await this.db.query<{ name: string }[]>(
      `SELECT name FROM ${this.idMap} WHERE kind = $1 AND live`,
      [kind],
    );
    return new Set(rows.map((row) => row.name));
  }

  /** Deletions of a kind waiting to happen, and the live objects of that kind the bridge manages. */
  async deletionCounts(kind: TargetKind): Promise<{ pending: number; managed: number }> {
    const rows = await this.db.query<{ pending: number; managed: number }[]>(
      `SELECT
         (SELECT count(*) FROM ${this.objects} o JOIN ${this.idMap} m USING (kind, key)
           WHERE o.kind = $1 AND NOT o.present AND o.dirty AND m.live)::int AS pending,
         (SELECT count(*) FROM ${this.idMap} WHERE kind = $1 AND live)::int AS managed`,
      [kind],
    );
    return rows[0] ?? { pending: 0, managed: 0 };
  }

  async deletionPause(kind: TargetKind): Promise<DeletionPause | undefined> {
    return (await this.deletionPauses()).find((pause) => pause.kind === kind);
  }

  async deletionPauses(): Promise<DeletionPause[]> {
    const rows = await this.db.query<PauseRow[]>(
      `SELECT kind, pending, managed, share, paused_at, confirmed_at FROM ${this.pauses} ORDER BY kind`,
    );
    return rows.map((row) => ({
      kind: row.kind,
      pending: row.pending,
      managed: row.managed,
      share: row.share,
      pausedAt: row.paused_at.toISOString(),
      confirmedAt: row.confirmed_at?.toISOString() ?? null,
    }));
  }

  async pauseDeletions(kind: TargetKind, pending: number, managed: number, share: number): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `INSERT INTO ${this.pauses} (kind, pending, managed, share) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind) DO NOTHING RETURNING kind`,
      [kind, pending, managed, share],
    );
    return rows.length > 0;
  }

  /** Confirms the paused deletions (of one kind, or all); returns the kinds released. */
  async confirmDeletions(kind?: TargetKind): Promise<string[]> {
    const [rows] = await this.db.query<[{ kind: string }[], number]>(
      `UPDATE ${this.pauses} SET confirmed_at = now() WHERE confirmed_at IS NULL AND ($1::text IS NULL OR kind = $1)
       RETURNING kind`,
      [kind ?? null],
    );
    if (rows.length > 0)
      await this.db.query(
        `UPDATE ${this.objects} SET not_before = now() WHERE dirty AND NOT present AND kind = ANY($1)`,
        [rows.map((row) => row.kind)],
      );
    return rows.map((row) => row.kind);
  }

  /** A confirmed pause ends when its deletions are done. */
  async endConfirmedPause(kind: TargetKind): Promise<void> {
    const { pending } = await this.deletionCounts(kind);
    if (pending === 0)
      await this.db.query(`DELETE FROM ${this.pauses} WHERE kind = $1 AND confirmed_at IS NOT NULL`, [kind]);
  }

  /**
   * Writes the status of each record; answers those whose status changed or that were synchronized (the ones
   * worth an outcome event), with the time each was last synchronized.
   */
  async saveStatuses(
    records: readonly { kind: TargetKind; key: string; status: RecordStatus }[],
  ): Promise<{ kind: TargetKind; key: string; lastSynchronizedAt: Date | undefined }[]> {
    if (records.length === 0) return [];
    const column = <T>(value: (status: RecordStatus) => T) => records.map((r) => value(r.status));
    const rows = await this.db.query<{ kind: TargetKind; key: string; last_synchronized_at: Date | null }[]>(
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

  async statuses(): Promise<unknown[]> {
    return await this.db.query<unknown[]>(`SELECT * FROM ${this.status} ORDER BY kind, key`);
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

  /** How many objects still wait to be delivered (dirty, not quarantined). */
  async backlog(): Promise<{ dirty: number; quarantined: number }> {
    const rows = await this.db.query<{ dirty: number; quarantined: number }[]>(
      `SELECT count(*) FILTER (WHERE dirty AND NOT quarantined)::int AS dirty,
              count(*) FILTER (WHERE quarantined)::int AS quarantined FROM ${this.objects}`,
    );
    return rows[0] ?? { dirty: 0, quarantined: 0 };
  }
}

/** Of several items with the same key, the last. */
function lastBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}

function toEntry(row: IdMapRow): IdMapEntry {
  return {
    kind: row.kind,
    key: row.key,
    genesysId: row.genesys_id,
    origin: row.origin,
    name: row.name,
    live: row.live,
    actual: row.actual,
  };
}
