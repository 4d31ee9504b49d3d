import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendLock, checkedPathState } from '../append-protocol';
import { schemaOf } from '@bridge/postgres';

/**
 * `try_append_events(requests jsonb, channel text) RETURNS integer[]`: the append that holds when no event of the
 * call is stored yet and every stream is where its writer expects, which is nearly every append. It inserts
 * without looking first: the unique indexes the INSERT maintains anyway answer both questions, a stored event id
 * or a taken (stream, version) raising a unique violation that rolls the call back. The caller then runs
 * `append_events`, which skips stored ids and names the conflicting version (ADR 0002). A stream with expected
 * version n > 0 needs version n to exist, or the call would leave a gap: when it does not, this raises
 * `checkedPathState` for the same fallback. A stream with `any` (or no events) still reads its version.
 *
 * Returns each request's stream version before the call; the caller adds the request's event count.
 *
 * `try_append_event(...)` is the same for one event of one stream, with the event as parameters: no request to
 * unpack and no set to build, so a single append costs a plpgsql call with two or three plain statements.
 */
export class TryAppend1765520000000 implements MigrationInterface {
  name = 'TryAppend1765520000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    await runner.query(`
      CREATE FUNCTION ${schema}.try_append_events(requests jsonb, channel text) RETURNS integer[]
      LANGUAGE plpgsql VOLATILE SET search_path = ${schema} AS $fn$
      DECLARE
        bases integer[];
        unsettled boolean;
        appended boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLock});
        WITH requested AS (
          SELECT r.request_no, r.stream_id, r.events,
                 CASE
                   WHEN r.expected IS NULL OR jsonb_array_length(r.events) = 0 THEN
                     coalesce((SELECT max(s.stream_version) FROM events s WHERE s.stream_id = r.stream_id), 0)
                   WHEN r.expected = 0
                     OR EXISTS (SELECT 1 FROM events s WHERE s.stream_id = r.stream_id AND s.stream_version = r.expected)
                     THEN r.expected
                 END AS base
          FROM ROWS FROM (jsonb_to_recordset(requests) AS ("streamId" text, "expectedVersion" integer, events jsonb))
               WITH ORDINALITY AS r(stream_id, expected, events, request_no)
        ),
        inserted AS (
          INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
          SELECT e.id, q.stream_id, q.base + e.event_no, e.type, e.data, coalesce(e.metadata, '{}')
          FROM requested q,
               ROWS FROM (jsonb_to_recordset(q.events) AS (id uuid, type text, data jsonb, metadata jsonb))
               WITH ORDINALITY AS e(id, type, data, metadata, event_no)
          WHERE q.base IS NOT NULL
          ORDER BY q.request_no, e.event_no
        )
        SELECT array_agg(base ORDER BY request_no), bool_or(base IS NULL), bool_or(jsonb_array_length(events) > 0)
          INTO bases, unsettled, appended FROM requested;
        IF unsettled THEN
          RAISE EXCEPTION 'an expected version was not found' USING ERRCODE = '${checkedPathState}';
        END IF;
        IF appended THEN
          PERFORM pg_notify(channel, '');
        END IF;
        RETURN coalesce(bases, '{}');
      END
      $fn$`);
    await runner.query(`
      CREATE FUNCTION ${schema}.try_append_event(
        stream text, expected integer, event_id uuid, event_type text, event_data jsonb, event_metadata jsonb,
        channel text
      ) RETURNS integer
      LANGUAGE plpgsql VOLATILE SET search_path = ${schema} AS $fn$
      DECLARE
        base integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLock});
        IF expected IS NULL THEN
          SELECT coalesce(max(s.stream_version), 0) INTO base FROM events s WHERE s.stream_id = stream;
        ELSIF expected = 0
          OR EXISTS (SELECT 1 FROM events s WHERE s.stream_id = stream AND s.stream_version = expected) THEN
          base := expected;
        ELSE
          RAISE EXCEPTION 'an expected version was not found' USING ERRCODE = '${checkedPathState}';
        END IF;
        INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
          VALUES (event_id, stream, base + 1, event_type, event_data, coalesce(event_metadata, '{}'));
        PERFORM pg_notify(channel, '');
        RETURN base;
      END
      $fn$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DROP FUNCTION ${schemaOf(runner)}.try_append_event(text, integer, uuid, text, jsonb, jsonb, text)`,
    );
    await runner.query(`DROP FUNCTION ${schemaOf(runner)}.try_append_events(jsonb, text)`);
  }
}
