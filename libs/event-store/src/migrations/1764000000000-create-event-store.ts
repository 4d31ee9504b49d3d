import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@bridge/postgres';

/** The event log, and the cursors of the relays that publish it (DESIGN §3). */
export class CreateEventStore1764000000000 implements MigrationInterface {
  name = 'CreateEventStore1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${schema}.events (
        position       bigserial   PRIMARY KEY,
        event_id       uuid        NOT NULL UNIQUE,
        stream_id      text        NOT NULL,
        stream_version integer     NOT NULL CHECK (stream_version > 0),
        type           text        NOT NULL,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL DEFAULT '{}',
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_version)
      )`);
    await runner.query(`
      CREATE TABLE ${schema}.outbox_cursors (
        relay      text        PRIMARY KEY,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`DROP TABLE ${schema}.outbox_cursors`);
    await runner.query(`DROP TABLE ${schema}.events`);
  }
}
