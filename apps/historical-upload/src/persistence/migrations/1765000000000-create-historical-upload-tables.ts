import { schemaOf } from '@bridge/postgres';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * historical-upload's tables. The projection: interval rows per interval × workgroup × media × skill set ×
 * language (CIC keys; counts and handle time in ms), each open interaction's last contributions (so a new state
 * applies only its difference; an ended one is dropped), and one row of projection state (its event-store
 * position, which moves in the same transaction as the rows, and the late-data counter). The Genesys names of
 * queues, skills and languages as object-mapping publishes them. The upload jobs: one row per job with every
 * step's facts and its history; at most one job not ended.
 */
export class CreateHistoricalUploadTables1765000000000 implements MigrationInterface {
  name = 'CreateHistoricalUploadTables1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.historical_upload_intervals (
        interval_start bigint  NOT NULL,
        workgroup_id   text    NOT NULL,
        media_type     text    NOT NULL,
        skill_set      text    NOT NULL,
        language       text    NOT NULL,
        offered        integer NOT NULL,
        handled        integer NOT NULL,
        handle_ms      bigint  NOT NULL,
        PRIMARY KEY (interval_start, workgroup_id, media_type, skill_set, language)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.historical_upload_interactions (
        interaction_id text  PRIMARY KEY,
        contributions  jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE ${s}.historical_upload_projection (
        id              boolean PRIMARY KEY DEFAULT true CHECK (id),
        position        bigint  NOT NULL DEFAULT 0,
        uploaded_until  bigint  NOT NULL DEFAULT 0,
        late_changes    bigint  NOT NULL DEFAULT 0,
        last_daily_run  timestamptz
      )`);
    await runner.query(`INSERT INTO ${s}.historical_upload_projection DEFAULT VALUES`);
    await runner.query(`
      CREATE TABLE ${s}.historical_upload_names (
        kind text NOT NULL CHECK (kind IN ('queue', 'skill', 'language')),
        key  text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (kind, key)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.historical_upload_jobs (
        id                  bigserial   PRIMARY KEY,
        trigger             text        NOT NULL CHECK (trigger IN ('daily', 'operator')),
        window_start        bigint      NOT NULL,
        window_end          bigint      NOT NULL,
        status              text        NOT NULL,
        file_name           text        NOT NULL,
        file_size           bigint,
        md5                 text,
        row_count           integer,
        omitted             jsonb,
        late_changes_built  bigint,
        upload_key          text,
        upload_url          text,
        upload_headers      jsonb,
        request_id          text,
        polls               integer     NOT NULL DEFAULT 0,
        attempts            integer     NOT NULL DEFAULT 0,
        not_before          timestamptz NOT NULL DEFAULT now(),
        error               text,
        history             jsonb       NOT NULL DEFAULT '[]',
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        finished_at         timestamptz
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX historical_upload_jobs_one_in_flight ON ${s}.historical_upload_jobs ((true))
       WHERE status NOT IN ('succeeded', 'failed')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    for (const table of ['jobs', 'names', 'projection', 'interactions', 'intervals'])
      await runner.query(`DROP TABLE ${s}.historical_upload_${table}`);
  }
}
