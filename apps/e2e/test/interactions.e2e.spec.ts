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
 * 1,000 interactions, with kill -9 of each bridge service during it, leaves exactly one Genesys conversation per
 * CIC interaction with the right queues, agents, media type, holds, transfers, wrap-up code and times, checked
 * against the generator's own record; then the replication state is wiped and rebuilt by replay, and Genesys
 * takes no new event.
 */
const CENTER = { users: 60, workgroups: 4, skills: 3, wrapups: 4, seed: 13 };
const INTERACTIONS = 1_000;
const TRAFFIC = {
  ratePerSecond: 25,
  durationS: 120,
  interactions: INTERACTIONS,
  seed: 2026,
  lifeScale: 0.01,
  // Longer than a service's restart: an interaction that ends while cic-ingestion is down is still in its queue
  // when the new session's snapshot comes.
  lingerS: 30,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TrafficState {
  running: boolean;
  interactions: number;
  made: MadeInteraction[];
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
  // An outbound call of an agent the bridge did not sync has nothing Genesys could be told: no conversation.
  const expected = Object.fromEntries(
    traffic.made
      .map((made) => [made.interactionId, expectedConversation(made, center, synced)] as const)
      .filter(([, view]) => view.startedAt !== undefined),
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

  it('replicates 1,000 seeded interactions exactly once each, through kill -9 of every service', async () => {
    await system.cicCall('/sim/traffic', 'POST', TRAFFIC);
    for (const name of ['cic-ingestion', 'object-mapping', 'genesys-delivery'] as BridgeService[]) {
      await sleep(8_000);
      await system.service(name).kill();
      await system.start(name);
    }
    await eventually(async () => {
      const state = (await system.cicCall('/sim/traffic')) as TrafficState;
      return state.running ? undefined : true;
    }, 120_000);
    let last: Awaited<ReturnType<typeof views>> | undefined;
    const settled = async () => {
      last = await views(system);
      const { expected, actual } = last;
      const done = Object.entries(expected).every(
        ([id, view]) => JSON.stringify(actual[id]) === JSON.stringify([view]),
      );
      return done && Object.keys(actual).length === Object.keys(expected).length ? last : undefined;
    };
    const result = await eventually(settled, 180_000).catch(() => last);
    const made = ((await system.cicCall('/sim/traffic?interactions=true')) as TrafficState).made;
    expect(made).toHaveLength(INTERACTIONS);
    expect(Object.keys(result?.expected ?? {}).length).toBeGreaterThan(INTERACTIONS * 0.9);
    const mismatched = Object.entries(result?.expected ?? {}).filter(
      ([id, view]) => JSON.stringify(result?.actual[id]) !== JSON.stringify([view]),
    );
    expect(
      mismatched.slice(0, 3).map(([id, view]) => ({ id, expected: view, actual: result?.actual[id] })),
    ).toEqual([]);
    expect(Object.keys(result?.actual ?? {}).sort()).toEqual(Object.keys(result?.expected ?? {}).sort());
    const kinds = Object.values(result?.expected ?? {});
    // The run covered every life the rules map: holds, both transfers, wrap-up codes, abandons, every medium.
    expect(kinds.some((v) => v.holds > 0)).toBe(true);
    expect(kinds.some((v) => v.transfers.includes('TransferUser'))).toBe(true);
    expect(kinds.some((v) => v.transfers.includes('TransferACD'))).toBe(true);
    expect(kinds.some((v) => v.wrapUpCode !== undefined)).toBe(true);
    expect(kinds.some((v) => v.agents.length === 0)).toBe(true);
    expect(new Set(kinds.map((v) => v.mediaType))).toEqual(new Set(['call', 'chat', 'email', 'callback']));
  }, 480_000);

  it('takes no new event when the replication state is wiped and rebuilt by replay', async () => {
    const before = (await system.genesysCall('/sim/conversations')) as { conversations: number };
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
    const outcomes = await eventually(async () => {
      const { counts } = (await system.deliveryCall('/replication/outcomes')) as {
        counts: Record<string, number>;
      };
      const done = (counts['replicated'] ?? 0) + (counts['partial'] ?? 0);
      return done >= before.conversations ? counts : undefined;
    }, 180_000);
    const after = (await system.genesysCall('/sim/conversations')) as Record<string, number>;
    expect(outcomes['error'] ?? 0).toBe(0);
    expect({ accepted: after['accepted'], conversations: after['conversations'] }).toEqual({
      accepted: 0,
      conversations: before.conversations,
    });
    expect(after['duplicates']).toBeGreaterThan(0);
  }, 240_000);
});
