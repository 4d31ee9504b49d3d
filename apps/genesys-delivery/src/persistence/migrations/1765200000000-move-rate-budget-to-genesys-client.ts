import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = 'name, tokens, updated_at_ms, blocked_until_ms';

/**
 * The org's rate budget belongs to every service that calls Genesys Cloud, so its table is now libs/genesys-client's
 * (`genesys_rate_budgets`, made by the migration before this one). An installed bridge keeps its bucket: the
 * row moves over (unless another service's tokens are already there) and delivery's former table goes.
 */
export class MoveRateBudgetToGenesysClient1765200000000 implements MigrationInterface {
  name = 'MoveRateBudgetToGenesysClient1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `INSERT INTO ${s}.genesys_rate_budgets (${COLUMNS})
       SELECT ${COLUMNS} FROM ${s}.delivery_rate_budgets ON CONFLICT (name) DO NOTHING`,
    );
    await runner.query(`DROP TABLE ${s}.delivery_rate_budgets`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // The same columns and primary key as the table it moved to, which is as delivery made it.
    await runner.query(
      `CREATE TABLE ${s}.delivery_rate_budgets (LIKE ${s}.genesys_rate_budgets INCLUDING ALL)`,
    );
    await runner.query(
      `INSERT INTO ${s}.delivery_rate_budgets (${COLUMNS}) SELECT ${COLUMNS} FROM ${s}.genesys_rate_budgets`,
    );
  }
}
