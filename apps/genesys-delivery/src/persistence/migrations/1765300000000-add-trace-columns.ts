import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose rows are made due by changes and delivered later. */
const tables = ['delivery_objects', 'delivery_presences', 'delivery_conversations'];

/**
 * The trace contexts of the changes that made a desired object, presence or conversation due since its last
 * delivery began, so the delivery sits in (or links to) the traces of those changes (docs/architecture.md,
 * "Traces").
 */
export class AddTraceColumns1765300000000 implements MigrationInterface {
  name = 'AddTraceColumns1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of tables)
      await runner.query(
        `ALTER TABLE ${schemaOf(runner)}.${table} ADD COLUMN traces jsonb NOT NULL DEFAULT '[]'`,
      );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of tables)
      await runner.query(`ALTER TABLE ${schemaOf(runner)}.${table} DROP COLUMN traces`);
  }
}
