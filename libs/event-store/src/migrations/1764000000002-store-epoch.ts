import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@bridge/postgres';

/**
 * The store's epoch (ADR 0006): a random id made when the store is created, part of every message id the relay
 * publishes. Event ids are deterministic, so a new store (a wiped or restored database) repeats ids JetStream has
 * already seen; a new epoch keeps its messages from being dropped as duplicates of the old store's.
 */
export class StoreEpoch1764000000002 implements MigrationInterface {
  name = 'StoreEpoch1764000000002';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${schema}.store_epoch (
        only_row   boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
        epoch      uuid        NOT NULL DEFAULT gen_random_uuid(),
        started_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`INSERT INTO ${schema}.store_epoch DEFAULT VALUES`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.store_epoch`);
  }
}
