import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operator commands' tables (issue 15): the sync's one state row (paused or not, by whom, and the org epoch a
 * new-org reprovision advances, so every instance forgets what it cached of the old org), and the reprovision
 * runs, at most one of them running (a unique index on the running ones).
 */
export class CreateOperatorTables1764500000000 implements MigrationInterface {
  name = 'CreateOperatorTables1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.delivery_sync_state (
        singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
        paused     boolean     NOT NULL DEFAULT false,
        changed_by text,
        changed_at timestamptz,
        reason     text,
        org_epoch  integer     NOT NULL DEFAULT 0
      )`);
    await runner.query(`INSERT INTO ${s}.delivery_sync_state DEFAULT VALUES`);
    await runner.query(`
      CREATE TABLE ${s}.delivery_reprovisions (
        run_id      uuid        PRIMARY KEY,
        target      text        NOT NULL CHECK (target IN ('sameOrg', 'newOrg')),
        operator    text        NOT NULL,
        started_at  timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        mapping     jsonb
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX delivery_reprovisions_running ON ${s}.delivery_reprovisions ((true)) WHERE finished_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.delivery_reprovisions`);
    await runner.query(`DROP TABLE ${s}.delivery_sync_state`);
  }
}
