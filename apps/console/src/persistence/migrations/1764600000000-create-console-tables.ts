import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's own tables. `console_record_history`: every mapping decision and delivery outcome the console
 * saw, keyed by stream and sequence so re-reading a stream adds nothing (the streams keep only the newest per
 * record; this keeps the rest). `console_activity`: what the bridge did and every operator action. And the
 * operators' sessions (a hash of the cookie's id, never the id itself).
 */
export class CreateConsoleTables1764600000000 implements MigrationInterface {
  name = 'CreateConsoleTables1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.console_record_history (
        stream   text        NOT NULL,
        sequence bigint      NOT NULL,
        kind     text        NOT NULL,
        key      text        NOT NULL,
        type     text        NOT NULL,
        at       timestamptz NOT NULL,
        data     jsonb       NOT NULL,
        PRIMARY KEY (stream, sequence)
      )`);
    await runner.query(
      `CREATE INDEX console_record_history_record ON ${s}.console_record_history (kind, key, at)`,
    );
    await runner.query(`
      CREATE TABLE ${s}.console_activity (
        id        bigserial   PRIMARY KEY,
        at        timestamptz NOT NULL,
        source    text        NOT NULL CHECK (source IN ('bridge', 'operator')),
        actor     text        NOT NULL,
        action    text        NOT NULL,
        kind      text,
        key       text,
        detail    text        NOT NULL,
        origin    text        UNIQUE
      )`);
    await runner.query(`CREATE INDEX console_activity_at ON ${s}.console_activity (at DESC, id DESC)`);
    await runner.query(`
      CREATE TABLE ${s}.console_sessions (
        id_hash      text        PRIMARY KEY,
        operator     text        NOT NULL,
        origin       text        NOT NULL CHECK (origin IN ('cic', 'local')),
        csrf_token   text        NOT NULL,
        created_at   timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.console_sessions`);
    await runner.query(`DROP TABLE ${s}.console_activity`);
    await runner.query(`DROP TABLE ${s}.console_record_history`);
  }
}
