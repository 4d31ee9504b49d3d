import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox catch-up's memory (ADR 0013, "Catch-up"): the last status the lane passed on per agent and request
 * (`delivery_inbox_requests`), which a catch-up compares the requests' current state with; and the last moment the
 * holder's sockets were all listening (`delivery_inbox_watermark`, one row), where a new holder's catch-up starts.
 */
export class CreateDeliveryInboxTables1765500000000 implements MigrationInterface {
  name = 'CreateDeliveryInboxTables1765500000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.delivery_inbox_requests (
        genesys_user_id text        NOT NULL,
        kind            text        NOT NULL CHECK (kind IN ('timeOffRequest', 'shiftTrade')),
        request_id      text        NOT NULL,
        status          text        NOT NULL,
        passed_on_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (genesys_user_id, kind, request_id)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.delivery_inbox_watermark (
        id          smallint    PRIMARY KEY CHECK (id = 1),
        listened_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.delivery_inbox_watermark`);
    await runner.query(`DROP TABLE ${s}.delivery_inbox_requests`);
  }
}
