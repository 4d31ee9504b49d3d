import { eventually, type ServiceProcess } from '@bridge/testing';
import { canonical, duplicates, type GenesysDump } from './support/expected-org';
import { startSyncSystem, warningsOf, type BridgeService, type SyncSystem } from './support/sync-system';

/**
 * Two instances of every sync service as processes (ADR 0014): cic-ingestion and object-mapping active/standby
 * through a Postgres lock, genesys-delivery sharing the work. During the initial sync and a change storm the
 * first instance of each is SIGKILLed; the org still converges to exactly what the center maps to, and every
 * Genesys object was created once.
 */
const CENTER = { users: 60, workgroups: 8, skills: 10, wrapups: 10, seed: 17 };
const SERVICES: readonly BridgeService[] = ['cic-ingestion', 'object-mapping', 'genesys-delivery'];
const STANDING_BY: readonly BridgeService[] = ['cic-ingestion', 'object-mapping'];

let system: SyncSystem;
const replicas = new Map<BridgeService, ServiceProcess>();

beforeAll(async () => {
  // Genesys answers 503 until every replica is up, and the budget is low, so the kills land mid-sync.
  system = await startSyncSystem({
    label: 'replicas',
    center: CENTER,
    deliveryEnv: {
      GC_RATE_LIMIT_PER_MINUTE: '900',
      DELIVERY_MAX_ATTEMPTS: '1000',
      DELIVERY_RETRY_MAX_MS: '500',
      // A killed instance's claims lapse sooner.
      DELIVERY_LEASE_MS: '3000',
    },
    beforeBridge: ({ genesysCall }) =>
      genesysCall('/sim/faults', 'POST', { pathPrefix: '/api/v2/', errorRatio: 1, errorStatus: 503 }).then(
        () => undefined,
      ),
  });
  await Promise.all(SERVICES.map(async (name) => replicas.set(name, await system.startReplica(name))));
}, 90_000);

afterAll(async () => {
  await system?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replica(name: BridgeService): ServiceProcess {
  const process = replicas.get(name);
  if (!process) throw new Error(`no second ${name} running`);
  return process;
}

async function healthOf(process: ServiceProcess): Promise<unknown> {
  return (await fetch(`${process.baseUrl}/health`)).json();
}

/**
 * Creates objects in CIC while the bridge syncs, some of them while the first instances die, and renames each
 * user soon after its creation: the two genesys-delivery instances share the MAPPING consumer, so a killed one's
 * unacked creation reaches the other after the rename, and must not undo it.
 */
async function changeStorm(): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await system.cicCall('/sim/skills', 'POST', { id: `Storm Skill ${i}` });
    await system.cicCall('/sim/users', 'POST', {
      id: `storm.user${i}`,
      businessEmail: `storm.user${i}@e2e.example`,
      skills: [{ skillId: `Storm Skill ${i}`, proficiency: 50 }],
    });
    await system.cicCall('/sim/wrap-up-codes', 'POST', {
      id: `Storm.Code${i}`,
      displayName: `Storm Code ${i}`,
    });
    if (i > 0)
      await system.cicCall(`/sim/users/storm.user${i - 1}`, 'PATCH', {
        displayName: `Storm User ${i - 1} renamed`,
      });
    await sleep(100);
  }
}

/** Successful creations per Genesys endpoint: a duplicate call that went through shows as one too many. */
async function creations(): Promise<Record<string, number>> {
  const { entries } = (await system.genesysCall('/sim/requests')) as {
    entries: { method: string; endpoint: string; status: number }[];
  };
  const counts: Record<string, number> = {};
  for (const { method, endpoint, status } of entries)
    if (method === 'POST' && status < 300) counts[endpoint] = (counts[endpoint] ?? 0) + 1;
  return counts;
}

function objectCounts(org: GenesysDump): Record<string, number> {
  return {
    'POST /api/v2/scim/v2/users': Object.keys(org.users).length,
    'POST /api/v2/routing/queues': Object.keys(org.queues).length,
    'POST /api/v2/routing/skills': Object.keys(org.skills).length,
    'POST /api/v2/routing/languages': Object.keys(org.languages).length,
    'POST /api/v2/routing/wrapupcodes': Object.keys(org.wrapupCodes).length,
  };
}

async function icwsSessions(): Promise<number> {
  const state = (await system.cicCall('/sim/state')) as { servers: { sessions: number }[] };
  return state.servers.reduce((sum, server) => sum + server.sessions, 0);
}

it('keeps a second instance of a lease holder standing by, ready and without work', async () => {
  expect(await icwsSessions()).toBe(1);
  for (const name of STANDING_BY)
    expect([name, await healthOf(replica(name))]).toEqual([name, { status: 'standby' }]);
  expect(await healthOf(replica('genesys-delivery'))).toMatchObject({ status: 'ok' });
});

it('converges exactly, each object created once, with the first instance of each service killed mid-sync', async () => {
  const started = Date.now();
  await system.genesysCall('/sim/faults', 'DELETE');
  const storm = changeStorm();
  const usersBefore = await eventually(async () => {
    const users = Object.keys((await system.dump()).users).length;
    return users >= 15 ? users : undefined;
  }, 20_000);
  const killed = SERVICES.map((name) => system.service(name));
  await Promise.all(killed.map((process) => process.kill()));
  await storm;
  const { expected, actual, dump } = await system.converged(30_000);
  if (canonical(actual) !== canonical(expected)) console.log(warningsOf([...killed, ...replicas.values()]));
  expect(actual).toEqual(expected);
  expect(usersBefore).toBeLessThan(CENTER.users);
  expect(duplicates(dump)).toEqual([]);
  const created = await creations();
  const counts = objectCounts(dump);
  expect(
    Object.fromEntries(Object.keys(counts).map((endpoint) => [endpoint, created[endpoint] ?? 0])),
  ).toEqual(counts);
  for (const name of STANDING_BY) expect(await healthOf(replica(name))).toMatchObject({ status: 'ok' });
  console.log(
    `killed with ${usersBefore} users synced; converged ${Date.now() - started} ms after the storm began; creations ${JSON.stringify(created)}`,
  );
}, 60_000);
