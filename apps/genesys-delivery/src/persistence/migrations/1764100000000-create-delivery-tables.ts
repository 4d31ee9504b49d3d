import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * genesys-delivery's tables: the latest desired document per object with its dirty flag and lease, the id map
 * (CIC key ↔ Genesys id, created or adopted, last known state), the per-record status the console reads, the
 * one shared rate bucket, and paused deletions.
 */
export class CreateDeliveryTables1764100000000 implements MigrationInterface {
  name = 'CreateDeliveryTables1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.delivery_objects (
        kind        text        NOT NULL,
        key         text        NOT NULL,
        priority    smallint    NOT NULL,
        present     boolean     NOT NULL,
        document    jsonb,
        reason      text,
        revision    bigint      NOT NULL DEFAULT 1,
        dirty       boolean     NOT NULL DEFAULT true,
        not_before  timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        attempts    integer     NOT NULL DEFAULT 0,
        quarantined boolean     NOT NULL DEFAULT false,
        changed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`);
    await runner.query(
      `CREATE INDEX delivery_objects_dirty ON ${s}.delivery_objects (priority, not_before) WHERE dirty AND NOT quarantined`,
    );
    await runner.query(`
      CREATE TABLE ${s}.delivery_id_map (
        kind       text        NOT NULL,
        key        text        NOT NULL,
        genesys_id text        NOT NULL,
        origin     text        NOT NULL CHECK (origin IN ('created', 'adopted')),
        name       text        NOT NULL,
        live       boolean     NOT NULL DEFAULT true,
        actual     jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`);
    await runner.query(`CREATE INDEX delivery_id_map_genesys_id ON ${s}.delivery_id_map (kind, genesys_id)`);
    await runner.query(`
      CREATE TABLE ${s}.delivery_status (
        kind                 text        NOT NULL,
        key                  text        NOT NULL,
        status               text        NOT NULL CHECK (status IN ('synced', 'error', 'notSynced')),
        genesys_id           text,
        reason               text,
        error_code           text,
        error_message        text,
        quarantined          boolean     NOT NULL DEFAULT false,
        last_synchronized_at timestamptz,
        updated_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.delivery_rate_budget (
        name             text             PRIMARY KEY,
        tokens           double precision NOT NULL,
        updated_at_ms    bigint           NOT NULL,
        blocked_until_ms bigint           NOT NULL DEFAULT 0
      )`);
    await runner.query(`
      CREATE TABLE ${s}.delivery_deletion_pauses (
        kind         text             PRIMARY KEY,
        pending      integer          NOT NULL,
        managed      integer          NOT NULL,
        share        double precision NOT NULL,
        paused_at    timestamptz      NOT NULL DEFAULT now(),
        confirmed_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    for (const table of [
      'delivery_deletion_pauses',
      'delivery_rate_budget',
      'delivery_status',
      'delivery_id_map',
      'delivery_objects',
    ])
      await runner.query(`DROP TABLE ${s}.${table}`);
  }
}
