import type { DriftOfRecord, TargetKind } from '@bridge/contracts';
import type { DeliveryObject, Drift, IdMapEntry } from '@bridge/delivery-planning';
import type { DataSource } from 'typeorm';
import { NamedLease } from '../persistence/named-lease';
import { deliveryObjectOf, type IdMapRow, type ObjectRow } from '../persistence/rows';
import { deliveryTables, markDirty, type DeliveryTables } from '../persistence/tables';

/**
 * One managed object as the audit read it before listing its kind: its desired state and id map entry, and the
 * versions a mark must still find (so an object reconciled meanwhile is not taken for drift).
 */
export interface AuditedObject {
  readonly object: DeliveryObject & { readonly entry: IdMapEntry };
  readonly revision: string;
  readonly entryVersion: string;
  /** Neither dirty nor quarantined: the reconciler believes it matches. */
  readonly clean: boolean;
}

/** The last pass, for the operator: when, how many listing calls, what it found by kind, and whether it fit. */
export interface PassSummary {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly calls: number;
  readonly found: Partial<Record<TargetKind, number>>;
  readonly repaired: number;
  readonly reported: number;
  readonly fits: boolean;
  readonly note?: string;
}

const AUDIT = 'drift-audit';

/** The drift audit's reads and marks on delivery's tables (delivery_drifts, …_drift_repairs, …_audit_passes). */
export class AuditTables {
  private readonly t: DeliveryTables;
  private readonly leaseRow: NamedLease;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.t = deliveryTables(schema);
    this.leaseRow = new NamedLease(db, this.t.auditPasses, AUDIT);
  }

  /** How many live id map entries each kind has: what a pass expects to list. */
  async counts(): Promise<Map<TargetKind, number>> {
    const rows = await this.db.query<{ kind: TargetKind; count: number }[]>(
      `SELECT kind, count(*)::int AS count FROM ${this.t.idMap} WHERE live GROUP BY kind`,
    );
    return new Map(rows.map((row) => [row.kind, row.count]));
  }

  /** Every live, still wanted object of a kind with its id map entry. */
  async snapshot(kind: TargetKind): Promise<AuditedObject[]> {
    const rows = await this.db.query<
      (ObjectRow & { entry: IdMapRow; revision: string; entry_version: string; clean: boolean })[]
    >(
      `SELECT o.kind, o.key, o.present, o.document, o.reason, o.revision::text AS revision,
         NOT (o.dirty OR o.quarantined) AS clean, to_jsonb(m) AS entry, m.updated_at::text AS entry_version
       FROM ${this.t.idMap} m JOIN ${this.t.objects} o ON o.kind = m.kind AND o.key = m.key
       WHERE m.kind = $1 AND m.live AND o.present`,
      [kind],
    );
    return rows.map(({ entry, revision, entry_version: entryVersion, clean, ...row }) => ({
      object: deliveryObjectOf(row, entry) as AuditedObject['object'],
      revision,
      entryVersion,
      clean,
    }));
  }

  /** Genesys id → CIC key of every user and wrap-up code the bridge manages (queue members and codes). */
  async managedKeys(): Promise<{ users: Map<string, string>; wrapUpCodes: Map<string, string> }> {
    const rows = await this.db.query<{ kind: TargetKind; key: string; genesys_id: string }[]>(
      `SELECT kind, key, genesys_id FROM ${this.t.idMap} WHERE kind IN ('user', 'wrapUpCode')`,
    );
    const of = (kind: TargetKind) =>
      new Map(rows.filter((r) => r.kind === kind).map((r) => [r.genesys_id, r.key]));
    return { users: of('user'), wrapUpCodes: of('wrapUpCode') };
  }

  /** How often the audit had each of these objects repaired within the last day. */
  async repairsToday(kind: TargetKind, keys: readonly string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ key: string; count: number }[]>(
      `SELECT key, count(*)::int AS count FROM ${this.t.driftRepairs}
       WHERE kind = $1 AND key = ANY($2) AND repaired_at > now() - interval '1 day' GROUP BY key`,
      [kind, keys],
    );
    return new Map(rows.map((row) => [row.key, row.count]));
  }

  /**
   * Drift found in an object Genesys still has: its known state becomes what the audit read (so the reconciler
   * plans the repair), it is made dirty, and its drift and a repair are recorded; all only if neither the object
   * nor its entry changed since the snapshot. Answers whether it was marked.
   */
  async markDrifted(audited: AuditedObject, known: unknown, drift: readonly Drift[]): Promise<boolean> {
    const { kind, key } = audited.object;
    return this.marked(
      `UPDATE ${this.t.idMap} SET actual = $6::jsonb, updated_at = now()
       WHERE kind = $1 AND key = $2 AND live AND updated_at = $4::timestamptz
         AND EXISTS (SELECT 1 FROM ${this.t.objects}
                     WHERE kind = $1 AND key = $2 AND revision::text = $5 AND NOT dirty AND NOT quarantined)
       RETURNING key`,
      [kind, key, JSON.stringify(drift), audited.entryVersion, audited.revision, JSON.stringify(known)],
    );
  }

  /**
   * A managed object Genesys no longer lists: its entry is forgotten and the object made dirty, to be provisioned
   * again; unless its entry changed since the snapshot (it was re-created or adopted meanwhile).
   */
  async markGone(audited: AuditedObject, drift: readonly Drift[]): Promise<boolean> {
    const { kind, key } = audited.object;
    return this.marked(
      `DELETE FROM ${this.t.idMap}
       WHERE kind = $1 AND key = $2 AND updated_at = $4::timestamptz AND genesys_id = $5 RETURNING key`,
      [kind, key, JSON.stringify(drift), audited.entryVersion, audited.object.entry.genesysId],
    );
  }

  /** Drift reported, not repaired: only the known state becomes what the audit read. */
  async recordKnown(audited: AuditedObject, known: unknown): Promise<void> {
    const { kind, key } = audited.object;
    await this.db.query(
      `UPDATE ${this.t.idMap} SET actual = $4::jsonb, updated_at = now()
       WHERE kind = $1 AND key = $2 AND updated_at = $3::timestamptz`,
      [kind, key, audited.entryVersion, JSON.stringify(known)],
    );
  }

  /** The drift found in these records and not shown yet, taken (record kind:key → drift). */
  async take(records: readonly { kind: TargetKind; key: string }[]): Promise<Map<string, DriftOfRecord[]>> {
    if (records.length === 0) return new Map();
    const [rows] = await this.db.query<[{ kind: string; key: string; drift: DriftOfRecord[] }[], number]>(
      `DELETE FROM ${this.t.drifts} d USING unnest($1::text[], $2::text[]) AS v(kind, key)
       WHERE d.kind = v.kind AND d.key = v.key RETURNING d.kind, d.key, d.drift`,
      [records.map((r) => r.kind), records.map((r) => r.key)],
    );
    return new Map(rows.map((row) => [`${row.kind}:${row.key}`, row.drift]));
  }

  /** Takes or renews the audit's lease: one instance runs passes at a time. Answers whether this one holds it. */
  lease(holder: string, leaseMs: number): Promise<boolean> {
    return this.leaseRow.lease(holder, leaseMs);
  }

  /** Lets the lease go (the service is stopping), so another instance or the next start takes it at once. */
  release(holder: string): Promise<void> {
    return this.leaseRow.release(holder);
  }

  /** Records a finished pass, and forgets repairs older than the day the repair limit looks at. */
  async finishPass(summary: PassSummary): Promise<void> {
    await this.db.query(`UPDATE ${this.t.auditPasses} SET last_pass = $2::jsonb WHERE name = $1`, [
      AUDIT,
      JSON.stringify(summary),
    ]);
    await this.db.query(`DELETE FROM ${this.t.driftRepairs} WHERE repaired_at < now() - interval '1 day'`);
  }

  async lastPass(): Promise<{ holder?: string; leaseUntil?: Date; lastPass?: PassSummary }> {
    const rows = await this.db.query<{ holder: string; lease_until: Date; last_pass: PassSummary | null }[]>(
      `SELECT holder, lease_until, last_pass FROM ${this.t.auditPasses} WHERE name = $1`,
      [AUDIT],
    );
    const row = rows[0];
    if (!row) return {};
    return {
      holder: row.holder,
      leaseUntil: row.lease_until,
      ...(row.last_pass ? { lastPass: row.last_pass } : {}),
    };
  }

  /**
   * Runs a conditional change of the id map (`$1` kind, `$2` key, `$3` the drift) and, when it changed a row,
   * makes the object dirty and records its drift and a repair, in the same statement.
   */
  private async marked(change: string, parameters: unknown[]): Promise<boolean> {
    const rows = await this.db.query<{ key: string }[]>(
      `WITH entry AS (${change}),
       dirtied AS (
         UPDATE ${this.t.objects} SET ${markDirty}, attempts = 0, not_before = now()
         WHERE kind = $1 AND key IN (SELECT key FROM entry)),
       found AS (
         INSERT INTO ${this.t.drifts} (kind, key, drift) SELECT $1, key, $3::jsonb FROM entry
         ON CONFLICT (kind, key) DO UPDATE SET drift = EXCLUDED.drift, found_at = now())
       INSERT INTO ${this.t.driftRepairs} (kind, key) SELECT $1, key FROM entry RETURNING key`,
      parameters,
    );
    return rows.length > 0;
  }
}
