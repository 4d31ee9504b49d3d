import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventually } from '@bridge/testing';
import { Client } from 'pg';
import {
  actualConversation,
  expectedConversation,
  type ConversationView,
  type GenesysConversation,
  type MadeInteraction,
} from './support/expected-conversations';
import { startSyncSystem, type BridgeService, type SyncSystem } from './support/sync-system';

/**
 * Interaction replication end to end (issue 13), every service and both simulators as processes: a seeded run of
 * 1,000 interactions leaves exactly one Genesys conversation per CIC interaction with the right queues, agents,
 * media type, holds, transfers, wrap-up code and times, checked against the generator's own record; a second run
 * with kill -9 of each bridge service during it loses and duplicates none; then the replication state is wiped
 * and rebuilt by replay, and a backfill of the whole run from the event store sends every interaction again:
 * both times Genesys takes no new event.
 */
const CENTER = { users: 60, workgroups: 4, skills: 3, wrapups: 4, seed: 13 };
const INTERACTIONS = 1_000;
// Lives compressed so the center's agents keep up with the rate (a handled life lasts about half a second), and
// a short linger: nothing restarts during this run, so an ended interaction need not wait in its queue.
const TRAFFIC = {
  ratePerSecond: 100,
  durationS: 60,
  interactions: INTERACTIONS,
  seed: 2026,
  lifeScale: 0.0025,
  lingerS: 0.5,
};
const KILL_TRAFFIC = {
  ...TRAFFIC,
  ratePerSecond: 50,
  interactions: 400,
  seed: 2027,
  // Longer than a service's restart under load: an interaction that ends while cic-ingestion is down is still in
  // its queue when the new session's snapshot comes. The test waits on the interactions' ends, not on this.
  lingerS: 30,
  // A conference begun and ended inside cic-ingestion's outage is lost like a hold (ADR 0010), and the one
  // conferee of an agent not synced would be all that tells who hung up: this run checks losses, not them.
  shares: { conference: 0 },
};
const BRIDGE_SERVICES: readonly BridgeService[] = ['cic-ingestion', 'object-mapping', 'genesys-delivery'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TrafficState {
  running: boolean;
  interactions: number;
  made: MadeInteraction[];
}

/** Every interaction the run was to make is made and has taken its last step before leaving its queue. */
async function trafficEnded(system: SyncSystem, interactions: number): Promise<void> {
  await eventually(async () => {
    const state = (await system.cicCall('/sim/traffic')) as TrafficState;
    if (state.running && state.interactions < interactions) return sleep(250).then(() => undefined);
    const { made } = (await system.cicCall('/sim/traffic?interactions=true')) as TrafficState;
    const ended = made.length === interactions && made.every(lastStepTaken);
    return ended ? true : sleep(250).then(() => undefined);
  }, 120_000);
}

/** The last run has let go of its interactions, so the simulator takes a new one. */
async function trafficStopped(system: SyncSystem): Promise<void> {
  await eventually(async () => {
    const state = (await system.cicCall('/sim/traffic')) as TrafficState;
    return state.running ? sleep(250).then(() => undefined) : true;
  }, 60_000);
}

/** Disconnected, and wrapped up when its agent had after-call work to do. */
function lastStepTaken(made: MadeInteraction): boolean {
  const disconnect = made.steps.find((step) => step.kind === 'disconnect');
  if (!disconnect) return false;
  return !disconnect.afterCallWork || made.steps.some((step) => step.kind === 'wrapUp');
}

/** genesys-delivery's replication outcomes, counted (none while it is not answering). */
async function outcomeCounts(system: SyncSystem): Promise<Record<string, number>> {
  const outcomes = (await system.deliveryCall('/replication/outcomes').catch(() => undefined)) as
    { counts: Record<string, number> } | undefined;
  return outcomes?.counts ?? {};
}

/** The lane has nothing left to send: no interaction goes on or waits for what is not synced yet. */
function idle(counts: Record<string, number>): boolean {
  return counts['pending'] === 0 && counts['waiting'] === 0;
}

/**
 * The lane holds a conversation for each of `interactions` and has nothing left to send: a cheap wait before
 * the whole comparison, which reads every conversation.
 */
async function laneIdle(system: SyncSystem, interactions: number): Promise<void> {
  await eventually(async () => {
    const counts = await outcomeCounts(system);
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return idle(counts) && rows >= interactions ? true : sleep(250).then(() => undefined);
  }, 120_000);
}

async function views(
  system: SyncSystem,
): Promise<{ expected: Record<string, ConversationView>; actual: Record<string, ConversationView[]> }> {
  const [traffic, center, org, genesys] = await Promise.all([
    system.cicCall('/sim/traffic?interactions=true') as Promise<TrafficState>,
    system.center(),
    system.dump(),
    system.genesysCall('/sim/conversations?conversations=true') as Promise<{
      conversations: GenesysConversation[];
    }>,
  ]);
  const synced = new Set(
    Object.values(org.users)
      .filter((user) => !user.foreign && user.active && user.externalId !== undefined)
      .map((user) => user.externalId ?? ''),
  );
  // Every interaction is a conversation: the customer's communication goes whatever else is synced.
  const expected = Object.fromEntries(
    traffic.made.map((made) => [made.interactionId, expectedConversation(made, center, synced)] as const),
  );
  const actual: Record<string, ConversationView[]> = {};
  for (const conversation of genesys.conversations)
    (actual[conversation.interactionId ?? '?'] ??= []).push(actualConversation(conversation, org));
  return { expected, actual };
}

describe('interaction replication', () => {
  let system: SyncSystem;

  beforeAll(async () => {
    // A conversation whose agent is not synced goes without it after this wait (the generated center has users
    // without a business email).
    system = await startSyncSystem({
      label: 'interactions',
      center: CENTER,
      deliveryEnv: { DELIVERY_REPLICATION_WAIT_MS: '2000' },
    });
    await system.converged(120_000);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('replicates 1,000 seeded interactions exactly once each, as the generator made them', async () => {
    await system.cicCall('/sim/traffic', 'POST', TRAFFIC);
    await trafficEnded(system, INTERACTIONS);
    await laneIdle(system, INTERACTIONS);
    let last: Awaited<ReturnType<typeof views>> | undefined;
    const settled = async () => {
      last = await views(system);
      const { expected, actual } = last;
      const done = Object.entries(expected).every(
        ([id, view]) => JSON.stringify(actual[id]) === JSON.stringify([view]),
      );
      if (done && Object.keys(actual).length === Object.keys(expected).length) return last;
      await sleep(500);
      return undefined;
    };
    const result = await eventually(settled, 120_000).catch(() => last);
    const made = ((await system.cicCall('/sim/traffic?interactions=true')) as TrafficState).made;
    expect(made).toHaveLength(INTERACTIONS);
    expect(Object.keys(result?.expected ?? {})).toHaveLength(INTERACTIONS);
    const mismatched = Object.entries(result?.expected ?? {}).filter(
      ([id, view]) => JSON.stringify(result?.actual[id]) !== JSON.stringify([view]),
    );
    expect(
      mismatched.slice(0, 3).map(([id, view]) => ({ id, expected: view, actual: result?.actual[id] })),
    ).toEqual([]);
    expect(Object.keys(result?.actual ?? {}).sort()).toEqual(Object.keys(result?.expected ?? {}).sort());
    const kinds = Object.values(result?.expected ?? {});
    // The run covered every life the rules map: holds, both transfers, conferences, wrap-up codes, abandons,
    // every medium, customers who hung up and customers hung up on.
    expect(kinds.some((v) => v.holds > 0)).toBe(true);
    expect(kinds.some((v) => v.transfers.includes('TransferUser'))).toBe(true);
    expect(kinds.some((v) => v.transfers.includes('TransferACD'))).toBe(true);
    expect(made.some((m) => m.steps.some((step) => step.kind === 'conference'))).toBe(true);
    expect(kinds.some((v) => v.wrapUpCode !== undefined)).toBe(true);
    expect(kinds.some((v) => v.agents.length === 0)).toBe(true);
    expect(new Set(kinds.map((v) => v.mediaType))).toEqual(new Set(['call', 'chat', 'email', 'callback']));
    expect(new Set(kinds.map((v) => v.customer))).toEqual(new Set(['Self', 'Peer']));
  }, 420_000);

  it('loses and duplicates no interaction through kill -9 of each service mid-traffic', async () => {
    const before = new Set(Object.keys((await views(system)).actual));
    await trafficStopped(system);
    await system.cicCall('/sim/traffic', 'POST', KILL_TRAFFIC);
    // One kill a second from the first second of traffic on, each service started again at once, so the three
    // outages overlap the traffic and one another.
    await Promise.all(
      BRIDGE_SERVICES.map(async (name, nth) => {
        await sleep(1_000 * (nth + 1));
        await system.service(name).kill();
        await system.start(name);
      }),
    );
    await trafficEnded(system, KILL_TRAFFIC.interactions);
    await laneIdle(system, INTERACTIONS + KILL_TRAFFIC.interactions);
    // A change wholly inside cic-ingestion's outage (a hold begun and ended) is not in any queue snapshot; the
    // interaction itself is: each one is in Genesys once, from its start to its end.
    const whole = async () => {
      const { expected, actual } = await views(system);
      const fresh = Object.keys(expected).filter((id) => !before.has(id));
      const ok = fresh.every((id) => {
        const found = actual[id];
        return (
          found?.length === 1 &&
          found[0]?.startedAt === expected[id]?.startedAt &&
          found[0]?.disconnectedAt === expected[id]?.disconnectedAt &&
          found[0]?.ended === expected[id]?.ended &&
          found[0]?.customer === expected[id]?.customer
        );
      });
      if (ok) return { fresh, actual };
      await sleep(500);
      return undefined;
    };
    const result = await eventually(whole, 120_000);
    expect(result.fresh).toHaveLength(KILL_TRAFFIC.interactions);
    expect(result.fresh.filter((id) => (result.actual[id]?.length ?? 0) !== 1)).toEqual([]);
  }, 360_000);

  it('takes no new event when the replication state is wiped and rebuilt by replay', async () => {
    // What the last run made is all sent first, so nothing sent after the wipe is new for a reason of its own.
    await laneIdle(system, INTERACTIONS + KILL_TRAFFIC.interactions);
    const before = (await system.genesysCall('/sim/conversations?conversations=true')) as {
      conversations: GenesysConversation[];
    };
    const held = before.conversations.reduce((sum, conversation) => sum + conversation.events.length, 0);
    await system.service('genesys-delivery').stop();
    const isolation = system.isolation();
    const db = new Client({ connectionString: isolation.databaseUrl });
    await db.connect();
    await db.query(`TRUNCATE "${isolation.schema}".delivery_conversations`);
    await db.end();
    const nats = await connect({ servers: isolation.natsUrl });
    const jsm = await jetstreamManager(nats);
    await jsm.consumers.delete(`${isolation.namespace}_MAPPING`, 'genesys-delivery--conversation-desired');
    await nats.close();
    await system.genesysCall('/sim/conversations/stats', 'DELETE');
    await system.start('genesys-delivery');
    // Done when every event Genesys holds has been sent again and the lane has nothing left to send.
    let last: unknown;
    const { after, counts } = await eventually(async () => {
      const stats = (await system.genesysCall('/sim/conversations')) as Record<string, number>;
      const sent = (stats['duplicates'] ?? 0) + (stats['accepted'] ?? 0);
      const counts = await outcomeCounts(system);
      const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
      last = { held, sent, rows, counts };
      if (sent >= held && idle(counts) && rows >= before.conversations.length)
        return { after: stats, counts };
      await sleep(500);
      return undefined;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; last seen ${JSON.stringify(last)}`);
    });
    expect(counts['error'] ?? 0).toBe(0);
    expect({ accepted: after['accepted'], conversations: after['conversations'] }).toEqual({
      accepted: 0,
      conversations: before.conversations.length,
    });
    expect(after['duplicates']).toBeGreaterThan(0);
  }, 240_000);

  it('backfills a time range from the event store: each interaction in it sent again, nothing new', async () => {
    const held = (await system.genesysCall('/sim/conversations?conversations=true')) as {
      conversations: GenesysConversation[];
    };
    const events = held.conversations.reduce((sum, conversation) => sum + conversation.events.length, 0);
    await system.genesysCall('/sim/conversations/stats', 'DELETE');
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 60 * 60_000).toISOString();
    const answer = (await system.deliveryCall('/replication/backfill', 'POST', { from, to })) as {
      interactions: number;
    };
    expect(answer.interactions).toBe(INTERACTIONS + KILL_TRAFFIC.interactions);
    const after = await eventually(async () => {
      const stats = (await system.genesysCall('/sim/conversations')) as Record<string, number>;
      const sent = (stats['duplicates'] ?? 0) + (stats['accepted'] ?? 0);
      if (sent >= events && idle(await outcomeCounts(system))) return stats;
      await sleep(500);
      return undefined;
    }, 120_000);
    expect({ accepted: after['accepted'], conversations: after['conversations'] }).toEqual({
      accepted: 0,
      conversations: held.conversations.length,
    });
  }, 180_000);
});
