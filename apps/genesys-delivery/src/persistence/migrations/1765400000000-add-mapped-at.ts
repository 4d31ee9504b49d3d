import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When MAPPING stored each object's latest desired document (JetStream's timestamp, nanoseconds). A document is
 * stored only if it is at least that new, so a redelivered older document (a crashed instance's unacked batch,
 * handed to another) cannot overwrite a newer one.
 */
export class AddMappedAt1765400000000 implements MigrationInterface {
  name = 'AddMappedAt1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${schemaOf(runner)}.delivery_objects ADD COLUMN mapped_at_ns bigint NOT NULL DEFAULT 0`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${schemaOf(runner)}.delivery_objects DROP COLUMN mapped_at_ns`);
  }
}
