import type { CicInteraction } from '@bridge/contracts';
import {
  contributionsOf,
  earliestIntervalOf,
  RowDeltas,
  type Contribution,
  type UploadWindow,
} from '@bridge/interval-aggregation';
import { quoteIdentifier } from '@bridge/postgres';
import type { DataSource, EntityManager } from 'typeorm';

/** One interaction's latest state in a batch, with the event-store position it was recorded at. */
export interface InteractionState {
  readonly position: number;
  readonly interaction: CicInteraction;
}

/** What one batch did to the projection. */
export interface AppliedBatch {
  readonly rowsChanged: number;
  /** The batch changed intervals of a window already built into a file: the next run uploads again. */
  readonly late: boolean;
}

/** The event-store relay that feeds the projection (its cursor is rewound when the projection is rebuilt). */
export const INTERVALS_RELAY = 'historical-upload--intervals';

/** A batch did not follow on from the projection's position; the relay now reads again from `position`. */
export class ProjectionRewound extends Error {
  override readonly name = 'ProjectionRewound';
  constructor(readonly position: number) {
    super(
      `the relay skipped events after ${position} (the projection was rebuilt); it reads again from there`,
    );
  }
}

/** A contribution stored compactly: [interval start, workgroup, media, skill set, language, offered, handled, ms]. */
type StoredContribution = [number, string, Contribution['mediaType'], string, string, number, number, number];
const toStored = (c: Contribution): StoredContribution => [
  c.intervalStart,
  c.workgroupId,
  c.mediaType,
  c.skillSet,
  c.language,
  c.offered,
  c.handled,
  c.handleMs,
];
const fromStored = ([
  intervalStart,
  workgroupId,
  mediaType,
  skillSet,
  language,
  offered,
  handled,
  handleMs,
]: StoredContribution): Contribution => ({
  intervalStart,
  workgroupId,
  mediaType,
  skillSet,
  language,
  offered,
  handled,
  handleMs,
});

/** The projection's tables: interval rows, open interactions, and its position in the event store. */
export class IntervalProjectionStore {
  private readonly intervals: string;
  private readonly interactions: string;
  private readonly projection: string;
  private readonly cursors: string;
  private readonly events: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    const s = quoteIdentifier(schema);
    this.intervals = `${s}.historical_upload_intervals`;
    this.interactions = `${s}.historical_upload_interactions`;
    this.projection = `${s}.historical_upload_projection`;
    this.cursors = `${s}.outbox_cursors`;
    this.events = `${s}.events`;
  }

  /**
   * Applies the interaction states of the events after the projection's position, in one transaction with the
   * new position (`lastPosition`, the batch's last event, interaction or not): exactly once, whatever the relay
   * re-sends after a crash. `states` holds each interaction's latest state in the batch; those at or before the
   * projection's position (a batch read again) are already in the rows and left out.
   */
  async apply(
    firstPosition: number,
    lastPosition: number,
    states: readonly InteractionState[],
  ): Promise<AppliedBatch> {
    const applied = await this.db.transaction(async (tx): Promise<AppliedBatch | { rewind: number }> => {
      // Asynchronous commit (set_config, as SET LOCAL, without a round trip of its own): the rows and the
      // position commit together, and both come again from the event store, so a commit Postgres loses in a
      // crash (a suffix of them) is a batch the relay reads again (ADR 0009).
      // The batch must follow on from the projection's position. It does not when the projection was rebuilt
      // while the relay read it, or after the relay moved its cursor past a batch a rebuild had just undone.
      const [state] = await tx.query<{ position: string; uploaded_until: string; gap: boolean }[]>(
        `SELECT set_config('synchronous_commit', 'off', true), position, uploaded_until,
                EXISTS (SELECT 1 FROM ${this.events} e WHERE e.position > p.position AND e.position < $1) AS gap
         FROM ${this.projection} p FOR UPDATE`,
        [firstPosition],
      );
      if (!state) throw new Error(`${this.projection} has no row: run historical-upload's migrations`);
      const position = Number(state.position);
      if (state.gap) return { rewind: position };
      if (lastPosition <= position) return { rowsChanged: 0, late: false };
      const batch = states.filter((s) => s.position > position);
      // Read after the lock above, in a statement of its own: its snapshot then holds what the previous batch
      // (another instance's, or a rebuild) committed before this one could take the lock.
      const previous = new Map<string, Contribution[]>();
      if (batch.length > 0) {
        const rows = await tx.query<{ interaction_id: string; contributions: StoredContribution[] }[]>(
          `SELECT interaction_id, contributions FROM ${this.interactions} WHERE interaction_id = ANY($1)`,
          [batch.map((s) => s.interaction.interactionId)],
        );
        for (const row of rows) previous.set(row.interaction_id, row.contributions.map(fromStored));
      }
      const deltas = new RowDeltas();
      const open: { id: string; contributions: StoredContribution[] }[] = [];
      const ended: string[] = [];
      for (const { interaction } of batch) {
        const next = contributionsOf(interaction);
        deltas.change(previous.get(interaction.interactionId) ?? [], next);
        // An ended interaction changes no more (its last event is its last), so its row goes.
        if (interaction.state === 'ended') {
          if (previous.has(interaction.interactionId)) ended.push(interaction.interactionId);
        } else open.push({ id: interaction.interactionId, contributions: next.map(toStored) });
      }
      const changes = deltas.list();
      const late = earliestIntervalOf(changes) < Number(state.uploaded_until);
      await this.write(tx, { changes, open, ended, lastPosition, late });
      await this.deleteEmptyRows(tx, changes);
      return { rowsChanged: changes.length, late };
    });
    if (!('rewind' in applied)) return applied;
    // The relay is sent back to the projection's position and reads again: after the transaction, which the
    // refusal ends without a commit.
    await this.db.query(`UPDATE ${this.cursors} SET position = $2 WHERE relay = $1`, [
      INTERVALS_RELAY,
      applied.rewind,
    ]);
    throw new ProjectionRewound(applied.rewind);
  }

  /**
   * A batch's writes in one statement (one round trip): the row changes added to the interval rows, the open
   * interactions' contributions, the ended ones dropped, and the new position. Each part touches a table or rows
   * no other part does, so none needs to see another's effect.
   */
  private async write(
    tx: EntityManager,
    batch: {
      changes: readonly Contribution[];
      open: readonly { id: string; contributions: StoredContribution[] }[];
      ended: readonly string[];
      lastPosition: number;
      late: boolean;
    },
  ): Promise<void> {
    const column = <T>(pick: (c: Contribution) => T) => batch.changes.map(pick);
    await tx.query(
      `WITH added AS (
         INSERT INTO ${this.intervals} AS t
           (interval_start, workgroup_id, media_type, skill_set, language, offered, handled, handle_ms)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
                              $6::integer[], $7::integer[], $8::bigint[])
         ON CONFLICT (interval_start, workgroup_id, media_type, skill_set, language) DO UPDATE
           SET offered = t.offered + excluded.offered,
               handled = t.handled + excluded.handled,
               handle_ms = t.handle_ms + excluded.handle_ms
       ), opened AS (
         INSERT INTO ${this.interactions} (interaction_id, contributions)
         SELECT * FROM unnest($9::text[], $10::jsonb[])
         ON CONFLICT (interaction_id) DO UPDATE SET contributions = excluded.contributions
       ), closed AS (
         DELETE FROM ${this.interactions} WHERE interaction_id = ANY($11)
       )
       UPDATE ${this.projection} SET position = $12, late_changes = late_changes + $13`,
      [
        column((c) => c.intervalStart),
        column((c) => c.workgroupId),
        column((c) => c.mediaType),
        column((c) => c.skillSet),
        column((c) => c.language),
        column((c) => c.offered),
        column((c) => c.handled),
        column((c) => c.handleMs),
        batch.open.map((o) => o.id),
        batch.open.map((o) => JSON.stringify(o.contributions)),
        batch.ended,
        batch.lastPosition,
        batch.late ? 1 : 0,
      ],
    );
  }

  /**
   * A row whose every count went back to zero (an interaction moved to another interval) is no row at all; only
   * a change that takes something away can leave one. A statement after the upsert, which it must see.
   */
  private async deleteEmptyRows(tx: EntityManager, changes: readonly Contribution[]): Promise<void> {
    const decreases = changes.filter((c) => c.offered < 0 || c.handled < 0 || c.handleMs < 0);
    if (decreases.length === 0) return;
    const decreased = <T>(pick: (c: Contribution) => T) => decreases.map(pick);
    await tx.query(
      `DELETE FROM ${this.intervals} WHERE offered = 0 AND handled = 0 AND handle_ms = 0
         AND (interval_start, workgroup_id, media_type, skill_set, language) IN
             (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]))`,
      [
        decreased((c) => c.intervalStart),
        decreased((c) => c.workgroupId),
        decreased((c) => c.mediaType),
        decreased((c) => c.skillSet),
        decreased((c) => c.language),
      ],
    );
  }

  /**
   * Rebuild by replay: empties the projection and rewinds the relay to the start of the event store, in one
   * transaction (a batch read before it does not follow on from position 0, so `apply` refuses it).
   */
  async reset(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM ${this.projection} FOR UPDATE`);
      await tx.query(`TRUNCATE ${this.intervals}, ${this.interactions}`);
      await tx.query(`UPDATE ${this.projection} SET position = 0, late_changes = late_changes + 1`);
      await tx.query(`DELETE FROM ${this.cursors} WHERE relay = $1`, [INTERVALS_RELAY]);
    });
  }

  /** The projection's position in the event store and how many late changes it has seen. */
  async state(): Promise<{ position: number; uploadedUntil: number; lateChanges: number }> {
    const [row] = await this.db.query<{ position: string; uploaded_until: string; late_changes: string }[]>(
      `SELECT position, uploaded_until, late_changes FROM ${this.projection}`,
    );
    return {
      position: Number(row?.position ?? 0),
      uploadedUntil: Number(row?.uploaded_until ?? 0),
      lateChanges: Number(row?.late_changes ?? 0),
    };
  }

  /** Events recorded after the projection's position, and the age in seconds of the oldest of them. */
  async lag(): Promise<{ backlog: number; lagSeconds: number }> {
    const [row] = await this.db.query<{ backlog: number; lag: number | null }[]>(
      `SELECT count(*)::int AS backlog, extract(epoch FROM now() - min(e.recorded_at))::float8 AS lag
       FROM ${this.events} e WHERE e.position > (SELECT position FROM ${this.projection})`,
    );
    return { backlog: row?.backlog ?? 0, lagSeconds: Math.max(0, row?.lag ?? 0) };
  }

  /**
   * A file is being built for `window`: changes before its end are late from now on. Answers the late-change
   * count the file includes.
   */
  async building(window: UploadWindow): Promise<number> {
    const [row] = await this.db.query<{ late_changes: string }[]>(
      `UPDATE ${this.projection} SET uploaded_until = GREATEST(uploaded_until, $1) RETURNING late_changes`,
      [window.end],
    );
    return Number(row?.late_changes ?? 0);
  }

  /** The rows of a window in key order, a page at a time (keyset paging on the primary key). */
  async *rows(window: UploadWindow, pageSize = 5_000): AsyncGenerator<Contribution> {
    let after: unknown[] = [window.start - 1, '', '', '', ''];
    for (;;) {
      const page = await this.db.query<
        {
          interval_start: string;
          workgroup_id: string;
          media_type: Contribution['mediaType'];
          skill_set: string;
          language: string;
          offered: number;
          handled: number;
          handle_ms: string;
        }[]
      >(
        `SELECT * FROM ${this.intervals}
         WHERE (interval_start, workgroup_id, media_type, skill_set, language) > ($1, $2, $3, $4, $5)
           AND interval_start < $6
         ORDER BY interval_start, workgroup_id, media_type, skill_set, language
         LIMIT $7`,
        [...after, window.end, pageSize],
      );
      for (const r of page)
        yield {
          intervalStart: Number(r.interval_start),
          workgroupId: r.workgroup_id,
          mediaType: r.media_type,
          skillSet: r.skill_set,
          language: r.language,
          offered: r.offered,
          handled: r.handled,
          handleMs: Number(r.handle_ms),
        };
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = [last.interval_start, last.workgroup_id, last.media_type, last.skill_set, last.language];
    }
  }
}
