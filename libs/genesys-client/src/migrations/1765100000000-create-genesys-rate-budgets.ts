import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@bridge/postgres';

/**
 * The org's one rate budget (`PostgresRateGate`): a token bucket per name. Every service that calls Genesys Cloud
 * runs this migration with its own; the shared migrations table makes it run once, whichever starts first.
 */
export class CreateGenesysRateBudgets1765100000000 implements MigrationInterface {
  name = 'CreateGenesysRateBudgets1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${schemaOf(runner)}.genesys_rate_budgets (
        name             text             PRIMARY KEY,
        tokens           double precision NOT NULL,
        updated_at_ms    bigint           NOT NULL,
        blocked_until_ms bigint           NOT NULL DEFAULT 0
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.genesys_rate_budgets`);
  }
}
