import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drift audit's tables: drift found and not yet shown in an outcome (the repair's outcome carries it), one row
 * per repair the audit asked for (how often an object was repaired within a day), and the audit's one row: which
 * instance runs passes (a lease), and the last pass's summary for the operator.
 */
export class CreateDeliveryDriftTables1764600000000 implements MigrationInterface {
  name = 'CreateDeliveryDriftTables1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.delivery_drifts (
        kind     text        NOT NULL,
        key      text        NOT NULL,
        drift    jsonb       NOT NULL,
        found_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.delivery_drift_repairs (
        kind        text        NOT NULL,
        key         text        NOT NULL,
        repaired_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX delivery_drift_repairs_key ON ${s}.delivery_drift_repairs (kind, key, repaired_at)`,
    );
    await runner.query(`
      CREATE TABLE ${s}.delivery_audit_passes (
        name        text        PRIMARY KEY,
        holder      text        NOT NULL,
        lease_until timestamptz NOT NULL,
        last_pass   jsonb
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    for (const table of ['delivery_audit_passes', 'delivery_drift_repairs', 'delivery_drifts'])
      await runner.query(`DROP TABLE ${s}.${table}`);
  }
}
