import {
  blockBucket,
  fullBucket,
  nextBucket,
  type RateBucket,
  type RateBudgetSettings,
} from '@bridge/delivery-planning';
import type { RequestGate } from '@bridge/genesys-client';
import type { DataSource } from 'typeorm';
import { quoteIdentifier } from './delivery-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BucketRow {
  tokens: number;
  updated_at_ms: string;
  blocked_until_ms: string;
  now_ms: string;
}

/**
 * The one rate budget of the org, shared by every worker of every instance: a row in Postgres, read and written
 * under a row lock in one short transaction per request, with the database's clock, so instances on machines
 * whose clocks differ still agree. The decisions are `nextBucket` and `blockBucket` (delivery-planning).
 */
export class PostgresRateGate implements RequestGate {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
    private readonly settings: RateBudgetSettings,
    private readonly name = 'genesys',
  ) {
    this.table = `${quoteIdentifier(schema)}.delivery_rate_budget`;
  }

  async acquire(): Promise<void> {
    for (;;) {
      const waitMs = await this.update((bucket, now) => {
        const decision = nextBucket(bucket, now, this.settings);
        return { bucket: decision.bucket, waitMs: decision.allowed ? 0 : decision.waitMs };
      });
      if (waitMs === 0) return;
      await sleep(Math.min(waitMs, 1000));
    }
  }

  async rateLimited(retryAfterMs: number): Promise<void> {
    await this.update((bucket, now) => ({ bucket: blockBucket(bucket, now, retryAfterMs), waitMs: 0 }));
  }

  private async update(
    decide: (bucket: RateBucket, nowMs: number) => { bucket: RateBucket; waitMs: number },
  ) {
    return this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO ${this.table} (name, tokens, updated_at_ms)
         VALUES ($1, $2, (extract(epoch from clock_timestamp()) * 1000)::bigint) ON CONFLICT (name) DO NOTHING`,
        [this.name, fullBucket(this.settings, 0).tokens],
      );
      const rows = await manager.query<BucketRow[]>(
        `SELECT tokens, updated_at_ms, blocked_until_ms,
                (extract(epoch from clock_timestamp()) * 1000)::bigint AS now_ms
         FROM ${this.table} WHERE name = $1 FOR UPDATE`,
        [this.name],
      );
      const row = rows[0];
      if (!row) throw new Error('rate budget row missing');
      const now = Number(row.now_ms);
      const { bucket, waitMs } = decide(
        {
          tokens: row.tokens,
          updatedAtMs: Number(row.updated_at_ms),
          blockedUntilMs: Number(row.blocked_until_ms),
        },
        now,
      );
      await manager.query(
        `UPDATE ${this.table} SET tokens = $2, updated_at_ms = $3, blocked_until_ms = $4 WHERE name = $1`,
        [this.name, bucket.tokens, Math.round(bucket.updatedAtMs), Math.round(bucket.blockedUntilMs)],
      );
      return waitMs;
    });
  }
}
