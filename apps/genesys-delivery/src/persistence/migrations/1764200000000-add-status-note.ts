import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A synced record's note (contracts' SyncNote, e.g. the business email came from the mailbox), for the console. */
export class AddStatusNote1764200000000 implements MigrationInterface {
  name = 'AddStatusNote1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${schemaOf(runner)}.delivery_status ADD COLUMN note text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${schemaOf(runner)}.delivery_status DROP COLUMN note`);
  }
}
