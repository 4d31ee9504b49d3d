import {
  blockBucket,
  fullBucket,
  nextBucket,
  type RateBucket,
  type RateBudgetSettings,
} from '@bridge/delivery-planning';
import type { RequestGate } from './genesys-client';
import type { DataSource } from 'typeorm';
import { rateBudgetsTable } from './migrations';
import { rateBudgetLimit, rateBudgetTokensTaken } from './genesys-metrics';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BucketRow {
  tokens: number;
  updated_at_ms: string;
  blocked_until_ms: string;
  now_ms: string;
}

export interface RateGateOptions {
  /** Tokens taken from the shared bucket in one round trip, for this process's workers to spend. */
  readonly block: number;
  /**
   * How long taken tokens stay spendable. Also how long another instance may go on sending after a `Retry-After`
   * it has not seen yet (this instance drops its tokens at once when it gets a 429).
   */
  readonly holdMs: number;
}

/**
 * The one rate budget of the org, shared by every worker of every instance: a row in Postgres read with the
 * database's clock (so instances whose clocks differ still agree) and written by compare-and-set, so taking
 * tokens costs one round trip when nothing is spent (the bucket off) and two when some are. Tokens are taken in
 * blocks that this process's workers spend for a short while: one round trip per request was a large part of a
 * reconcile. A write that lost a race decides again on the row as it now is. The decisions are `nextBucket` and
 * `blockBucket` (delivery-planning).
 */
export class PostgresRateGate implements RequestGate {
  private readonly table: string;
  private created: Promise<unknown> | undefined;
  /** Tokens taken and not spent yet, spendable until `expiresAtMs` (this process's clock). */
  private held = { tokens: 0, expiresAtMs: 0 };
  /** The round trip that takes the next block, shared by the workers waiting for it; answers the wait. */
  private taking: Promise<number> | undefined;
  /** 429s seen by this process: a block taken while one arrived is dropped. */
  private limited = 0;
  /**
   * Until when a 429 this process received holds its requests back, on its own clock: the shared row learns of
   * the block a round trip later, and with the bucket off a worker taking tokens in between would not see it.
   */
  private blockedUntilMs = 0;

  constructor(
    private readonly db: DataSource,
    schema: string,
    private readonly settings: RateBudgetSettings,
    private readonly options: RateGateOptions = { block: 16, holdMs: 200 },
    private readonly name = 'genesys',
  ) {
    this.table = rateBudgetsTable(schema);
    rateBudgetLimit.set({ budget: name }, settings.perMinute);
  }

  async acquire(): Promise<void> {
    for (;;) {
      const blockedMs = this.blockedUntilMs - Date.now();
      if (blockedMs > 0) {
        await sleep(blockedMs);
        continue;
      }
      if (this.held.tokens > 0 && Date.now() < this.held.expiresAtMs) {
        this.held.tokens--;
        return;
      }
      this.taking ??= this.takeBlock().finally(() => (this.taking = undefined));
      const waitMs = await this.taking;
      if (waitMs > 0) await sleep(Math.min(waitMs, 1000));
    }
  }

  /** 429s this process received since it started (the operator's status read). */
  get rateLimitedCount(): number {
    return this.limited;
  }

  async rateLimited(retryAfterMs: number): Promise<void> {
    this.held = { tokens: 0, expiresAtMs: 0 };
    this.limited++;
    this.blockedUntilMs = Math.max(this.blockedUntilMs, Date.now() + retryAfterMs);
    await this.update((bucket, now) => ({ bucket: blockBucket(bucket, now, retryAfterMs), waitMs: 0 }));
  }

  private async takeBlock(): Promise<number> {
    let granted = 0;
    const limited = this.limited;
    const waitMs = await this.update((bucket, now) => {
      const decision = nextBucket(bucket, now, this.settings, this.options.block);
      granted = decision.allowed ? decision.granted : 0;
      return decision.allowed
        ? { bucket: decision.bucket, waitMs: 0 }
        : // Nothing spent: the refill is a function of time, so the row needs no write.
          { bucket, waitMs: decision.waitMs };
    });
    if (granted > 0) rateBudgetTokensTaken.inc({ budget: this.name }, granted);
    if (granted > 0 && limited === this.limited)
      this.held = { tokens: granted, expiresAtMs: Date.now() + this.options.holdMs };
    return waitMs;
  }

  private async update(
    decide: (bucket: RateBucket, nowMs: number) => { bucket: RateBucket; waitMs: number },
  ): Promise<number> {
    for (;;) {
      // A failed insert (Postgres restarting) is forgotten, not kept: every later request would get its error,
      // and every record would be quarantined once the database was back.
      this.created ??= this.db
        .query(
          `INSERT INTO ${this.table} (name, tokens, updated_at_ms)
           VALUES ($1, $2, (extract(epoch from clock_timestamp()) * 1000)::bigint) ON CONFLICT (name) DO NOTHING`,
          [this.name, fullBucket(this.settings, 0).tokens],
        )
        .catch((error: unknown) => {
          this.created = undefined;
          throw error;
        });
      await this.created;
      const rows = await this.db.query<BucketRow[]>(
        `SELECT tokens, updated_at_ms, blocked_until_ms,
                (extract(epoch from clock_timestamp()) * 1000)::bigint AS now_ms
         FROM ${this.table} WHERE name = $1`,
        [this.name],
      );
      const row = rows[0];
      if (!row) {
        this.created = undefined;
        continue;
      }
      const before: RateBucket = {
        tokens: row.tokens,
        updatedAtMs: Number(row.updated_at_ms),
        blockedUntilMs: Number(row.blocked_until_ms),
      };
      const { bucket, waitMs } = decide(before, Number(row.now_ms));
      // Nothing to write when nothing was decided, or when, with the bucket off, only the refill time moved
      // (no one reads it then). Equal token counts alone would not do: a refill of exactly one spent token
      // leaves the count equal and must still move the refill time.
      const off = this.settings.perMinute <= 0 && bucket.blockedUntilMs === before.blockedUntilMs;
      if (bucket === before || off) return waitMs;
      const [written] = await this.db.query<[unknown[], number]>(
        `UPDATE ${this.table} SET tokens = $2, updated_at_ms = $3, blocked_until_ms = $4
         WHERE name = $1 AND tokens = $5 AND updated_at_ms = $6 AND blocked_until_ms = $7 RETURNING name`,
        [
          this.name,
          bucket.tokens,
          Math.round(bucket.updatedAtMs),
          Math.round(bucket.blockedUntilMs),
          row.tokens,
          row.updated_at_ms,
          row.blocked_until_ms,
        ],
      );
      if (written.length > 0) return waitMs;
    }
  }
}
