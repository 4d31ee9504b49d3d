import type {
  DeletionItem,
  QuarantinedRecord,
  ReprovisionTarget,
  SyncState,
  TargetKind,
} from '@bridge/contracts';
import type { DeliveryObject, KindCounts, PausedKind, ReprovisionRun } from '@bridge/delivery-planning';
import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource, EntityManager } from 'typeorm';
import { deliveryObjectOf, type IdMapRow, type ObjectRow } from '../persistence/rows';
import { deliveryTables, markDirty, replicateAgain } from '../persistence/tables';
import { rateBudgetsTable } from '@bridge/genesys-client';

/** A desired object's row version (with its id map entry's) and the flags a reference to it reads. */
export interface ObjectVersion {
  readonly kind: TargetKind;
  readonly key: string;
  readonly version: string;
  readonly dirty: boolean;
  readonly quarantined: boolean;
}

/** The sync's state row, with the org epoch every instance compares with what it cached. */
export type SyncRow = SyncState & { readonly orgEpoch: number };

interface RunRow {
  run_id: string;
  target: ReprovisionTarget;
  operator: string;
  started_at: Date;
  finished_at: Date | null;
  mapping: ReprovisionRun['mapping'] | null;
}

/** The running run as `followRunningRun` holds it: its writes go in the transaction holding its row. */
export interface HeldRun {
  saveMapping(mapping: NonNullable<ReprovisionRun['mapping']>): Promise<void>;
  /** Marks the run finished, when the transaction commits; its time. */
  finish(): Promise<Date>;
}

/** Postgres's answer to a second running reprovision (the unique index on running runs). */
export class ReprovisionRunning extends Error {
  override readonly name = 'ReprovisionRunning';
}

/**
 * What the operator commands read and write of delivery's tables: the sync state, the reprovision runs, and the
 * views of desired objects, the id map and pauses the commands answer with. One statement per question.
 */
export class OperatorTables {
  private readonly t: ReturnType<typeof deliveryTables>;
  private readonly syncState: string;
  private readonly runs: string;
  private readonly rateBudgets: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.t = deliveryTables(schema);
    this.syncState = `${quoteIdentifier(schema)}.delivery_sync_state`;
    this.runs = `${quoteIdentifier(schema)}.delivery_reprovisions`;
    this.rateBudgets = rateBudgetsTable(schema);
  }

  async sync(): Promise<SyncRow> {
    const rows = await this.db.query<
      {
        paused: boolean;
        changed_by: string | null;
        changed_at: Date | null;
        reason: string | null;
        org_epoch: number;
      }[]
    >(`SELECT paused, changed_by, changed_at, reason, org_epoch FROM ${this.syncState}`);
    const row = rows[0];
    if (!row) return { paused: false, orgEpoch: 0 };
    return {
      paused: row.paused,
      ...(row.changed_by ? { changedBy: row.changed_by } : {}),
      ...(row.changed_at ? { changedAt: row.changed_at.toISOString() } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
      orgEpoch: row.org_epoch,
    };
  }

  /** Sets the pause; an unchanged state keeps who set it and when. */
  async setPaused(paused: boolean, operator: string, reason: string | undefined): Promise<void> {
    await this.db.query(
      `UPDATE ${this.syncState} SET paused = $1, changed_by = $2, changed_at = now(), reason = $3
       WHERE paused IS DISTINCT FROM $1`,
      [paused, operator, reason ?? null],
    );
  }

  async quarantined(
    kind: TargetKind | undefined,
    limit: number,
  ): Promise<{ records: QuarantinedRecord[]; total: number }> {
    const rows = await this.db.query<
      {
        kind: TargetKind;
        key: string;
        attempts: number;
        genesys_id: string | null;
        error_code: string | null;
        error_message: string | null;
        changed_at: Date;
        total: number;
      }[]
    >(
      `SELECT o.kind, o.key, o.attempts, s.genesys_id, s.error_code, s.error_message, o.changed_at,
         (count(*) OVER ())::int AS total
       FROM ${this.t.objects} o LEFT JOIN ${this.t.status} s USING (kind, key)
       WHERE o.quarantined AND ($1::text IS NULL OR o.kind = $1)
       ORDER BY o.changed_at, o.kind, o.key LIMIT $2`,
      [kind ?? null, limit],
    );
    return {
      total: rows[0]?.total ?? 0,
      records: rows.map((row) => ({
        kind: row.kind,
        cicId: row.key,
        attempts: row.attempts,
        ...(row.genesys_id ? { genesysId: row.genesys_id } : {}),
        ...(row.error_code ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
        changedAt: row.changed_at.toISOString(),
      })),
    };
  }

  /** The unconfirmed pauses (of one kind, or all). */
  async openPauses(kind: TargetKind | undefined): Promise<PausedKind[]> {
    const rows = await this.db.query<
      { kind: TargetKind; pending: number; managed: number; share: number; paused_at: Date }[]
    >(
      `SELECT kind, pending, managed, share, paused_at FROM ${this.t.pauses}
       WHERE confirmed_at IS NULL AND ($1::text IS NULL OR kind = $1) ORDER BY kind`,
      [kind ?? null],
    );
    return rows.map((row) => ({ ...row, pausedAt: row.paused_at.toISOString() }));
  }

  /** The live Genesys objects whose deletion these kinds' pauses hold back. */
  async pendingDeletions(
    kinds: readonly TargetKind[],
    userRemoval: 'deactivate' | 'delete',
  ): Promise<DeletionItem[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db.query<{ kind: TargetKind; key: string; name: string; genesys_id: string }[]>(
      `SELECT o.kind, o.key, m.name, m.genesys_id FROM ${this.t.objects} o JOIN ${this.t.idMap} m USING (kind, key)
       WHERE o.kind = ANY($1) AND NOT o.present AND o.dirty AND m.live AND o.reason IS DISTINCT FROM 'syncOptionOff'`,
      [kinds],
    );
    return rows.map((row) => ({
      kind: row.kind,
      cicId: row.key,
      name: row.name,
      genesysId: row.genesys_id,
      action:
        row.kind === 'secondaryStatus' || (row.kind === 'user' && userRemoval === 'deactivate')
          ? 'deactivate'
          : 'delete',
    }));
  }

  /**
   * The version of what a dry run reads (the desired objects, the id map, the deletion pauses): per table its row
   * count and the sum of its rows' xmin. Every insert or update writes a row version carrying its transaction's
   * id and a delete changes the count, so any committed change gives a new version (a vacuum freezing rows gives
   * one too, which costs only a recomputation). One scan of each table, no row leaves the database.
   */
  async planInputsVersion(): Promise<string> {
    const versionOf = (table: string) =>
      `(SELECT count(*) || '.' || coalesce(sum(xmin::text::bigint), 0) FROM ${table})`;
    const rows = await this.db.query<{ version: string }[]>(
      `SELECT concat_ws(':', ${[this.t.objects, this.t.idMap, this.t.pauses].map(versionOf).join(', ')}) AS version`,
    );
    return rows[0]?.version ?? '';
  }

  /**
   * Every desired object (of one kind, or all) in claim order, without its document: the version of its row and
   * of its id map entry (their xmin, which every committed write renews), and what a reference to it reads
   * besides the entry. A dry run reads the documents of the objects whose version it does not hold.
   */
  async objectVersions(kind: TargetKind | undefined): Promise<ObjectVersion[]> {
    return this.db.query<ObjectVersion[]>(
      `SELECT o.kind, o.key, o.xmin::text || '.' || coalesce(m.xmin::text, '') AS version, o.dirty, o.quarantined
       FROM ${this.t.objects} o LEFT JOIN ${this.t.idMap} m USING (kind, key)
       WHERE $1::text IS NULL OR o.kind = $1 ORDER BY o.priority, o.kind, o.key`,
      [kind ?? null],
    );
  }

  /** The desired objects named, each with its id map entry, as a claim reads them (in no order). */
  async objectsOf(wanted: readonly { kind: TargetKind; key: string }[]): Promise<DeliveryObject[]> {
    if (wanted.length === 0) return [];
    const rows = await this.db.query<(ObjectRow & { entry: IdMapRow | null })[]>(
      `SELECT o.kind, o.key, o.present, o.document, o.reason, to_jsonb(m) AS entry
       FROM unnest($1::text[], $2::text[]) AS w(kind, key)
       JOIN ${this.t.objects} o USING (kind, key) LEFT JOIN ${this.t.idMap} m USING (kind, key)`,
      [wanted.map((w) => w.kind), wanted.map((w) => w.key)],
    );
    return rows.map(({ entry, ...object }) => deliveryObjectOf(object, entry));
  }

  /** One record's desired state, delivery state and id map entry; undefined when delivery never received it. */
  async record(kind: TargetKind, key: string) {
    const rows = await this.db.query<
      {
        present: boolean;
        document: unknown;
        reason: string | null;
        dirty: boolean;
        attempts: number;
        quarantined: boolean;
        changed_at: Date;
        entry: (IdMapRow & { updated_at: string }) | null;
      }[]
    >(
      `SELECT o.present, o.document, o.reason, o.dirty, o.attempts, o.quarantined, o.changed_at, to_jsonb(m) AS entry
       FROM ${this.t.objects} o LEFT JOIN ${this.t.idMap} m USING (kind, key) WHERE o.kind = $1 AND o.key = $2`,
      [kind, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    const entry = row.entry;
    return {
      kind,
      cicId: key,
      desired: row.present
        ? { present: true as const, document: row.document }
        : { present: false as const, reason: row.reason ?? 'removedFromCic' },
      delivery: {
        due: row.dirty,
        attempts: row.attempts,
        quarantined: row.quarantined,
        changedAt: row.changed_at.toISOString(),
      },
      ...(entry
        ? {
            genesys: {
              id: entry.genesys_id,
              name: entry.name,
              origin: entry.origin,
              live: entry.live,
              document: entry.actual,
              readAt: new Date(entry.updated_at).toISOString(),
            },
          }
        : {}),
    };
  }

  /**
   * Records a new run (throws ReprovisionRunning while another one runs) and makes every desired object due again,
   * quarantined ones included, after forgetting the old org for `newOrg`. One transaction: an instance's monitor
   * that read the run with its records still reconciled would publish the old org's progress (nearly done) before
   * the run's first.
   */
  async startRun(runId: string, target: ReprovisionTarget, operator: string): Promise<ReprovisionRun> {
    try {
      return await this.db.transaction(async (manager) => {
        const rows = await manager.query<RunRow[]>(
          `INSERT INTO ${this.runs} (run_id, target, operator) VALUES ($1, $2, $3) RETURNING *`,
          [runId, target, operator],
        );
        if (target === 'newOrg') await this.forgetOrg(manager);
        await manager.query(
          `UPDATE ${this.t.objects} SET ${markDirty}, attempts = 0, not_before = now(), lease_until = NULL`,
        );
        return runOf(rows[0] as RunRow);
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505')
        throw new ReprovisionRunning('a reprovision is running');
      throw error;
    }
  }

  /**
   * A new org: the bridge knows nothing of it. The id map, the paused deletions (nothing there is the bridge's),
   * what each presence was delivered as and what each conversation was replicated as are forgotten, every
   * presence and every conversation the lane had taken up is due again (one kept only for a backfill stays so),
   * and the org epoch moves on so every instance drops what it cached (presence source, definitions). In the
   * caller's transaction, or one of its own.
   */
  async forgetOrg(manager?: EntityManager): Promise<void> {
    if (!manager) return this.db.transaction((own) => this.forgetOrg(own));
    await manager.query(`DELETE FROM ${this.t.idMap}`);
    await manager.query(`DELETE FROM ${this.t.pauses}`);
    await manager.query(
      `UPDATE ${this.t.presences} SET delivered = NULL, primary_source_user_id = NULL, waiting = NULL,
         dirty = true, revision = revision + 1, attempts = 0, not_before = now()`,
    );
    await manager.query(
      `UPDATE ${this.t.conversations} SET ${replicateAgain}, attempts = 0
       WHERE dirty OR outcome <> 'pending' OR cardinality(accepted) > 0`,
    );
    await manager.query(`UPDATE ${this.syncState} SET org_epoch = org_epoch + 1`);
  }

  async saveMapping(
    runId: string,
    mapping: NonNullable<ReprovisionRun['mapping']>,
    manager: Pick<EntityManager, 'query'> = this.db,
  ): Promise<void> {
    await manager.query(`UPDATE ${this.runs} SET mapping = $2 WHERE run_id = $1`, [
      runId,
      JSON.stringify(mapping),
    ]);
  }

  /** The run named, or the latest one. */
  async run(runId: string | undefined): Promise<ReprovisionRun | undefined> {
    const rows = await this.db.query<RunRow[]>(
      `SELECT * FROM ${this.runs} WHERE $1::uuid IS NULL OR run_id = $1 ORDER BY started_at DESC LIMIT 1`,
      [runId ?? null],
    );
    return rows[0] && runOf(rows[0]);
  }

  async runningRun(): Promise<ReprovisionRun | undefined> {
    const rows = await this.db.query<RunRow[]>(`SELECT * FROM ${this.runs} WHERE finished_at IS NULL`);
    return rows[0] && runOf(rows[0]);
  }

  /**
   * Holds the running run's row while `follow` looks at it, so the instances' monitors take turns: one that finds
   * the row held skips its look, and whichever holds it next reads the tables after the holder published. A look
   * that publishes after the run finished, or progress older than the newest, would otherwise leave DELIVERY,
   * which keeps a run's newest event only, with the run not finished. `saveMapping` and `finish` write in the
   * same transaction (the row's lock would hold off a write of their own): should `follow` throw, neither is
   * kept, and the next look finishes the run again.
   */
  async followRunningRun(follow: (run: ReprovisionRun, held: HeldRun) => Promise<void>): Promise<void> {
    await this.db.transaction(async (manager) => {
      const rows = await manager.query<RunRow[]>(
        `SELECT * FROM ${this.runs} WHERE finished_at IS NULL FOR UPDATE SKIP LOCKED`,
      );
      const row = rows[0];
      if (!row) return;
      await follow(runOf(row), {
        saveMapping: (mapping) => this.saveMapping(row.run_id, mapping, manager),
        finish: async () => {
          const [finished] = await manager.query<[{ finished_at: Date }[], number]>(
            `UPDATE ${this.runs} SET finished_at = now() WHERE run_id = $1 RETURNING finished_at`,
            [row.run_id],
          );
          return (finished[0] as { finished_at: Date }).finished_at;
        },
      });
    });
  }

  /** Each kind's records: all, reconciled (clean) and quarantined. */
  async kindCounts(): Promise<KindCounts[]> {
    return await this.db.query<KindCounts[]>(
      `SELECT kind, count(*)::int AS total, count(*) FILTER (WHERE NOT dirty)::int AS done,
         count(*) FILTER (WHERE dirty AND quarantined)::int AS failed
       FROM ${this.t.objects} GROUP BY kind`,
    );
  }

  /** The backlog and lag of the configuration, presence and replication lanes, and the paused deletions. */
  async lanes(): Promise<{
    configuration: { backlog: number; quarantined: number; lagSeconds: number; pausedDeletions: number };
    presence: { backlog: number; lagSeconds: number };
    replication: { backlog: number; lagSeconds: number };
  }> {
    const rows = await this.db.query<
      {
        backlog: number;
        quarantined: number;
        lag: number | null;
        paused: number;
        presence_backlog: number;
        presence_lag: number | null;
        replication_backlog: number;
        replication_lag: number | null;
      }[]
    >(
      `SELECT
         (SELECT count(*) FROM ${this.t.objects} WHERE dirty AND NOT quarantined)::int AS backlog,
         (SELECT count(*) FROM ${this.t.objects} WHERE quarantined)::int AS quarantined,
         (SELECT extract(epoch FROM now() - min(changed_at)) FROM ${this.t.objects} WHERE dirty AND NOT quarantined)::float8 AS lag,
         (SELECT count(*) FROM ${this.t.pauses} WHERE confirmed_at IS NULL)::int AS paused,
         (SELECT count(*) FROM ${this.t.presences} WHERE dirty)::int AS presence_backlog,
         (SELECT extract(epoch FROM now() - min(changed_at)) FROM ${this.t.presences} WHERE dirty)::float8 AS presence_lag,
         (SELECT count(*) FROM ${this.t.conversations} WHERE dirty)::int AS replication_backlog,
         (SELECT extract(epoch FROM now() - min(changed_at)) FROM ${this.t.conversations} WHERE dirty)::float8 AS replication_lag`,
    );
    const row = rows[0];
    return {
      configuration: {
        backlog: row?.backlog ?? 0,
        quarantined: row?.quarantined ?? 0,
        lagSeconds: Math.max(0, row?.lag ?? 0),
        pausedDeletions: row?.paused ?? 0,
      },
      presence: { backlog: row?.presence_backlog ?? 0, lagSeconds: Math.max(0, row?.presence_lag ?? 0) },
      replication: {
        backlog: row?.replication_backlog ?? 0,
        lagSeconds: Math.max(0, row?.replication_lag ?? 0),
      },
    };
  }

  /** The org's rate bucket as stored, and the database's clock. */
  async rateBucket(): Promise<
    { tokens: number; updatedAtMs: number; blockedUntilMs: number; nowMs: number } | undefined
  > {
    const rows = await this.db.query<
      { tokens: number; updated_at_ms: string; blocked_until_ms: string; now_ms: string }[]
    >(
      `SELECT tokens, updated_at_ms, blocked_until_ms,
         (extract(epoch from clock_timestamp()) * 1000)::bigint AS now_ms
       FROM ${this.rateBudgets} WHERE name = 'genesys'`,
    );
    const row = rows[0];
    return (
      row && {
        tokens: row.tokens,
        updatedAtMs: Number(row.updated_at_ms),
        blockedUntilMs: Number(row.blocked_until_ms),
        nowMs: Number(row.now_ms),
      }
    );
  }
}

function runOf(row: RunRow): ReprovisionRun {
  return {
    runId: row.run_id,
    target: row.target,
    operator: row.operator,
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    ...(row.mapping ? { mapping: row.mapping } : {}),
  };
}
