import type { TargetKind } from '@bridge/contracts';
import type { DeletionFacts } from '@bridge/delivery-planning';
import type { DataSource } from 'typeorm';
import type { DesiredObjects } from './desired-objects';
import { deliveryTables } from './tables';

export interface DeletionPause {
  readonly kind: TargetKind;
  readonly pending: number;
  readonly managed: number;
  readonly share: number;
  readonly pausedAt: string;
  readonly confirmedAt: string | null;
}

interface PauseRow {
  kind: TargetKind;
  pending: number;
  managed: number;
  share: number;
  paused_at: Date;
  confirmed_at: Date | null;
}

/** Paused mass deletions (delivery_deletion_pauses) and the counts the deletion guard weighs. */
export class DeletionPauses {
  private readonly objects: string;
  private readonly idMap: string;
  private readonly pauses: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
    private readonly desired: DesiredObjects,
  ) {
    ({ objects: this.objects, idMap: this.idMap, pauses: this.pauses } = deliveryTables(schema));
  }

  /** What the deletion guard weighs for a kind: its pause, and its pending deletions and managed objects. */
  async facts(kind: TargetKind): Promise<DeletionFacts> {
    const facts = await this.factsOf([kind]);
    return facts.get(kind) ?? { pending: 0, managed: 0, confirmed: false, paused: false };
  }

  /** The deletion guard's facts of several kinds, in two statements whatever their number (a dry run's). */
  async factsOf(kinds: readonly TargetKind[]): Promise<Map<TargetKind, DeletionFacts>> {
    const [pauses, counts] = await Promise.all([this.list(), this.counts(kinds)]);
    return new Map(
      counts.map(({ kind, pending, managed }) => {
        const pause = pauses.find((p) => p.kind === kind);
        const facts: DeletionFacts = {
          pending,
          managed,
          confirmed: Boolean(pause?.confirmedAt),
          paused: pause !== undefined && !pause.confirmedAt,
        };
        return [kind, facts];
      }),
    );
  }

  /** Deletions of each kind waiting to happen, and the live objects of that kind the bridge manages. */
  private async counts(
    kinds: readonly TargetKind[],
  ): Promise<{ kind: TargetKind; pending: number; managed: number }[]> {
    return this.db.query<{ kind: TargetKind; pending: number; managed: number }[]>(
      `SELECT k.kind,
         (SELECT count(*) FROM ${this.objects} o JOIN ${this.idMap} m USING (kind, key)
           WHERE o.kind = k.kind AND NOT o.present AND o.dirty AND m.live)::int AS pending,
         (SELECT count(*) FROM ${this.idMap} WHERE kind = k.kind AND live)::int AS managed
       FROM unnest($1::text[]) AS k(kind)`,
      [kinds],
    );
  }

  async list(): Promise<DeletionPause[]> {
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

  /**
   * Pauses the deletions of a kind. An open pause takes the counts of each deletion that joins it, so the admin
   * sees what a confirm would delete; a confirmed one stays as it was.
   */
  async pause(kind: TargetKind, pending: number, managed: number, share: number): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.pauses} AS p (kind, pending, managed, share) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind) DO UPDATE SET pending = EXCLUDED.pending, managed = EXCLUDED.managed,
         share = EXCLUDED.share
       WHERE p.confirmed_at IS NULL`,
      [kind, pending, managed, share],
    );
  }

  /** Confirms the paused deletions (of one kind, or all); returns the kinds released. */
  async confirm(kind?: TargetKind): Promise<string[]> {
    const [rows] = await this.db.query<[{ kind: string }[], number]>(
      `UPDATE ${this.pauses} SET confirmed_at = now() WHERE confirmed_at IS NULL AND ($1::text IS NULL OR kind = $1)
       RETURNING kind`,
      [kind ?? null],
    );
    if (rows.length > 0) await this.desired.hurryDeletions(rows.map((row) => row.kind));
    return rows.map((row) => row.kind);
  }

  /** A confirmed pause ends when its deletions are done. */
  async endConfirmed(kind: TargetKind): Promise<void> {
    const [counts] = await this.counts([kind]);
    if (counts?.pending === 0)
      await this.db.query(`DELETE FROM ${this.pauses} WHERE kind = $1 AND confirmed_at IS NOT NULL`, [kind]);
  }
}
