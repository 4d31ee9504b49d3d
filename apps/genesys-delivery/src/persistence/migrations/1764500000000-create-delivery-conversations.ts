import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replication lane's table, one row per CIC interaction: the latest desired conversation (never replaced by
 * one with fewer events), the event ids Genesys accepted and those given up on, the per-interaction outcome with
 * its reason, and the lane's dirty flag, revision and lease (as delivery_presences). `wait_until` bounds how long
 * it waits for a queue, agent or wrap-up code not synced yet.
 */
export class CreateDeliveryConversations1764500000000 implements MigrationInterface {
  name = 'CreateDeliveryConversations1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.delivery_conversations (
        interaction_id   text        PRIMARY KEY,
        conversation_id  uuid        NOT NULL,
        document         jsonb       NOT NULL,
        known_events     integer     NOT NULL,
        complete         boolean     NOT NULL,
        disconnected_at  timestamptz,
        accepted         text[]      NOT NULL DEFAULT '{}',
        skipped          text[]      NOT NULL DEFAULT '{}',
        outcome          text        NOT NULL DEFAULT 'pending'
                         CHECK (outcome IN ('pending', 'waiting', 'replicated', 'partial', 'error')),
        reason           text,
        wait_until       timestamptz,
        revision         bigint      NOT NULL DEFAULT 1,
        dirty            boolean     NOT NULL DEFAULT true,
        not_before       timestamptz NOT NULL DEFAULT now(),
        lease_until      timestamptz,
        attempts         integer     NOT NULL DEFAULT 0,
        last_accepted_at timestamptz,
        changed_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX delivery_conversations_dirty ON ${s}.delivery_conversations (not_before) WHERE dirty`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.delivery_conversations`);
  }
}
