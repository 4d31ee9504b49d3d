import type { DesiredConversation } from '@bridge/contracts';
import type { TraceCarrier } from '@bridge/telemetry';
import type { DataSource } from 'typeorm';
import { deliveryTables, replicateAgain } from './tables';
import { tracesByKey, tracesOnStore } from './trace-columns';

/** A conversation the lane holds the lease of. */
export interface ClaimedConversation {
  readonly interactionId: string;
  readonly document: DesiredConversation;
  readonly accepted: ReadonlySet<string>;
  readonly skipped: ReadonlySet<string>;
  /** When the bounded wait for what is not synced yet ends; undefined before the first wait. */
  readonly waitUntil: Date | undefined;
  readonly attempts: number;
  readonly revision: string;
  /** The trace contexts of the changes that made it due. */
  readonly traces: readonly TraceCarrier[];
}

/** A desired conversation to store, with the trace context of the change it came from when there is one. */
export interface CausedConversation {
  readonly document: DesiredConversation;
  readonly trace?: TraceCarrier;
}

/** The per-interaction outcome, as the table keeps it. */
export type ReplicationOutcome = 'pending' | 'waiting' | 'replicated' | 'partial' | 'error';

/** What became of one claimed conversation. */
export interface ConversationResult {
  readonly interactionId: string;
  readonly revision: string;
  readonly outcome: ReplicationOutcome;
  readonly reason?: string;
  readonly accepted: readonly string[];
  readonly skipped: readonly string[];
  /** Set when waiting starts: the end of the bounded wait. */
  readonly waitUntil?: Date;
  /** Due again after this long (a wait or a retry); absent when nothing is left to send. */
  readonly dueInMs?: number;
  readonly failed: boolean;
}

interface ConversationRow {
  readonly interaction_id: string;
  readonly document: DesiredConversation;
  readonly accepted: string[];
  readonly skipped: string[];
  readonly wait_until: Date | null;
  readonly attempts: number;
  readonly revision: string;
  readonly traces: TraceCarrier[];
}

/** The replication lane's table (delivery_conversations). */
export class Conversations {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
  ) {
    this.table = deliveryTables(schema).conversations;
  }

  /**
   * Stores the latest desired conversation of each interaction, due when `replicate` (DELIVERY_REPLICATION on),
   * kept for a backfill otherwise; one with fewer events never replaces one with more (a redelivery of an older
   * document). One durable statement, before the consumer acks.
   */
  async store(caused: readonly CausedConversation[], replicate: boolean): Promise<void> {
    const tracesOf = tracesByKey(caused, (c) => c.document.interactionId);
    const latest = [
      ...new Map(
        caused
          .map((c) => c.document)
          .sort((a, b) => a.events.length - b.events.length || Number(a.complete) - Number(b.complete))
          .map((document) => [document.interactionId, document]),
      ).values(),
      // One lock order for every statement that writes several rows (the lane's finish too): no deadlock.
    ].sort((a, b) => (a.interactionId < b.interactionId ? -1 : a.interactionId > b.interactionId ? 1 : 0));
    if (latest.length === 0) return;
    const column = <T>(value: (document: DesiredConversation) => T) => latest.map(value);
    await this.db.transaction(async (manager) => {
      await manager.query('SET LOCAL synchronous_commit = on');
      await manager.query(
        `INSERT INTO ${this.table} AS c (interaction_id, conversation_id, document, known_events, complete,
           disconnected_at, traces, dirty)
         SELECT *, $7::boolean FROM unnest($1::text[], $2::uuid[], $3::jsonb[], $4::int[], $5::boolean[],
           $6::timestamptz[], $8::jsonb[])
         ON CONFLICT (interaction_id) DO UPDATE SET
           document = EXCLUDED.document, known_events = EXCLUDED.known_events, complete = EXCLUDED.complete,
           disconnected_at = EXCLUDED.disconnected_at, dirty = c.dirty OR $7::boolean, revision = c.revision + 1,
           not_before = now(), changed_at = now(), ${tracesOnStore('c')}
         WHERE EXCLUDED.known_events > c.known_events OR (EXCLUDED.complete AND NOT c.complete)`,
        [
          column((d) => d.interactionId),
          column((d) => d.conversationId),
          column((d) => JSON.stringify(d)),
          column((d) => d.events.length),
          column((d) => d.complete),
          column((d) => d.disconnectedAt ?? null),
          replicate,
          column((d) => tracesOf(d.interactionId)),
        ],
      );
    });
  }

  /**
   * Leases due conversations, oldest first, up to `limit.conversations` of them and as many as fit in
   * `limit.events` unsent events (the first always, however many it has), so a backlogged lane takes whole calls'
   * worth of events, not a count of conversations that may hold a handful. None is claimed by two instances.
   */
  async claim(
    leaseMs: number,
    limit: { readonly conversations: number; readonly events?: number },
  ): Promise<ClaimedConversation[]> {
    const rows = await this.db.query<ConversationRow[]>(
      `WITH due AS (
         SELECT interaction_id, not_before,
           -- A row with nothing new (a retry, a wait's recheck, a flag) still counts as one: rows stay bounded.
           greatest(1, known_events - cardinality(accepted) - cardinality(skipped)) AS unsent
         FROM ${this.table}
         WHERE dirty AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY not_before, interaction_id LIMIT $2 FOR UPDATE SKIP LOCKED),
       fitting AS (
         SELECT interaction_id FROM (
           SELECT interaction_id, sum(unsent) OVER (ORDER BY not_before, interaction_id) AS running, unsent
           FROM due) d
         WHERE running <= $3 OR running = unsent),
       leased AS (
         UPDATE ${this.table} c SET lease_until = now() + make_interval(secs => $1::double precision / 1000)
         WHERE interaction_id IN (SELECT interaction_id FROM fitting)
         RETURNING interaction_id, document, accepted, skipped, wait_until, attempts, revision::text AS revision,
           traces, not_before)
       SELECT * FROM leased ORDER BY not_before, interaction_id`,
      [leaseMs, limit.conversations, limit.events ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map((row) => ({
      interactionId: row.interaction_id,
      document: row.document,
      accepted: new Set(row.accepted),
      skipped: new Set(row.skipped),
      waitUntil: row.wait_until ?? undefined,
      attempts: row.attempts,
      revision: row.revision,
      traces: row.traces,
    }));
  }

  /** Ends the lease of each claimed conversation with its result, in one statement. */
  async finish(unordered: readonly ConversationResult[]): Promise<void> {
    if (unordered.length === 0) return;
    const results = [...unordered].sort((a, b) =>
      a.interactionId < b.interactionId ? -1 : a.interactionId > b.interactionId ? 1 : 0,
    );
    const column = <T>(value: (result: ConversationResult) => T) => results.map(value);
    await this.db.transaction(async (manager) => {
      // Rows locked in the order the consumer's store takes them: the two never wait on each other in a cycle.
      await manager.query(
        `SELECT 1 FROM ${this.table} WHERE interaction_id = ANY($1) ORDER BY interaction_id FOR UPDATE`,
        [results.map((r) => r.interactionId)],
      );
      await manager.query(
        `UPDATE ${this.table} c SET lease_until = NULL,
         accepted = ARRAY(SELECT DISTINCT unnest(c.accepted || string_to_array(r.accepted, ',') ::text[])),
         skipped = ARRAY(SELECT DISTINCT unnest(c.skipped || string_to_array(r.skipped, ',') ::text[])),
         outcome = r.outcome, reason = r.reason,
         wait_until = COALESCE(c.wait_until, r.wait_until),
         last_accepted_at = CASE WHEN r.accepted <> '' THEN now() ELSE c.last_accepted_at END,
         dirty = c.revision::text <> r.revision OR r.due_in_ms IS NOT NULL,
         not_before = CASE WHEN r.due_in_ms IS NULL THEN c.not_before
                           ELSE now() + make_interval(secs => r.due_in_ms / 1000) END,
         attempts = CASE WHEN r.failed THEN c.attempts + 1 ELSE 0 END,
         traces = CASE WHEN c.revision::text = r.revision AND r.due_in_ms IS NULL THEN '[]' ELSE c.traces END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
         $8::double precision[], $9::boolean[]) AS r(interaction_id, revision, outcome, reason, accepted, skipped,
         wait_until, due_in_ms, failed)
       WHERE c.interaction_id = r.interaction_id`,
        [
          column((r) => r.interactionId),
          column((r) => r.revision),
          column((r) => r.outcome),
          column((r) => r.reason ?? null),
          column((r) => r.accepted.join(',')),
          column((r) => r.skipped.join(',')),
          column((r) => r.waitUntil ?? null),
          column((r) => r.dueInMs ?? null),
          column((r) => r.failed),
        ],
      );
    });
  }

  /** Outcomes per interaction, newest change first (operators, tests). */
  async outcomes(
    limit: number,
  ): Promise<
    { interactionId: string; outcome: ReplicationOutcome; reason: string | null; accepted: number }[]
  > {
    const rows = await this.db.query<
      { interaction_id: string; outcome: ReplicationOutcome; reason: string | null; accepted: number }[]
    >(
      `SELECT interaction_id, outcome, reason, cardinality(accepted) AS accepted FROM ${this.table}
       ORDER BY changed_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      interactionId: row.interaction_id,
      outcome: row.outcome,
      reason: row.reason,
      accepted: row.accepted,
    }));
  }

  /** Conversations with events to send (due now or later, a bounded wait included): the lane's backlog. */
  async backlog(): Promise<number> {
    const rows = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${this.table} WHERE dirty`,
    );
    return rows[0]?.count ?? 0;
  }

  /** Counts per outcome. */
  async counts(): Promise<Record<ReplicationOutcome, number>> {
    const rows = await this.db.query<{ outcome: ReplicationOutcome; count: string }[]>(
      `SELECT outcome, count(*) AS count FROM ${this.table} GROUP BY outcome`,
    );
    const counts: Record<ReplicationOutcome, number> = {
      pending: 0,
      waiting: 0,
      replicated: 0,
      partial: 0,
      error: 0,
    };
    for (const row of rows) counts[row.outcome] = Number(row.count);
    return counts;
  }

  /**
   * Backfill: these interactions are due again, what was sent forgotten, so each of their events goes once more
   * (Genesys takes a repeated event id as the event it has).
   */
  async resend(interactionIds: readonly string[]): Promise<void> {
    if (interactionIds.length === 0) return;
    await this.db.query(`UPDATE ${this.table} SET ${replicateAgain} WHERE interaction_id = ANY($1)`, [
      [...new Set(interactionIds)].sort(),
    ]);
  }
}
