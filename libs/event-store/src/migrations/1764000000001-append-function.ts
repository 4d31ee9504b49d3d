import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendLock, conflictState } from '../append-protocol';
import { schemaOf } from '@bridge/postgres';

/**
 * The events of an append request that are not stored yet, each with its stream and its place in that stream
 * among this call's new events (`k`). Requests are taken in order, so a stream named twice continues counting.
 */
const freshEvents = `
  requested AS (
    SELECT r.ordinality AS request_no, r.value->>'streamId' AS stream_id, r.value AS request
    FROM jsonb_array_elements(requests) WITH ORDINALITY AS r
  ),
  fresh AS (
    SELECT q.request_no, q.stream_id, e.value AS event,
           row_number() OVER (PARTITION BY q.stream_id ORDER BY q.request_no, e.ordinality) AS k
    FROM requested q, jsonb_array_elements(q.request->'events') WITH ORDINALITY AS e
    WHERE NOT EXISTS (SELECT 1 FROM events s WHERE s.event_id = (e.value->>'id')::uuid)
  ),
  base AS (
    SELECT d.stream_id, coalesce((SELECT max(s.stream_version) FROM events s WHERE s.stream_id = d.stream_id), 0) AS version
    FROM (SELECT DISTINCT stream_id FROM requested) d
  )`;

/**
 * `append_events(requests jsonb, channel text)`: a whole append in one round trip, set-based so a batch of
 * thousands of streams costs three statements, each linear in the batch (ADR 0002). Inside the function each statement takes a fresh
 * snapshot, so the checks after the lock see every append committed before it.
 */
export class AppendFunction1764000000001 implements MigrationInterface {
  name = 'AppendFunction1764000000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`
      CREATE FUNCTION ${schema}.append_events(requests jsonb, channel text) RETURNS jsonb
      LANGUAGE plpgsql VOLATILE SET search_path = ${schema} AS $fn$
      DECLARE
        results jsonb;
        conflict_stream text;
        conflict_version integer;
        total bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLock});
        WITH ${freshEvents},
        appended_counts AS (SELECT request_no, count(*) AS appended FROM fresh GROUP BY request_no),
        -- A request's current version: the stream's stored version plus what earlier requests of this call add.
        per_request AS (
          SELECT q.request_no, q.stream_id, q.request->'expectedVersion' AS expected,
                 coalesce(c.appended, 0) AS appended,
                 b.version + coalesce(sum(coalesce(c.appended, 0)) OVER (
                   PARTITION BY q.stream_id ORDER BY q.request_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                 ), 0) AS current_version
          FROM requested q JOIN base b USING (stream_id) LEFT JOIN appended_counts c USING (request_no)
        ),
        conflicts AS (
          SELECT * FROM per_request
          WHERE appended > 0 AND jsonb_typeof(expected) = 'number' AND (expected #>> '{}')::integer <> current_version
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
          WITH ${freshEvents}
          INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
            SELECT (f.event->>'id')::uuid, f.stream_id, b.version + f.k, f.event->>'type', f.event->'data',
                   coalesce(f.event->'metadata', '{}')
            FROM fresh f JOIN base b USING (stream_id)
            ORDER BY f.request_no, f.k;
          PERFORM pg_notify(channel, '');
        END IF;
        RETURN coalesce(results, '[]'::jsonb);
      END
      $fn$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION ${schemaOf(runner)}.append_events(jsonb, text)`);
  }
}
