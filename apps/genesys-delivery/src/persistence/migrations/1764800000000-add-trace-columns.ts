import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace contexts of the changes that dirtied a desired object or presence since its last delivery began, so
 * the delivery sits in (or links to) the traces of those changes (docs/architecture.md, "Traces").
 */
export class AddTraceColumns1764800000000 implements MigrationInterface {
  name = 'AddTraceColumns1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of ['delivery_objects', 'delivery_presences'])
      await runner.query(
        `ALTER TABLE ${schemaOf(runner)}.${table} ADD COLUMN traces jsonb NOT NULL DEFAULT '[]'`,
      );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['delivery_objects', 'delivery_presences'])
      await runner.query(`ALTER TABLE ${schemaOf(runner)}.${table} DROP COLUMN traces`);
  }
}
