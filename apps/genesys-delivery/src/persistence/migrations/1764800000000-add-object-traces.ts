import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace contexts of the changes that dirtied a desired object since its last reconcile began, so the
 * reconcile sits in (or links to) the traces of those changes (docs/architecture.md, "Traces").
 */
export class AddObjectTraces1764800000000 implements MigrationInterface {
  name = 'AddObjectTraces1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${schemaOf(runner)}.delivery_objects ADD COLUMN traces jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${schemaOf(runner)}.delivery_objects DROP COLUMN traces`);
  }
}
