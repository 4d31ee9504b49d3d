import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@bridge/postgres';

/**
 * Stream ids compare byte by byte (collation "C"). Every append inserts into, and may probe, the (stream_id,
 * stream_version) index, and under a database's default collation each comparison on the way down that index is a
 * locale-aware strcoll. Nothing orders stream ids for people to read, and equality is the same under both, so the
 * locale buys nothing here. Changing the collation rebuilds that index in place; the rows are not rewritten.
 */
export class StreamIdBytewise1765520000001 implements MigrationInterface {
  name = 'StreamIdBytewise1765520000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${schemaOf(runner)}.events ALTER COLUMN stream_id TYPE text COLLATE "C"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${schemaOf(runner)}.events ALTER COLUMN stream_id TYPE text COLLATE "default"`,
    );
  }
}
