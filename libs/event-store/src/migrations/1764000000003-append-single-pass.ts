import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendLock, conflictState } from '../append-protocol';
import { schemaOf } from '@bridge/postgres';
import { AppendFunction1764000000001 } from './1764000000001-append-function';

/**
 * `append_events(requests jsonb, channel text)` in one pass: the request is unpacked once (jsonb_to_recordset, not
 * a path lookup per field), and the checks and the INSERT are one statement, so the idempotency lookups and the
 * stream versions are read once instead of twice. A conflict raises after the INSERT, which the raise rolls back
 * with the rest of the transaction. The contract is the one of 1764000000001 (ADR 0002).
 */
export class AppendSinglePass1764000000003 implements MigrationInterface {
  name = 'AppendSinglePass1764000000003';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`
      CREATE OR REPLACE FUNCTION ${schema}.append_events(requests jsonb, channel text) RETURNS jsonb
      LANGUAGE plpgsql VOLATILE SET search_path = ${schema} AS $fn$
      DECLARE
        results jsonb;
        conflict_stream text;
        conflict_version integer;
        total bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLock});
        WITH requested AS (
          SELECT r.request_no, r.stream_id, r.expected, r.events
          FROM ROWS FROM (jsonb_to_recordset(requests) AS ("streamId" text, "expectedVersion" integer, events jsonb))
               WITH ORDINALITY AS r(stream_id, expected, events, request_no)
        ),
        -- The events not stored yet, each with its place among this call's new events of its stream (k).
        fresh AS (
          SELECT q.request_no, q.stream_id, e.event_no, e.id, e.type, e.data, e.metadata,
                 row_number() OVER (PARTITION BY q.stream_id ORDER BY q.request_no, e.event_no) AS k
          FROM requested q,
               ROWS FROM (jsonb_to_recordset(q.events) AS (id uuid, type text, data jsonb, metadata jsonb))
               WITH ORDINALITY AS e(id, type, data, metadata, event_no)
          WHERE NOT EXISTS (SELECT 1 FROM events s WHERE s.event_id = e.id)
        ),
        base AS (
          SELECT d.stream_id,
                 coalesce((SELECT max(s.stream_version) FROM events s WHERE s.stream_id = d.stream_id), 0) AS version
          FROM (SELECT DISTINCT stream_id FROM requested) d
        ),
        inserted AS (
          INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
          SELECT f.id, f.stream_id, b.version + f.k, f.type, f.data, coalesce(f.metadata, '{}')
          FROM fresh f JOIN base b USING (stream_id)
          ORDER BY f.request_no, f.event_no
        ),
        appended_counts AS (SELECT request_no, count(*) AS appended FROM fresh GROUP BY request_no),
        -- A request's current version: the stream's stored version plus what earlier requests of this call add.
        per_request AS (
          SELECT q.request_no, q.stream_id, q.expected, coalesce(c.appended, 0) AS appended,
                 b.version + coalesce(sum(coalesce(c.appended, 0)) OVER (
                   PARTITION BY q.stream_id ORDER BY q.request_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                 ), 0) AS current_version
          FROM requested q JOIN base b USING (stream_id) LEFT JOIN appended_counts c USING (request_no)
        ),
        conflicts AS (
          SELECT * FROM per_request
          WHERE appended > 0 AND expected IS NOT NULL AND expected <> current_version
          ORDER BY request_no LIMIT 1
        )
        SELECT (SELECT jsonb_agg(jsonb_build_object('streamId', stream_id, 'nextVersion', current_version + appended,
                                                    'appended', appended) ORDER BY request_no) FROM per_request),
               (SELECT sum(appended) FROM per_request),
               (SELECT stream_id FROM conflicts),
               (SELECT current_version FROM conflicts)
          INTO results, total, conflict_stream, conflict_version;
        IF conflict_stream IS NOT NULL THEN
          RAISE EXCEPTION 'stream % is at version %', conflict_stream, conflict_version
            USING ERRCODE = '${conflictState}',
                  DETAIL = jsonb_build_object('streamId', conflict_stream, 'actualVersion', conflict_version)::text;
        END IF;
        IF total > 0 THEN
          PERFORM pg_notify(channel, '');
        END IF;
        RETURN coalesce(results, '[]'::jsonb);
      END
      $fn$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION ${schemaOf(runner)}.append_events(jsonb, text)`);
    await new AppendFunction1764000000001().up(runner);
  }
}
