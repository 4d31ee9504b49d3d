import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The presence lane's table: the latest desired presence per user (never replaced by a lower sequence), what was
 * last delivered for it, the Genesys user the bridge became the primary presence source of, and the lane's own
 * dirty flag, revision and lease (as delivery_objects). `waiting` names what a presence waits for (a user or a secondary status), so the
 * reconciler can make it due again when that becomes live.
 */
export class CreateDeliveryPresences1764400000000 implements MigrationInterface {
  name = 'CreateDeliveryPresences1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.delivery_presences (
        key                    text        PRIMARY KEY,
        sequence               bigint      NOT NULL,
        present                boolean     NOT NULL,
        document               jsonb,
        reason                 text,
        delivered              jsonb,
        primary_source_user_id text,
        waiting                text        CHECK (waiting IN ('user', 'secondaryStatus')),
        revision               bigint      NOT NULL DEFAULT 1,
        dirty                  boolean     NOT NULL DEFAULT true,
        not_before             timestamptz NOT NULL DEFAULT now(),
        lease_until            timestamptz,
        attempts               integer     NOT NULL DEFAULT 0,
        changed_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX delivery_presences_dirty ON ${s}.delivery_presences (not_before) WHERE dirty`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.delivery_presences`);
  }
}
