import { MappingUserDesired } from '@bridge/contracts';
import { Client } from 'pg';
import type { SyncSystem } from '../../apps/e2e/test/support/sync-system';
import { percentile } from '../machine';
import { lastPublishedOn } from '../presence/stage-times';
import { requestLog } from './support';

/** The stages of one rename, from the CIC simulator to the bench seeing the new name in the Genesys simulator. */
export const renameStages = [
  'CIC change → appended to the event store (cic-ingestion)',
  'appended → desired user published on MAPPING (relay, JetStream, object-mapping)',
  'published → stored dirty by genesys-delivery (JetStream, its consumer)',
  'stored → SCIM call received by Genesys (claim, plan, SDK)',
  'received → new name seen by the bench (answer, the next poll)',
] as const;

/** One rename as the bench made it: wall-clock epoch milliseconds. */
export interface TimedRename {
  readonly cicId: string;
  readonly genesysId: string;
  readonly name: string;
  readonly sentAtMs: number;
  readonly seenAtMs: number;
}

/**
 * Where each rename spent its time, from what each stage keeps: the event store's row of the rename
 * (`recorded_at`, its transaction's start), MAPPING's last message on the user's desired subject (JetStream's
 * receipt time; each user is renamed once), delivery's row (`changed_at`, when the document was stored) and the
 * Genesys simulator's request log (the SCIM write to that user). The request log keeps only its newest entries,
 * so early renames of a long run may have no last stage; a rename missing a stage is left out of that stage.
 */
export async function renameStageTimes(
  system: SyncSystem,
  renames: readonly TimedRename[],
): Promise<(number | undefined)[][]> {
  const isolation = system.isolation();
  const db = new Client({ connectionString: isolation.databaseUrl });
  await db.connect();
  const schema = `"${isolation.schema}"`;
  const appended = new Map<string, number>();
  const stored = new Map<string, number>();
  try {
    const events = await db.query<{ name: string; at_ms: number }>(
      `SELECT data -> 'user' ->> 'displayName' AS name, extract(epoch FROM recorded_at) * 1000 AS at_ms
       FROM ${schema}.events WHERE type = 'CicUserChanged' AND data -> 'user' ->> 'displayName' = ANY($1)`,
      [renames.map((r) => r.name)],
    );
    for (const row of events.rows) appended.set(row.name, Number(row.at_ms));
    const rows = await db.query<{ key: string; at_ms: number }>(
      `SELECT key, extract(epoch FROM changed_at) * 1000 AS at_ms
       FROM ${schema}.delivery_objects WHERE kind = 'user' AND key = ANY($1)`,
      [renames.map((r) => r.cicId)],
    );
    for (const row of rows.rows) stored.set(row.key, Number(row.at_ms));
  } finally {
    await db.end();
  }

  const published = await lastPublishedOn(
    isolation,
    MappingUserDesired.subject,
    renames.map((r) => r.cicId),
  );

  const writes = new Map<string, number>();
  for (const entry of (await requestLog(system)).entries)
    if (/^(PUT|PATCH)$/.test(entry.method) && entry.path.startsWith('/api/v2/scim/v2/users/'))
      writes.set(entry.path.split('/').at(-1) ?? '', entry.receivedAtMs);

  return renames.map((rename) => {
    const marks = [
      rename.sentAtMs,
      appended.get(rename.name),
      published.get(rename.cicId),
      stored.get(rename.cicId),
      writes.get(rename.genesysId),
      rename.seenAtMs,
    ];
    return renameStages.map((_, i) => {
      const [from, to] = [marks[i], marks[i + 1]];
      // A millisecond of slack: Postgres, JetStream and the simulator each round their own clock reading.
      return from !== undefined && to !== undefined && to >= from - 1 ? to - from : undefined;
    });
  });
}

/**
 * Each stage's p50 / p90 / p99 over every rename, and its median over the slowest 2% of renames (by their whole
 * latency): the tail's column says which stage makes a slow rename slow.
 */
export function renameStageRows(
  renames: readonly TimedRename[],
  stageTimes: readonly (number | undefined)[][],
): (readonly [string, string, string])[] {
  const total = (i: number) => (renames[i]?.seenAtMs ?? 0) - (renames[i]?.sentAtMs ?? 0);
  const slowest = renames
    .map((_, i) => i)
    .sort((a, b) => total(b) - total(a))
    .slice(0, Math.max(1, Math.ceil(renames.length * 0.02)));
  return renameStages.map((stage, s) => {
    const of = (indexes: readonly number[]) =>
      indexes
        .flatMap((i) => (stageTimes[i]?.[s] === undefined ? [] : [stageTimes[i]?.[s] ?? 0]))
        .sort((a, b) => a - b);
    const all = of(renames.map((_, i) => i));
    const at = (q: number) => percentile(all, q).toFixed(0);
    return [
      stage,
      `${at(50)} / ${at(90)} / ${at(99)} ms (${all.length})`,
      `${percentile(of(slowest), 50).toFixed(0)} ms`,
    ] as const;
  });
}
