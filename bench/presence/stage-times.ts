import { encodeSubjectToken, MappingPresenceDesired } from '@bridge/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import type { AppliedEvent, EventEndpoint } from '../../apps/genesys-cloud-simulator/src/domain/event-ledger';
import type { AppliedChange } from '../../apps/cic-simulator/src/storm-runner';
import type { Isolation } from '@bridge/testing';
import { percentile } from '../machine';

/** The stages of one status change, from the CIC simulator to the Genesys simulator. */
export const stages = [
  'CIC change → appended to the event store (cic-ingestion)',
  'appended → desired presence published (relay, JetStream, object-mapping)',
  'published → stored for the presence lane (JetStream, genesys-delivery)',
  'stored → presence event received by Genesys (the lane: round wait and call)',
  'stored → routing status event received by Genesys',
] as const;
export type Stage = (typeof stages)[number];

/**
 * When each agent's last change passed each stage, from what every stage keeps of its newest record per agent: the
 * event store's last `CicUserStatusChanged` of the agent (`recorded_at`, its transaction's start), MAPPING's last
 * message on the agent's desired-presence subject (JetStream's receipt time), the lane's row (`changed_at`, when
 * it was stored) and the last event of each endpoint the Genesys simulator applied. Only newest records survive, so
 * only the last change of each agent can be followed, at the end of the storm; an agent whose last change had not
 * yet reached a stage by the next one (not the same change) is left out of that stage.
 */
export async function stageTimes(
  isolation: Isolation,
  changes: readonly AppliedChange[],
  events: readonly AppliedEvent[],
  cicUserOf: (genesysUserId: string) => string | undefined,
): Promise<Record<Stage, number[]>> {
  const last = new Map<string, { statusId: string; atMs: number }>();
  for (const [userId, statusId, atMs] of changes) last.set(userId.toLowerCase(), { statusId, atMs });

  const db = new Client({ connectionString: isolation.databaseUrl });
  await db.connect();
  const schema = `"${isolation.schema}"`;
  const appended = new Map<string, { statusId: string; atMs: number }>();
  const stored = new Map<string, { key: string; statusId: string; atMs: number }>();
  try {
    const events = await db.query<{ user_id: string; status_id: string; at_ms: number }>(
      `SELECT DISTINCT ON (stream_id) data -> 'userStatus' ->> 'userId' AS user_id,
         data -> 'userStatus' ->> 'statusId' AS status_id, extract(epoch FROM recorded_at) * 1000 AS at_ms
       FROM ${schema}.events WHERE type = 'CicUserStatusChanged' ORDER BY stream_id, stream_version DESC`,
    );
    for (const row of events.rows)
      appended.set(row.user_id.toLowerCase(), { statusId: row.status_id, atMs: Number(row.at_ms) });
    const rows = await db.query<{ key: string; status_id: string | null; at_ms: number }>(
      `SELECT key, document ->> 'statusId' AS status_id, extract(epoch FROM changed_at) * 1000 AS at_ms
       FROM ${schema}.delivery_presences`,
    );
    for (const row of rows.rows)
      if (row.status_id)
        stored.set(row.key.toLowerCase(), { key: row.key, statusId: row.status_id, atMs: Number(row.at_ms) });
  } finally {
    await db.end();
  }

  const keys = [...stored.values()].map(({ key }) => key);
  const published = await lastPublishedOn(isolation, MappingPresenceDesired.subject, keys);

  const received: Record<EventEndpoint, Map<string, number>> = {
    presence: new Map(),
    routingStatus: new Map(),
  };
  for (const [endpoint, genesysUserId, , receivedAt] of events) {
    const cicId = cicUserOf(genesysUserId)?.toLowerCase();
    if (cicId !== undefined) received[endpoint].set(cicId, receivedAt);
  }

  const times = Object.fromEntries(stages.map((stage) => [stage, [] as number[]])) as Record<Stage, number[]>;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const [user, change] of last) {
    const append = appended.get(user);
    if (!append || !same(append.statusId, change.statusId)) continue;
    times[stages[0]].push(append.atMs - change.atMs);
    const store = stored.get(user);
    if (!store || !same(store.statusId, change.statusId)) continue;
    const publish = published.get(store.key);
    if (publish !== undefined && publish >= append.atMs) {
      times[stages[1]].push(publish - append.atMs);
      times[stages[2]].push(store.atMs - publish);
    }
    // An endpoint whose last event is older than the stored change had nothing to send for it.
    const presenceAt = received.presence.get(user);
    if (presenceAt !== undefined && presenceAt >= store.atMs) times[stages[3]].push(presenceAt - store.atMs);
    const routingAt = received.routingStatus.get(user);
    if (routingAt !== undefined && routingAt >= store.atMs) times[stages[4]].push(routingAt - store.atMs);
  }
  return times;
}

/** p50 / p90 / p99 of each stage, for the bench's table. */
export function stageRows(times: Record<Stage, number[]>): (readonly [string, string, string])[] {
  return stages.map((stage) => {
    const sorted = [...times[stage]].sort((a, b) => a - b);
    const at = (q: number) => `${percentile(sorted, q).toFixed(0)}`;
    return [
      stage,
      `${at(50)} / ${at(90)} / ${at(99)} ms`,
      `p50 / p90 / p99 of ${sorted.length} agents' last change`,
    ] as const;
  });
}

/**
 * When MAPPING received the newest message of each key's subject under `subject` (JetStream's receipt time), for
 * the keys that have one; asked 100 at a time.
 */
export async function lastPublishedOn(
  isolation: Isolation,
  subject: string,
  keys: readonly string[],
): Promise<Map<string, number>> {
  const published = new Map<string, number>();
  const nats = await connect({ servers: isolation.natsUrl });
  try {
    const manager = await jetstreamManager(nats);
    for (let i = 0; i < keys.length; i += 100)
      await Promise.all(
        keys.slice(i, i + 100).map(async (key) => {
          try {
            const message = await manager.streams.getMessage(`${isolation.namespace}_MAPPING`, {
              last_by_subj: `${isolation.namespace}.${subject}.${encodeSubjectToken(key)}`,
            });
            if (message) published.set(key, message.time.getTime());
          } catch {
            // no message under this spelling of the key
          }
        }),
      );
  } finally {
    await nats.close();
  }
  return published;
}
